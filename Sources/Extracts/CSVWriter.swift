/// RFC 4180 CSV: `\n` line ends, fields quoted when they hold a comma, quote, CR or LF, and text
/// cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) prefixed
/// with `'`. Writes bytes: extracts of a full Twitch day run to tens of megabytes.
public struct CSVWriter {
    private let out = ByteOutput()
    public var text: String { String(decoding: out.bytes, as: UTF8.self) }

    public init(header: [String]) {
        appendRow(header.map { .text($0) })
    }

    public enum Cell {
        /// Names, ids, titles: escaped against formulas.
        case text(String)
        /// Numbers and times, written as they are.
        case plain(String)
    }

    public func appendRow(_ cells: [Cell]) {
        Self.appendRow(cells, to: out)
    }

    static func appendRow(_ cells: [Cell], to out: ByteOutput) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let s): Self.appendCell(s, formulaSafe: true, to: out)
            case .plain(let s): Self.appendCell(s, formulaSafe: false, to: out)
            }
        }
        out.append(0x0A)
    }

    /// One cell, quoted and guarded as the rules above say.
    static func appendCell(_ s: String, formulaSafe: Bool, to out: ByteOutput) {
        if s.utf8.withContiguousStorageIfAvailable({ appendCell(UnsafeRawBufferPointer($0), formulaSafe: formulaSafe, to: out) }) == nil {
            var copy = s
            copy.withUTF8 { appendCell(UnsafeRawBufferPointer($0), formulaSafe: formulaSafe, to: out) }
        }
    }

    static func appendCell(_ utf8: UnsafeRawBufferPointer, formulaSafe: Bool, to out: ByteOutput) {
        let guardFormula = formulaSafe && utf8.first.map(startsFormula) == true
        var needsQuotes = false
        for b in utf8 where b == UInt8(ascii: ",") || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if needsQuotes { out.append(0x22) }
        if guardFormula { out.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for b in utf8 {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        } else {
            out.append(utf8)
        }
    }

    static func startsFormula(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 0x09
            || b == 0x0D
    }
}
