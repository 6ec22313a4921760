import Model

/// Where a known column's value lies in the line, and what kind of JSON value it is.
struct ValueRange {
    enum Kind: UInt8 { case absent, string, escapedString, number, trueValue, falseValue, null, nested }
    var kind = Kind.absent
    var start = 0
    var end = 0
}

/// Parses one NDJSON line — a flat JSON object — byte by byte. `scan` only finds where each known
/// column's value lies (no allocation); `parse` then decodes them into a `RawRow`. Other keys are
/// skipped; nested arrays (tags) are kept as their text.
struct NDJSONRowParser {
    private var scratch: [UInt8] = []
    private(set) var ranges = [ValueRange](repeating: ValueRange(), count: Column.allCases.count)

    /// Decodes the values `scan` found (call `scan` on the same line first).
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into row: inout RawRow) throws(RowProblem) {
        row.reset()
        for c in Column.allCases {
            let r = ranges[c.rawValue]
            var slice: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: line[r.start..<r.end]) }
            switch r.kind {
            case .absent: continue
            case .string: row[c] = .string(String(decoding: slice, as: UTF8.self))
            case .escapedString:
                var i = r.start
                row[c] = .string(try decodeString(line, &i, field: c.name))
            case .number: row[c] = .number(String(decoding: slice, as: UTF8.self))
            case .trueValue: row[c] = .bool(true)
            case .falseValue: row[c] = .bool(false)
            case .null: row[c] = .null
            case .nested: row[c] = .json(String(decoding: slice, as: UTF8.self))
            }
        }
    }

    /// Finds the known columns' values. A string's range excludes its quotes, except for an
    /// escaped string, whose range starts at the opening quote (for `decodeString`).
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) throws(RowProblem) {
        for k in ranges.indices { ranges[k] = ValueRange() }
        var i = 0
        let n = line.count
        func skipSpace() {
            while i < n, line[i] == 32 || line[i] == 9 || line[i] == 13 || line[i] == 10 { i += 1 }
        }
        skipSpace()
        guard i < n, line[i] == UInt8(ascii: "{") else { throw RowProblem(field: "line", reason: "not a JSON object") }
        i += 1
        skipSpace()
        if i < n, line[i] == UInt8(ascii: "}") { return }
        while true {
            skipSpace()
            guard i < n else { throw RowProblem(field: "line", reason: "malformed JSON: truncated") }
            guard line[i] == 0x22 else { throw RowProblem(field: "line", reason: "malformed JSON: expected a key") }
            let keyStart = i + 1
            guard let keyEnd = Self.simpleStringEnd(line, from: keyStart) else {
                throw RowProblem(field: "line", reason: "malformed JSON: bad key")
            }
            let column = Column.match(UnsafeBufferPointer(rebasing: line[keyStart..<keyEnd]))
            i = keyEnd + 1
            skipSpace()
            guard i < n, line[i] == UInt8(ascii: ":") else { throw RowProblem(field: "line", reason: "malformed JSON: expected ':'") }
            i += 1
            skipSpace()
            guard i < n else { throw RowProblem(field: "line", reason: "malformed JSON: truncated") }
            let field = column?.name ?? "line"
            var value = ValueRange()
            switch line[i] {
            case 0x22:
                if let end = Self.simpleStringEnd(line, from: i + 1) {
                    value = ValueRange(kind: .string, start: i + 1, end: end)
                    i = end + 1
                } else {
                    let start = i
                    try skipEscapedString(line, &i, field: field)
                    value = ValueRange(kind: .escapedString, start: start, end: i)
                }
            case UInt8(ascii: "-"), 48...57:
                let start = i
                i += 1
                while i < n, Self.isNumberByte(line[i]) { i += 1 }
                value = ValueRange(kind: .number, start: start, end: i)
            case UInt8(ascii: "t"):
                try expectWord(line, &i, "true", field: field)
                value.kind = .trueValue
            case UInt8(ascii: "f"):
                try expectWord(line, &i, "false", field: field)
                value.kind = .falseValue
            case UInt8(ascii: "n"):
                try expectWord(line, &i, "null", field: field)
                value.kind = .null
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let start = i
                try skipNested(line, &i, field: field)
                value = ValueRange(kind: .nested, start: start, end: i)
            default:
                throw RowProblem(field: field, reason: "malformed JSON value")
            }
            if let column { ranges[column.rawValue] = value }
            skipSpace()
            guard i < n else { throw RowProblem(field: "line", reason: "malformed JSON: truncated") }
            if line[i] == UInt8(ascii: ",") { i += 1; continue }
            if line[i] == UInt8(ascii: "}") {
                i += 1
                skipSpace()
                guard i == n else { throw RowProblem(field: "line", reason: "malformed JSON: text after the object") }
                return
            }
            throw RowProblem(field: "line", reason: "malformed JSON: expected ',' or '}'")
        }
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }

    /// End of a string without escapes (the closing quote's index), or nil.
    private static func simpleStringEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i < b.count {
            if b[i] == 0x22 { return i }
            if b[i] == UInt8(ascii: "\\") { return nil }
            i += 1
        }
        return nil
    }

    private mutating func decodeString(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, field: String) throws(RowProblem) -> String {
        let start = i + 1
        if let end = Self.simpleStringEnd(b, from: start) {
            i = end + 1
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        do {
            i = try JSONStringDecoder.decode(b, from: start, into: &scratch)
        } catch {
            switch error.problem {
            case .unterminated: throw RowProblem(field: field, reason: "unterminated string")
            case .unknownEscape: throw RowProblem(field: field, reason: "bad escape")
            case .badUnicodeEscape: throw RowProblem(field: field, reason: "bad \\u escape")
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    private func skipEscapedString(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, field: String) throws(RowProblem) {
        var j = i + 1
        while j < b.count {
            if b[j] == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if b[j] == 0x22 {
                i = j + 1
                return
            }
            j += 1
        }
        throw RowProblem(field: field, reason: "unterminated string")
    }

    private func expectWord(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ word: StaticString, field: String) throws(RowProblem) {
        let count = word.utf8CodeUnitCount
        guard i + count <= b.count,
            UnsafeBufferPointer(rebasing: b[i..<(i + count)]).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw RowProblem(field: field, reason: "malformed JSON value") }
        i += count
    }

    private func skipNested(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, field: String) throws(RowProblem) {
        var depth = 0
        var inString = false
        while i < b.count {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 1 } else if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
            } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                depth += 1
            } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    i += 1
                    return
                }
            }
            i += 1
        }
        throw RowProblem(field: field, reason: "malformed JSON: unterminated array or object")
    }
}
