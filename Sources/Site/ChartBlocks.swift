import Charts
import Foundation
import Metrics

/// The charts of the pages, each an inline SVG with its data as a table.
struct ChartBlocks {
    let timeZone: TimeZone
    /// Points further apart than two and a half usual crawl intervals (at least 10 minutes) are
    /// drawn as a gap: a collector outage, or a channel offline.
    static func maxGap(_ times: [Int64]) -> Int64 {
        guard times.count > 2 else { return 3_600_000 }
        var steps: [Int64] = []
        for i in 1..<times.count where times[i] > times[i - 1] { steps.append(times[i] - times[i - 1]) }
        guard !steps.isEmpty else { return 3_600_000 }
        steps.sort()
        return max(600_000, steps[steps.count / 2] * 5 / 2)
    }

    /// - Parameter tableRows: rows of the data table at most (thinned evenly beyond, and it says so).
    func concurrentViewers(_ points: [ConcurrentPoint], title: String, about: String, tableRows: Int = 300) -> ChartBlock {
        concurrent(points, title: title, about: about, tableRows: tableRows, series: "Viewers", yLabel: "viewers",
                   style: .area) { Double($0.viewers) }
    }

    func concurrentChannels(_ points: [ConcurrentPoint], title: String, about: String, tableRows: Int = 300) -> ChartBlock {
        concurrent(points, title: title, about: about, tableRows: tableRows, series: "Channels", yLabel: "channels",
                   style: .line) { Double($0.channels) }
    }

    private func concurrent(_ points: [ConcurrentPoint], title: String, about: String, tableRows: Int, series: String,
                            yLabel: String, style: TimeSeriesChart.Style, value: (ConcurrentPoint) -> Double) -> ChartBlock {
        let chart = TimeSeriesChart(
            title: title, description: about,
            series: [Series(name: series, points: points.map { .init(x: $0.time, y: value($0)) })],
            timeZone: timeZone, maxGap: Self.maxGap(points.map(\.time)), yLabel: yLabel, style: style)
        let numbers = chart.tableAndData(maxRows: tableRows)
        return ChartBlock(title: title, svg: chart.svg(), table: numbers.table, data: numbers.data)
    }

    /// Values per day as vertical bars, oldest first, one bar for each of `days` (the reported
    /// days of the window): a day without a value is a bar of zero, so the bars keep the calendar's
    /// spacing and a day off shows as one.
    func daily(_ values: [(day: Int, value: Double)], over days: [Int], title: String, about: String,
               unit: String) -> ChartBlock {
        let byDay = Dictionary(values, uniquingKeysWith: { $1 })
        let axis = Array(Set(days).union(byDay.keys)).sorted()
        let chart = BarChart(
            title: title, description: about,
            bars: axis.map { .init(label: Fmt.dayShort($0), value: byDay[$0] ?? 0) }, orientation: .vertical,
            valueLabel: unit, labelHeader: "Day")
        return ChartBlock(title: title, svg: chart.svg(), table: chart.dataTable(), data: chart.data())
    }

    /// A ranking as horizontal bars, top first.
    func ranking(_ values: [(label: String, value: Double)], title: String, about: String, unit: String,
                 labelHeader: String, valueSuffix: String = "") -> ChartBlock {
        let chart = BarChart(
            title: title, description: about, bars: values.map { .init(label: $0.label, value: $0.value) },
            orientation: .horizontal, valueLabel: unit, labelHeader: labelHeader, valueSuffix: valueSuffix)
        return ChartBlock(title: title, svg: chart.svg(), table: chart.dataTable(), data: chart.data())
    }

    /// Hours streamed in each hour of the week, Monday first, as a 7 × 24 heat map.
    func hourOfWeek(_ hours: [[Double]], title: String, about: String) -> ChartBlock {
        let chart = HeatMapChart(
            title: title, description: about, rowLabels: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            columnLabels: (0..<24).map { $0 < 10 ? "0\($0)" : "\($0)" }, values: hours, valueLabel: "hours streamed",
            rowHeader: "Day")
        return ChartBlock(title: title, svg: chart.svg(), table: chart.dataTable(), data: chart.data())
    }

    /// One series of viewer counts over time; streams apart by more than the gap are not joined.
    /// - Parameter maxGap: points further apart are not joined (default: judged from the points).
    func viewersOverTime(_ points: [(time: Int64, viewers: Double)], title: String, about: String,
                         maxGap: Int64? = nil) -> ChartBlock {
        let chart = TimeSeriesChart(
            title: title, description: about,
            series: [Series(name: "Viewers", points: points.map { .init(x: $0.time, y: $0.viewers) })],
            timeZone: timeZone, maxGap: maxGap ?? Self.maxGap(points.map(\.time).sorted()), yLabel: "viewers", style: .area)
        let numbers = chart.tableAndData(maxRows: 300)
        return ChartBlock(title: title, svg: chart.svg(), table: numbers.table, data: numbers.data)
    }
}
