/// The numbers of a chart's data table as plain text, for a file beside the page: the table's
/// column headers and exactly the rows it shows, each a label and its values. Values have the
/// table's decimals without digit grouping; a value the table shows as missing is empty.
///
/// ```swift
/// let data = chart.data(maxRows: 300)   // the rows of chart.dataTable(maxRows: 300)
/// ```
public struct ChartData: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var label: String
        public var values: [String]

        public init(label: String, values: [String]) {
            self.label = label
            self.values = values
        }
    }

    public var headers: [String]
    public var rows: [Row]

    public init(headers: [String], rows: [Row]) {
        self.headers = headers
        self.rows = rows
    }
}

extension ValueText {
    /// A table value without grouping: "12345", "12.5".
    static func plain(_ value: Double, allWhole: Bool) -> String {
        NumberFormat.fixed(value, decimals: allWhole ? 0 : 1)
    }
}
