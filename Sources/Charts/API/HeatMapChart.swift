/// A grid of cells, one value each, shaded by value: rows and columns are labelled
/// categories (days of the week and hours of the day, for instance). Each cell has a tooltip
/// with its exact value; the data table is the text alternative.
///
/// ```swift
/// HeatMapChart(title: "When it streams", description: "Hours streamed by hour of the week.",
///              rowLabels: ["Mon", "Tue"], columnLabels: ["00", "01"], values: [[0, 1.5], [2, 0]],
///              valueLabel: "hours streamed")
/// ```
public struct HeatMapChart: Sendable {
    public var title: String
    public var description: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; a row shorter than the columns is zero beyond its end.
    public var values: [[Double]]
    public var valueLabel: String
    /// The header over the row labels in the data table.
    public var rowHeader: String
    public var width: Int

    public init(title: String, description: String, rowLabels: [String], columnLabels: [String], values: [[Double]],
                valueLabel: String = "", rowHeader: String = "", width: Int = 800) {
        self.title = title
        self.description = description
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.valueLabel = valueLabel
        self.rowHeader = rowHeader
        self.width = width
    }

    static let cellHeight = 22.0

    private func value(_ row: Int, _ column: Int) -> Double {
        row < values.count && column < values[row].count && values[row][column].isFinite ? values[row][column] : 0
    }

    public func svg() -> String {
        let fontSize = 11.0
        let labelWidth = (8 + ValueAxis.labelWidth(rowLabels, fontSize: fontSize) + 8).rounded(.up)
        let top = 18.0
        let height = Int(top + Self.cellHeight * Double(rowLabels.count) + 6)
        let document = SVGDocument(kind: "heatmap", width: width, height: height, title: title, description: description)
        guard !rowLabels.isEmpty, !columnLabels.isEmpty else { return EmptyChart.svg(document) }
        let cellWidth = (Double(width) - labelWidth - 8) / Double(columnLabels.count)
        let high = (0..<rowLabels.count).flatMap { r in (0..<columnLabels.count).map { value(r, $0) } }.max() ?? 0
        let whole = allWhole
        var labels = ""
        // Every other column label when cells are narrow, so labels do not overlap.
        let every = cellWidth < 26 ? 2 : 1
        for (c, label) in columnLabels.enumerated() where c % every == 0 {
            let x = labelWidth + cellWidth * (Double(c) + 0.5)
            labels += "<text x=\"\(Coordinate.format(x))\" y=\"12\" text-anchor=\"middle\">" + escapeXML(label) + "</text>"
        }
        var rowText = ""
        var cells = ""
        for (r, label) in rowLabels.enumerated() {
            let y = top + Self.cellHeight * Double(r)
            rowText += "<text x=\"\(Coordinate.format(labelWidth - 8))\" y=\"\(Coordinate.format(y + Self.cellHeight / 2 + 4))\" text-anchor=\"end\">"
                + escapeXML(label) + "</text>"
            for c in columnLabels.indices {
                let v = value(r, c)
                // Zero is a faint outline; the largest value is fully shaded.
                let opacity = high > 0 && v > 0 ? 0.12 + 0.88 * v / high : 0
                let tooltip = TextMetrics.isolate(label) + " " + columnLabels[c] + " — "
                    + ValueText.exact(v, allWhole: whole) + (valueLabel.isEmpty ? "" : " " + valueLabel)
                cells += "<rect x=\"\(Coordinate.format(labelWidth + cellWidth * Double(c) + 1))\" y=\"\(Coordinate.format(y + 1))\""
                    + " width=\"\(Coordinate.format(cellWidth - 2))\" height=\"\(Coordinate.format(Self.cellHeight - 2))\""
                    + " fill-opacity=\"\(NumberFormat.fixed(opacity, decimals: 2))\"><title>\(escapeXML(tooltip))</title></rect>"
            }
        }
        return document.render(
            "<g class=\"heat-labels\" fill=\"\(Palette.text)\">" + labels + rowText + "</g>"
                + "<g class=\"heat series-0\" fill=\"\(Palette.series(0))\" stroke=\"\(Palette.grid)\" stroke-width=\"0.5\">"
                + cells + "</g>")
    }

    /// An HTML table with a row per row label and a column per column label.
    public func dataTable() -> String {
        let whole = allWhole
        let rows = rowLabels.indices.map { r in
            DataTable.Row(header: rowLabels[r], cells: columnLabels.indices.map { ValueText.exact(value(r, $0), allWhole: whole) })
        }
        let caption = valueLabel.isEmpty ? title : title + " (" + valueLabel + ")"
        return DataTable(caption: caption, headers: [rowHeader] + columnLabels, rows: rows).html(maxRows: rows.count)
    }

    /// The numbers of `dataTable()`, row for row.
    public func data() -> ChartData {
        let whole = allWhole
        return ChartData(headers: [rowHeader] + columnLabels, rows: rowLabels.indices.map { r in
            ChartData.Row(label: rowLabels[r], values: columnLabels.indices.map { ValueText.plain(value(r, $0), allWhole: whole) })
        })
    }

    private var allWhole: Bool {
        ValueText.allWhole(rowLabels.indices.flatMap { r in columnLabels.indices.map { value(r, $0) } })
    }
}
