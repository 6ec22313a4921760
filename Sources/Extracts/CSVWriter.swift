/// RFC 4180 CSV: `\n` line ends, fields quoted when they hold a comma, quote, CR or LF, and text
/// cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) prefixed
/// with `'`.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) {
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
            if i > 0 { text += "," }
            switch cell {
            case .text(let s): text += Self.quoted(Self.formulaSafe(s))
            case .plain(let s): text += Self.quoted(s)
            }
        }
        text += "\n"
    }

    static func formulaSafe(_ s: String) -> String {
        guard let first = s.utf8.first else { return s }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return "'" + s
        default: return s
        }
    }

    static func quoted(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
            needs = true
            break
        }
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
