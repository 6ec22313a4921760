/// Values of one series by time, for tooltips and table rows.
struct SampleLookup {
    /// Sorted by time.
    let samples: [Segments.Sample]

    init(runs: [[Segments.Sample]]) {
        samples = runs.flatMap { $0 }
    }

    /// Every time any of the series has a value at, ascending and distinct.
    static func times(_ lookups: [SampleLookup]) -> [Int64] {
        guard lookups.count == 1 else { return Array(Set(lookups.flatMap { $0.samples.map(\.x) })).sorted() }
        var times: [Int64] = []
        times.reserveCapacity(lookups[0].samples.count)
        for sample in lookups[0].samples where times.last != sample.x { times.append(sample.x) }
        return times
    }

    /// The value at exactly `x`; the last one when a series repeats a time.
    func value(at x: Int64) -> Double? {
        let index = firstIndex(after: x) - 1
        guard index >= 0, samples[index].x == x else { return nil }
        return samples[index].y
    }

    /// The largest value with `low <= x <= high`.
    func maximum(from low: Int64, through high: Int64) -> Double? {
        var index = firstIndex(after: low - 1)
        var best: Double?
        while index < samples.count && samples[index].x <= high {
            best = Swift.max(best ?? samples[index].y, samples[index].y)
            index += 1
        }
        return best
    }

    /// The index of the first sample with a time after `x`.
    private func firstIndex(after x: Int64) -> Int {
        var low = 0
        var high = samples.count
        while low < high {
            let middle = (low + high) / 2
            if samples[middle].x <= x { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
