/// Splits RFC 4180 records into fields. A record may span several physical lines when a quoted
/// field holds a line break; `feed` reports whether the record is complete.
struct CSVRecordParser {
    private(set) var fields: [String] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var fieldStarted = false

    /// Adds one physical line. Returns true when the record is complete (quotes balanced).
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>) throws(RowProblem) -> Bool {
        var i = 0
        let n = line.count
        if inQuotes { field.append(0x0A) }
        while i < n {
            let c = line[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < n, line[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(c)
                }
            } else if c == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
            } else if c == 0x22 && field.isEmpty && !fieldStarted {
                inQuotes = true
                fieldStarted = true
            } else if c == 0x22 {
                throw RowProblem(field: "line", reason: "malformed CSV: a quote inside an unquoted field")
            } else {
                field.append(c)
                fieldStarted = true
            }
            i += 1
        }
        if inQuotes { return false }
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStarted = false
        return true
    }

    /// The fields of the completed record; the parser is then ready for the next one.
    mutating func takeFields() -> [String] {
        defer { fields.removeAll(keepingCapacity: true) }
        return fields
    }

    var isInsideQuotes: Bool { inQuotes }
}
