/// Writes the extracts' JSON: an array of objects whose keys keep the CSV's column order.
/// Hand-written because `JSONEncoder` neither keeps key order nor writes `4.0` for a rounded 4;
/// writes bytes, as the extracts of a full Twitch day run to tens of megabytes.
public struct JSONWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    private var rows = 0

    public init() { bytes.reserveCapacity(1 << 16) }

    public enum Value {
        case string(String)
        case integer(Int64)
        /// A number already rounded and formatted, written as a JSON number.
        case number(String)
    }

    public mutating func appendObject(_ fields: [(String, Value)]) {
        append(rows == 0 ? "\n {" : ",\n {")
        rows += 1
        for (i, (key, value)) in fields.enumerated() {
            append(i == 0 ? "\n  " : ",\n  ")
            Self.appendQuoted(key, to: &bytes)
            append(": ")
            switch value {
            case .string(let s): Self.appendQuoted(s, to: &bytes)
            case .integer(let n): append(String(n))
            case .number(let s): append(s)
            }
        }
        append("\n }")
    }

    public func finishedBytes() -> [UInt8] { bytes + Array((rows == 0 ? "]\n" : "\n]\n").utf8) }
    public func finished() -> String { String(decoding: finishedBytes(), as: UTF8.self) }

    private mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON string escaping on UTF-8 bytes: quote, backslash and control characters, plus U+2028
    /// and U+2029 (line breaks to JavaScript).
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        out.append(0x22)
        s.withUTF8 { utf8 in
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    out.append(contentsOf: Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    i += 2
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(0x22)
    }
}
