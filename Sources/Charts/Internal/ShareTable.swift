/// Category values aligned on the times where the categories sum to more than zero.
struct ShareTable {
    let names: [String]
    /// Ascending.
    let times: [Int64]
    /// values[category][time index]; missing and negative values are zero.
    let values: [[Double]]
    let totals: [Double]

    init(series: [Series]) {
        names = series.map(\.name)
        let lookups = series.map { SampleLookup(runs: Segments.split($0.points, maxGap: nil)) }
        let allTimes = SampleLookup.times(lookups)
        let allValues = lookups.map { lookup in allTimes.map { Swift.max(0, lookup.value(at: $0) ?? 0) } }
        let kept = allTimes.indices.filter { t in allValues.reduce(0) { $0 + $1[t] } > 0 }
        times = kept.map { allTimes[$0] }
        values = allValues.map { row in kept.map { row[$0] } }
        totals = kept.map { t in allValues.reduce(0) { $0 + $1[t] } }
    }

    func share(_ category: Int, _ time: Int) -> Double {
        values[category][time] / totals[time]
    }

    /// The share of a category over a span of times: its sum over all categories' sum.
    func share(_ category: Int, _ times: ClosedRange<Int>) -> Double {
        let total = times.reduce(0) { $0 + totals[$1] }
        return times.reduce(0) { $0 + values[category][$1] } / total
    }
}
