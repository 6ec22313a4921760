/// The layout of one extract: its columns in file order. CSV and JSON are both written from this
/// one list, so they cannot disagree.
public struct ExtractTable<Row> {
    public var name: String
    public var columns: [ExtractColumn<Row>]
    public var columnNames: [String] { columns.map(\.name) }

    public init(name: String, columns: [ExtractColumn<Row>]) {
        self.name = name
        self.columns = columns
    }

    /// Writes the whole file, handing the output its chunks between rows.
    public func write(_ rows: some Sequence<Row>, as format: ExtractFormat, to out: ByteOutput) throws {
        switch format {
        case .csv:
            let names = columnNames
            CSVWriter.appendRow(names.map { .text($0) }, to: out)
            var writer = FieldWriter(out: out, format: .csv, columns: names)
            for row in rows {
                writer.column = 0
                writeCells(row, &writer)
                writer.row += 1
                out.append(0x0A)
                try out.endRecord()
            }
        case .json:
            var writer = FieldWriter(out: out, format: .json, columns: columnNames)
            // One object per line, no spaces: the contract compares JSON by value, and indenting
            // made the day's segments file ~15% larger (1.0 GB instead of 0.85 GB on a full day).
            var first = true
            out.append(UInt8(ascii: "["))
            for row in rows {
                out.append(first ? "\n{" : ",\n{")
                first = false
                writer.column = 0
                writeCells(row, &writer)
                writer.row += 1
                out.append(UInt8(ascii: "}"))
                try out.endRecord()
            }
            out.append(first ? "]\n" : "\n]\n")
        }
        try out.flush()
    }

    @inline(__always)
    private func writeCells(_ row: Row, _ writer: inout FieldWriter) {
        for column in columns { column.cell(row, &writer) }
    }

    public func csv(_ rows: [Row]) -> [UInt8] { bytes(rows, .csv) }
    public func json(_ rows: [Row]) -> [UInt8] { bytes(rows, .json) }

    private func bytes(_ rows: [Row], _ format: ExtractFormat) -> [UInt8] {
        let out = ByteOutput()
        try? write(rows, as: format, to: out)  // no drain: nothing can throw
        return out.bytes
    }
}
