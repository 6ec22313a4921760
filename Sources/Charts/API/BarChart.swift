/// Bars with labels: horizontal for rankings (label left of each bar, value after it) or
/// vertical for values over a sequence such as days (labels under the bars, a value axis).
///
/// ```swift
/// BarChart(title: "Top channels", description: "Hours watched on Mar 8.",
///          bars: [.init(label: "alice", value: 12_345)], orientation: .horizontal,
///          valueLabel: "hours watched", labelHeader: "Channel")
/// ```
public struct BarChart: Sendable {
    public enum Orientation: Sendable {
        case horizontal
        case vertical
    }

    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var description: String
    /// In display order: top to bottom, or left to right.
    public var bars: [Bar]
    public var orientation: Orientation
    /// The unit of the values ("hours watched"), used in tooltips and the table header.
    public var valueLabel: String
    /// The table header over the labels ("Channel", "Day").
    public var labelHeader: String
    /// Written after each value beside its bar ("%" for shares); empty for none.
    public var valueSuffix: String
    public var width: Int
    /// Nil: horizontal charts grow with the number of bars; vertical charts are 260 high.
    public var height: Int?

    public init(
        title: String, description: String, bars: [Bar], orientation: Orientation = .horizontal,
        valueLabel: String = "", labelHeader: String = "Name", valueSuffix: String = "", width: Int = 800,
        height: Int? = nil
    ) {
        self.title = title
        self.description = description
        self.bars = bars
        self.orientation = orientation
        self.valueLabel = valueLabel
        self.labelHeader = labelHeader
        self.valueSuffix = valueSuffix
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let finite = bars.filter { $0.value.isFinite }
        switch orientation {
        case .horizontal:
            let rows = Swift.max(1, finite.count)
            let document = SVGDocument(kind: "bars", width: width, height: height ?? (12 + rows * HorizontalBars.rowHeight),
                                       title: title, description: description)
            guard !finite.isEmpty else { return EmptyChart.svg(document) }
            return document.render(HorizontalBars(bars: finite, unit: valueLabel, allWhole: allWhole, suffix: valueSuffix)
                .render(width: Double(document.width), height: Double(document.height), fontSize: Double(document.fontSize)))
        case .vertical:
            let document = SVGDocument(kind: "columns", width: width, height: height ?? 260,
                                       title: title, description: description)
            guard !finite.isEmpty else { return EmptyChart.svg(document) }
            return document.render(VerticalBars(bars: finite, unit: valueLabel, allWhole: allWhole)
                .render(width: Double(document.width), height: Double(document.height), fontSize: Double(document.fontSize)))
        }
    }

    /// An HTML table with a row per bar.
    public func dataTable(maxRows: Int = 500) -> String {
        let rows = bars.map { DataTable.Row(header: $0.label, cells: [ValueText.exact($0.value, allWhole: allWhole)]) }
        return DataTable(caption: title, headers: tableHeaders, rows: rows).html(maxRows: maxRows)
    }

    /// The numbers of `dataTable(maxRows:)`, row for row.
    public func data(maxRows: Int = 500) -> ChartData {
        let whole = allWhole
        let shown = DataTable.shownRows(count: bars.count, maxRows: maxRows).map { bars[$0] }
        return ChartData(headers: tableHeaders, rows: shown.map {
            ChartData.Row(label: $0.label, values: [$0.value.isFinite ? ValueText.plain($0.value, allWhole: whole) : ""])
        })
    }

    private var tableHeaders: [String] { [labelHeader, valueLabel.isEmpty ? "Value" : valueLabel] }

    private var allWhole: Bool { ValueText.allWhole(bars.map(\.value).filter(\.isFinite)) }
}
