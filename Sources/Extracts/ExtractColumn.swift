/// One column of an extract: its name (the CSV header cell, the JSON key) and how a row writes
/// its cell. An extract is a list of these, so its header and its cells come from one place and
/// cannot drift apart.
public struct ExtractColumn<Row> {
    public let name: String
    /// Writes this column's cell of a row: one call of the writer (`text`, `integer`, …).
    public let cell: (Row, inout FieldWriter) -> Void

    public init(_ name: String, _ cell: @escaping (Row, inout FieldWriter) -> Void) {
        self.name = name
        self.cell = cell
    }

    /// The same column for rows that hold a `Row` (a period's ranked rows hold a day-table row).
    public func reading<Outer>(_ part: @escaping (Outer) -> Row) -> ExtractColumn<Outer> {
        let cell = self.cell
        return ExtractColumn<Outer>(name) { outer, w in cell(part(outer), &w) }
    }
}
