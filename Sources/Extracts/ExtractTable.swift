import Model

/// One cell of an extract, typed so CSV and JSON write it the same way.
public enum Field {
    case text(String)
    case integer(Int64)
    /// Rounded to three decimals when written.
    case decimal(Double)
    /// RFC 3339 UTC with seconds.
    case time(Millis)
}

/// The layout of one extract: its column names and how a row fills them. CSV and JSON are both
/// written from this one definition, so they cannot disagree.
public struct ExtractTable<Row> {
    public var name: String
    public var columns: [String]
    public var fields: (Row) -> [Field]

    public init(name: String, columns: [String], fields: @escaping (Row) -> [Field]) {
        self.name = name
        self.columns = columns
        self.fields = fields
    }

    public func csv(_ rows: [Row]) -> [UInt8] {
        var writer = CSVWriter(header: columns)
        for row in rows {
            writer.appendRow(fields(row).map { field in
                switch field {
                case .text(let s): return .text(s)
                case .integer(let n): return .plain(String(n))
                case .decimal(let x): return .plain(Decimal3.fixed(x))
                case .time(let t): return .plain(Timestamp.format(t))
                }
            })
        }
        return writer.bytes
    }

    public func json(_ rows: [Row]) -> [UInt8] {
        var writer = JSONWriter()
        for row in rows {
            writer.appendObject(zip(columns, fields(row)).map { column, field in
                switch field {
                case .text(let s): return (column, .string(s))
                case .integer(let n): return (column, .integer(n))
                case .decimal(let x): return (column, .number(Decimal3.trimmed(x)))
                case .time(let t): return (column, .string(Timestamp.format(t)))
                }
            })
        }
        return writer.finishedBytes()
    }
}
