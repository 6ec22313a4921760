/// RFC 4180 CSV: `\n` line ends, fields quoted when they hold a comma, quote, CR or LF, and text
/// cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) prefixed
/// with `'`. Writes bytes: extracts of a full Twitch day run to tens of megabytes.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        appendRow(header.map { .text($0) })
    }

    public enum Cell {
        /// Names, ids, titles: escaped against formulas.
        case text(String)
        /// Numbers and times, written as they are.
        case plain(String)
    }

    public mutating func appendRow(_ cells: [Cell]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let s): append(s, formulaSafe: true)
            case .plain(let s): append(s, formulaSafe: false)
            }
        }
        bytes.append(0x0A)
    }

    private mutating func append(_ s: String, formulaSafe: Bool) {
        var s = s
        s.withUTF8 { utf8 in
            let guardFormula = formulaSafe && utf8.first.map(Self.startsFormula) == true
            var needsQuotes = false
            for b in utf8 where b == UInt8(ascii: ",") || b == 0x22 || b == 0x0A || b == 0x0D {
                needsQuotes = true
                break
            }
            if needsQuotes { bytes.append(0x22) }
            if guardFormula { bytes.append(UInt8(ascii: "'")) }
            if needsQuotes {
                for b in utf8 {
                    if b == 0x22 { bytes.append(0x22) }
                    bytes.append(b)
                }
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    static func startsFormula(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 0x09
            || b == 0x0D
    }
}
