import Model

/// Validates a raw row and turns it into an observation, naming the field at fault. A row that
/// parses but breaks a plausibility rule (METRICS.md §1) is refused like any invalid row.
enum RowConverter {
    static func observation(_ row: RawRow, rules: Plausibility) throws(RowProblem) -> Observation {
        let id = try requiredID(row, .id)
        let userID = try requiredID(row, .userID)
        let viewers = try viewerCount(row)
        let startedAt = try requiredTime(row, .startedAt)
        let timeColumn: Column = row[.lastUpdated] != nil || row[.observedAt] == nil ? .lastUpdated : .observedAt
        let observedAt = try requiredTime(row, timeColumn)
        if let v = rules.crawlTimeViolation(observedAt) { throw RowProblem(field: timeColumn.name, reason: v.reason) }
        if let v = rules.startedAtViolation(startedAt, crawlTime: observedAt) {
            throw RowProblem(field: Column.startedAt.name, reason: v.reason)
        }
        return Observation(
            streamID: id, userID: userID, userLogin: try text(row, .userLogin), userName: try text(row, .userName),
            gameID: try idText(row, .gameID), gameName: try text(row, .gameName), title: try text(row, .title),
            viewerCount: viewers, startedAt: startedAt, language: try text(row, .language), tags: try tags(row),
            isMature: try bool(row, .isMature), type: row[.type] == nil ? "live" : try text(row, .type),
            observedAt: observedAt)
    }

    private static func requiredID(_ row: RawRow, _ c: Column) throws(RowProblem) -> String {
        let v = try idText(row, c)
        if v.isEmpty { throw RowProblem(field: c.name, reason: "missing") }
        return v
    }

    /// Ids are opaque strings; imports may carry them as JSON numbers.
    private static func idText(_ row: RawRow, _ c: Column) throws(RowProblem) -> String {
        switch row[c] {
        case nil, .null: return ""
        case .string(let s): return s
        case .number(let n):
            guard n.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                throw RowProblem(field: c.name, reason: "not an id: \(n)")
            }
            return n
        case .bool, .json: throw RowProblem(field: c.name, reason: "must be a string or an integer")
        }
    }

    private static func text(_ row: RawRow, _ c: Column) throws(RowProblem) -> String {
        switch row[c] {
        case nil, .null: return ""
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .json: throw RowProblem(field: c.name, reason: "must be a string")
        }
    }

    private static func viewerCount(_ row: RawRow) throws(RowProblem) -> Int {
        let field = Column.viewerCount.name
        let text: String
        switch row[.viewerCount] {
        case nil, .null: throw RowProblem(field: field, reason: "missing")
        case .number(let n): text = n
        case .string(let s):
            if s.isEmpty { throw RowProblem(field: field, reason: "missing") }
            text = s
        case .bool, .json: throw RowProblem(field: field, reason: "must be a non-negative integer")
        }
        if let v = Int(text) {
            if let violation = Plausibility.viewerCountViolation(v) { throw RowProblem(field: field, reason: violation.reason) }
            return v
        }
        // Not an Int64: a fraction, an exponent, or digits beyond Int64's range (which must be
        // refused in words, never converted).
        if let d = Double(text), !d.isNaN {
            if d < 0 { throw RowProblem(field: field, reason: "must be a non-negative integer, got \(shortened(text))") }
            if d > Double(Plausibility.maxViewerCount) {
                throw RowProblem(field: field, reason: "must be at most 50,000,000, got \(shortened(text))")
            }
            throw RowProblem(field: field, reason: "must be an integer, got \(shortened(text))")
        }
        throw RowProblem(field: field, reason: "not a number: \(quoted(text))")
    }

    private static func requiredTime(_ row: RawRow, _ c: Column) throws(RowProblem) -> Millis {
        switch row[c] {
        case nil, .null: throw RowProblem(field: c.name, reason: "missing")
        case .string(let s):
            if s.isEmpty { throw RowProblem(field: c.name, reason: "missing") }
            guard let t = Timestamp.parse(s) else {
                throw RowProblem(field: c.name, reason: "not an RFC 3339 or BigQuery timestamp: \(quoted(s))")
            }
            return t
        case .number(let n): throw RowProblem(field: c.name, reason: "not a timestamp: \(n)")
        case .bool, .json: throw RowProblem(field: c.name, reason: "not a timestamp")
        }
    }

    private static func bool(_ row: RawRow, _ c: Column) throws(RowProblem) -> Bool {
        switch row[c] {
        case nil, .null: return false
        case .bool(let b): return b
        case .string(let s):
            switch s.lowercased() {
            case "", "false", "0": return false
            case "true", "1": return true
            default: throw RowProblem(field: c.name, reason: "must be true or false, got \(quoted(s))")
            }
        case .number(let n): return n != "0"
        case .json: throw RowProblem(field: c.name, reason: "must be true or false")
        }
    }

    private static func tags(_ row: RawRow) throws(RowProblem) -> String {
        switch row[.tags] {
        case nil, .null: return "[]"
        case .json(let text), .string(let text):
            guard let list = TagList.parse(text) else {
                throw RowProblem(field: Column.tags.name, reason: "not a list of tags: \(quoted(text))")
            }
            return TagList.json(list)
        case .number, .bool: throw RowProblem(field: Column.tags.name, reason: "must be a list")
        }
    }

    private static func quoted(_ s: String) -> String { "'\(shortened(s))'" }

    private static func shortened(_ s: String) -> String { s.count > 60 ? String(s.prefix(60)) + "…" : s }
}
