/// Writes the extracts' JSON: an array of objects whose keys keep the CSV's column order.
/// Hand-written because `JSONEncoder` neither keeps key order nor writes `4.0` for a rounded 4.
public struct JSONWriter {
    public private(set) var text = "["
    private var rows = 0

    public init() {}

    public enum Value {
        case string(String)
        case integer(Int64)
        /// A number already rounded and formatted, written as a JSON number.
        case number(String)
    }

    public mutating func appendObject(_ fields: [(String, Value)]) {
        text += rows == 0 ? "\n {" : ",\n {"
        rows += 1
        for (i, (key, value)) in fields.enumerated() {
            text += i == 0 ? "\n  " : ",\n  "
            text += Self.quote(key)
            text += ": "
            switch value {
            case .string(let s): text += Self.quote(s)
            case .integer(let n): text += String(n)
            case .number(let s): text += s
            }
        }
        text += "\n }"
    }

    public func finished() -> String { text + (rows == 0 ? "]\n" : "\n]\n") }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
