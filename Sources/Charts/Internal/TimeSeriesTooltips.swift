import Foundation

/// The hover columns of a time series chart: one per distinct time while they fit (about one per
/// 10 units of width), otherwise one per equal slice of the plot showing each series' highest value.
struct TimeSeriesTooltips {
    let names: [String]
    let lookups: [SampleLookup]
    let unit: String
    let timeZone: TimeZone

    func columns(xScale: LinearScale, plot: PlotArea) -> [HoverColumns.Column] {
        let times = SampleLookup.times(lookups)
        guard !times.isEmpty else { return [] }
        let labels = TimeLabels(times: times, timeZone: timeZone)
        let maxColumns = Swift.max(1, Int(plot.width / 10))
        if times.count <= maxColumns {
            let edges = HoverColumns.edges(centres: times.map { xScale(Double($0)) }, plot: plot)
            return zip(times, edges).map { time, edge in
                let values = lookups.map { $0.value(at: time) }
                return HoverColumns.Column(left: edge.left, right: edge.right,
                                           title: labels.short(time) + " — " + describe(values, highest: false))
            }
        }
        let sliceWidth = plot.width / Double(maxColumns)
        var columns: [HoverColumns.Column] = []
        var start = 0
        while start < times.count {
            let slice = Swift.min(maxColumns - 1, Int((xScale(Double(times[start])) - plot.left) / sliceWidth))
            var end = start
            while end + 1 < times.count
                && Swift.min(maxColumns - 1, Int((xScale(Double(times[end + 1])) - plot.left) / sliceWidth)) == slice {
                end += 1
            }
            let values = lookups.map { $0.maximum(from: times[start], through: times[end]) }
            let when = labels.range(times[start], times[end])
            columns.append(HoverColumns.Column(
                left: plot.left + Double(slice) * sliceWidth, right: plot.left + Double(slice + 1) * sliceWidth,
                title: when + " — " + describe(values, highest: end > start)))
            start = end + 1
        }
        return columns
    }

    private func describe(_ values: [Double?], highest: Bool) -> String {
        let prefix = highest ? "highest " : ""
        if names.count == 1, let value = values[0] {
            return prefix + ValueText.compact(value, unit: unit)
        }
        let parts = zip(names, values).compactMap { name, value in
            value.map { TextMetrics.isolate(name) + ": " + ValueText.compact($0, unit: unit) }
        }
        return prefix + (parts.isEmpty ? "no data" : parts.joined(separator: "; "))
    }
}
