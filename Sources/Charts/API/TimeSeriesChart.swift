import Foundation

/// A line or area chart of one or more series over time, with gaps where data is missing.
///
/// ```swift
/// let chart = TimeSeriesChart(
///     title: "Viewers", description: "Concurrent viewers on Mar 8, every 5 minutes.",
///     series: [Series(name: "Viewers", points: points)],
///     timeZone: TimeZone(identifier: "America/New_York")!, maxGap: 15 * 60_000, yLabel: "viewers")
/// let svg = chart.svg()          // inline <svg>
/// let table = chart.dataTable()  // <table> for a <details> under it
/// ```
public struct TimeSeriesChart: Sendable {
    public enum Style: Sendable {
        case line
        /// Lines with the area under each filled translucently.
        case area
    }

    public var title: String
    public var description: String
    public var series: [Series]
    public var timeZone: TimeZone
    /// Neighbouring points further apart than this many milliseconds are not connected.
    public var maxGap: Int64?
    /// The unit of the values ("viewers"): written above the value axis and after each value.
    public var yLabel: String
    public var style: Style
    public var width: Int
    public var height: Int

    public init(
        title: String, description: String, series: [Series], timeZone: TimeZone,
        maxGap: Int64? = nil, yLabel: String = "", style: Style = .line,
        width: Int = 800, height: Int = 260
    ) {
        self.title = title
        self.description = description
        self.series = series
        self.timeZone = timeZone
        self.maxGap = maxGap
        self.yLabel = yLabel
        self.style = style
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let document = SVGDocument(kind: "time", width: width, height: height, title: title, description: description)
        let runs = series.map { Segments.split($0.points, maxGap: maxGap) }
        let samples = runs.flatMap { $0.flatMap { $0 } }
        guard let firstSample = samples.first else { return EmptyChart.svg(document) }
        let fontSize = Double(document.fontSize)

        var xLow = samples.reduce(firstSample.x) { Swift.min($0, $1.x) }
        var xHigh = samples.reduce(firstSample.x) { Swift.max($0, $1.x) }
        if xLow == xHigh {
            xLow -= 1_800_000
            xHigh += 1_800_000
        }
        let values = samples.map(\.y)
        let ticks = AxisTicks.nice(min: Swift.min(0, values.min() ?? 0), max: Swift.max(0, values.max() ?? 0))

        var body = ""
        var cursor = 6.0
        if series.count > 1 {
            let legend = Legend(names: series.map(\.name), fontSize: fontSize)
                .render(left: 8, top: cursor, width: Double(width) - 16)
            body += legend.svg
            cursor += legend.height + 2
        }
        if !yLabel.isEmpty {
            body += "<text class=\"y-label\" x=\"8\" y=\"\(Coordinate.format(cursor + 10))\" fill=\"\(Palette.text)\">"
                + escapeXML(yLabel) + "</text>"
            cursor += 16
        }
        let labelWidth = ValueAxis.labelWidth(ticks.labels, fontSize: fontSize)
        let plot = PlotArea(left: (8 + labelWidth + 6).rounded(.up), top: cursor + 6,
                            right: Double(width) - 16, bottom: Double(height) - 24)
        let xScale = LinearScale(domainLow: Double(xLow), domainHigh: Double(xHigh), rangeLow: plot.left, rangeHigh: plot.right)
        let yScale = LinearScale(domainLow: ticks.lower, domainHigh: ticks.upper, rangeLow: plot.bottom, rangeHigh: plot.top)

        body += ValueAxis.render(values: ticks.values, labels: ticks.labels, scale: yScale, plot: plot)
        body += seriesPaths(runs, xScale: xScale, yScale: yScale)
        let timeTicks = TimeTicks.ticks(from: xLow, to: xHigh, timeZone: timeZone, maxCount: Swift.max(2, Int(plot.width / 90)))
        body += CategoryAxis.render(timeTicks.map { CategoryAxis.Label(x: xScale(Double($0.time)), text: $0.label) },
                                    plot: plot, canvasWidth: Double(width), fontSize: fontSize)
        let tooltips = TimeSeriesTooltips(names: series.map(\.name), lookups: runs.map(SampleLookup.init),
                                          unit: yLabel, timeZone: timeZone)
        body += HoverColumns.render(tooltips.columns(xScale: xScale, plot: plot), plot: plot)
        return document.render(body)
    }

    /// An HTML table with a row per time and a column per series.
    public func dataTable(maxRows: Int = 500) -> String {
        dataTable(shownRows(maxRows: maxRows), maxRows: maxRows)
    }

    /// The numbers of `dataTable(maxRows:)`, row for row.
    public func data(maxRows: Int = 500) -> ChartData {
        data(shownRows(maxRows: maxRows))
    }

    /// `dataTable(maxRows:)` and `data(maxRows:)` at once, finding the rows they show once: pages
    /// give both for each chart, thousands of pages a build.
    public func tableAndData(maxRows: Int = 500) -> (table: String, data: ChartData) {
        let shown = shownRows(maxRows: maxRows)
        return (dataTable(shown, maxRows: maxRows), data(shown))
    }

    private typealias ShownRows = (rows: [(label: String, values: [Double?])], total: Int, allWhole: Bool)

    private func dataTable(_ shown: ShownRows, maxRows: Int) -> String {
        let rows = shown.rows.map { row in
            DataTable.Row(header: row.label, cells: row.values.map { value in
                value.map { ValueText.exact($0, allWhole: shown.allWhole) } ?? DataTable.missing
            })
        }
        let caption = yLabel.isEmpty ? title : title + " (" + yLabel + ")"
        return DataTable(caption: caption, headers: tableHeaders, rows: rows, thinnedFrom: shown.total)
            .html(maxRows: maxRows)
    }

    private func data(_ shown: ShownRows) -> ChartData {
        ChartData(headers: tableHeaders, rows: shown.rows.map { row in
            ChartData.Row(label: row.label, values: row.values.map { value in
                value.map { ValueText.plain($0, allWhole: shown.allWhole) } ?? ""
            })
        })
    }

    private var tableHeaders: [String] { ["Time"] + series.map(\.name) }

    /// The rows a data table of at most `maxRows` shows: each a time and every series' value then.
    private func shownRows(maxRows: Int) -> ShownRows {
        let runs = series.map { Segments.split($0.points, maxGap: nil) }
        let lookups = runs.map(SampleLookup.init)
        let times = SampleLookup.times(lookups)
        let allWhole = ValueText.allWhole(lookups.flatMap { $0.samples.map(\.y) })
        let labels = TimeLabels(times: times, timeZone: timeZone)
        // Only the rows the table shows are formatted.
        let rows = DataTable.shownRows(count: times.count, maxRows: maxRows).map { i in
            let time = times[i]
            return (label: labels.full(time), values: lookups.map { $0.value(at: time) })
        }
        return (rows, times.count, allWhole)
    }

    private func seriesPaths(_ runs: [[[Segments.Sample]]], xScale: LinearScale, yScale: LinearScale) -> String {
        var areas = ""
        var lines = ""
        for (index, seriesRuns) in runs.enumerated() where !seriesRuns.isEmpty {
            let simplify = seriesRuns.reduce(0) { $0 + $1.count } > Simplifier.threshold
            let pixels = seriesRuns.map { run in
                let points = run.map { PixelPoint(x: xScale(Double($0.x)), y: yScale($0.y)) }
                return simplify ? Simplifier.columns(points) : points
            }
            let name = Palette.seriesClass(index)
            let color = Palette.series(index)
            if style == .area {
                areas += "<path class=\"\(name) area\" d=\"\(PathData.area(pixels, baseline: yScale(0)))\" fill=\"\(color)\"/>"
            }
            lines += "<path class=\"\(name) line\" d=\"\(PathData.line(pixels))\" stroke=\"\(color)\"/>"
        }
        let areaGroup = areas.isEmpty ? "" : "<g class=\"areas\" fill-opacity=\"0.2\">" + areas + "</g>"
        return areaGroup + "<g class=\"lines\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\""
            + " stroke-linecap=\"round\">" + lines + "</g>"
    }
}
