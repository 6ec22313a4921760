import Foundation

/// Shares of a whole over time, stacked to 100%: each series is one category (a language, a
/// game) and at every time each category's value is divided by the sum of all categories then.
///
/// Times where the categories sum to zero are left empty. The caller chooses the categories;
/// with more than eight, colours repeat, so fold the small ones into an "Other" series first.
///
/// ```swift
/// StackedShareChart(title: "Languages", description: "Share of hours watched per day.",
///                   series: languages, timeZone: zone, style: .bars, unit: "hours watched")
/// ```
public struct StackedShareChart: Sendable {
    public enum Style: Sendable {
        /// One stacked column per time, for daily values.
        case bars
        /// Stacked bands over a continuous time axis.
        case areas
    }

    public var title: String
    public var description: String
    /// One series per category, bottom of the stack first; negative values count as zero.
    public var series: [Series]
    public var timeZone: TimeZone
    public var style: Style
    /// The unit of the raw values ("hours watched"), shown in tooltips and the table.
    public var unit: String
    /// For `.areas`: neighbouring times further apart than this many milliseconds are not joined.
    public var maxGap: Int64?
    public var width: Int
    public var height: Int

    public init(
        title: String, description: String, series: [Series], timeZone: TimeZone, style: Style = .bars,
        unit: String = "", maxGap: Int64? = nil, width: Int = 800, height: Int = 260
    ) {
        self.title = title
        self.description = description
        self.series = series
        self.timeZone = timeZone
        self.style = style
        self.unit = unit
        self.maxGap = maxGap
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let document = SVGDocument(kind: "shares", width: width, height: height, title: title, description: description)
        let table = ShareTable(series: series)
        guard !table.times.isEmpty else { return EmptyChart.svg(document) }
        return document.render(StackedShares(table: table, style: style, unit: unit, maxGap: maxGap, timeZone: timeZone)
            .render(width: Double(width), height: Double(height), fontSize: Double(document.fontSize)))
    }

    /// An HTML table with a row per time: each category's share and value, then the total.
    public func dataTable(maxRows: Int = 500) -> String {
        let table = ShareTable(series: series)
        let allWhole = ValueText.allWhole(table.values.flatMap { $0 })
        let label = TimeLabels(times: table.times, timeZone: timeZone)
        let rows = table.times.indices.map { t in
            DataTable.Row(header: label.full(table.times[t]), cells: table.values.indices.map { c in
                NumberFormat.percent(table.share(c, t)) + " (" + ValueText.exact(table.values[c][t], allWhole: allWhole) + ")"
            } + [ValueText.exact(table.totals[t], allWhole: allWhole)])
        }
        let caption = unit.isEmpty ? title : title + " (" + unit + ")"
        return DataTable(caption: caption, headers: ["Time"] + series.map(\.name) + ["Total"], rows: rows)
            .html(maxRows: maxRows)
    }
}
