/// A tiny line for a table cell: no axes, no legend, a dot on the latest value.
///
/// Its `<title>` summarises the range and latest value. Per-point tooltips are drawn only when
/// `pointLabels` are given, because a table with a hundred sparklines would otherwise outgrow
/// the page weight budget.
public struct Sparkline: Sendable {
    /// What the line shows ("Viewers, last 30 days"): the SVG's title and accessible name.
    public var label: String
    /// Evenly spaced values, oldest first; nil breaks the line.
    public var values: [Double?]
    /// Names of the points ("Mar 8"), one per value, for tooltips and the data table.
    public var pointLabels: [String]?
    /// The unit of the values ("viewers").
    public var unit: String
    public var width: Int
    public var height: Int

    public init(label: String, values: [Double?], pointLabels: [String]? = nil, unit: String = "",
                width: Int = 100, height: Int = 24) {
        self.label = label
        self.values = values
        self.pointLabels = pointLabels
        self.unit = unit
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let present = values.compactMap { $0 }.filter(\.isFinite)
        var document = SVGDocument(kind: "spark", width: width, height: height, title: label, description: summary)
        document.fixedSize = true
        document.fontSize = 9
        guard let low = present.min(), let high = present.max() else { return EmptyChart.svg(document) }

        let pad = 2.5
        let plot = PlotArea(left: pad, top: pad, right: Double(width) - pad, bottom: Double(height) - pad)
        let xScale = LinearScale(domainLow: 0, domainHigh: Double(Swift.max(1, values.count - 1)),
                                 rangeLow: plot.left, rangeHigh: values.count > 1 ? plot.right : plot.left)
        let yScale = LinearScale(domainLow: low, domainHigh: high, rangeLow: plot.bottom, rangeHigh: plot.top)
        var runs: [[PixelPoint]] = [[]]
        for (index, value) in values.enumerated() {
            if let value, value.isFinite {
                runs[runs.count - 1].append(PixelPoint(x: xScale(Double(index)), y: yScale(value)))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        var body = "<path class=\"series-0 line\" d=\"\(PathData.line(runs))\" fill=\"none\" stroke=\"\(Palette.series(0))\""
            + " stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        if let lastIndex = values.lastIndex(where: { $0?.isFinite ?? false }), let last = values[lastIndex] {
            body += "<circle class=\"series-0 last\" cx=\"\(Coordinate.format(xScale(Double(lastIndex))))\""
                + " cy=\"\(Coordinate.format(yScale(last)))\" r=\"2\" fill=\"\(Palette.series(0))\"/>"
        }
        if let pointLabels, pointLabels.count == values.count {
            let edges = HoverColumns.edges(centres: values.indices.map { xScale(Double($0)) }, plot: plot)
            let columns = zip(values.indices, edges).map { index, edge in
                HoverColumns.Column(left: edge.left, right: edge.right, title: pointLabels[index] + " — "
                    + (values[index].flatMap { $0.isFinite ? ValueText.compact($0, unit: unit) : nil } ?? "no data"))
            }
            body += HoverColumns.render(columns, plot: PlotArea(left: 0, top: 0, right: Double(width), bottom: Double(height)))
        }
        return document.render(body)
    }

    /// An HTML table with a row per value.
    public func dataTable(maxRows: Int = 500) -> String {
        let present = values.compactMap { $0 }.filter(\.isFinite)
        let allWhole = ValueText.allWhole(present)
        let names = pointLabels.flatMap { $0.count == values.count ? $0 : nil }
            ?? values.indices.map { String($0 + 1) }
        let rows = zip(names, values).map { name, value in
            DataTable.Row(header: name, cells: [
                value.flatMap { $0.isFinite ? ValueText.exact($0, allWhole: allWhole) : nil } ?? DataTable.missing,
            ])
        }
        return DataTable(caption: label, headers: [pointLabels == nil ? "Point" : "When", unit.isEmpty ? "Value" : unit],
                         rows: rows).html(maxRows: maxRows)
    }

    /// "From 12 to 1.2K viewers, latest 900 viewers."
    private var summary: String {
        let present = values.compactMap { $0 }.filter(\.isFinite)
        guard let low = present.min(), let high = present.max(), let last = present.last else { return EmptyChart.message }
        return "From " + ValueText.compact(low, unit: unit) + " to " + ValueText.compact(high, unit: unit)
            + ", latest " + ValueText.compact(last, unit: unit) + "."
    }
}
