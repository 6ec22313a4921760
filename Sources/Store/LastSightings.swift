/// One observation per stream and crawl (METRICS.md §1): of several sightings the last one wins,
/// within what a write gathered and against what the crawl already holds.
enum LastSightings {
    /// One row per stream, sorted by stream: of several sightings the last one.
    static func lastPerStream(_ rows: [StoredObservation]) -> [StoredObservation] {
        // Keys of (stream, arrival) packed into one integer, radix-sorted: several times faster
        // than sorting indices with a comparison closure, and a pull sorts every crawl.
        func bits(_ n: UInt64) -> Int { n.bitWidth - n.leadingZeroBitCount }
        let indexBits = bits(UInt64(rows.count))
        let lowest = rows.lazy.map(\.stream).min() ?? 0
        let keyBits = indexBits + bits(UInt64(clamping: rows.lazy.map(\.stream).max() ?? 0))
        guard lowest >= 0, keyBits <= 64 else {
            let order = rows.indices.sorted { (rows[$0].stream, $0) < (rows[$1].stream, $1) }
            return order.indices.filter { n in n + 1 == order.count || rows[order[n + 1]].stream != rows[order[n]].stream }
                .map { rows[order[$0]] }
        }
        var keys = rows.indices.map { UInt64(rows[$0].stream) << indexBits | UInt64($0) }
        radixSort(&keys, bits: keyBits)
        let indexMask = (UInt64(1) << indexBits) &- 1
        var kept: [StoredObservation] = []
        kept.reserveCapacity(rows.count)
        for n in keys.indices where n + 1 == keys.count || keys[n + 1] >> indexBits != keys[n] >> indexBits {
            kept.append(rows[Int(keys[n] & indexMask)])
        }
        return kept
    }

    /// Sorts `keys`, all below 2^`bits`, least significant digit first, 11 bits a pass.
    static func radixSort(_ keys: inout [UInt64], bits: Int) {
        let digitBits = 11
        let digits = 1 << digitBits
        var other = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: digits)
        var shift = 0
        while shift < bits {
            keys.withUnsafeBufferPointer { from in
                other.withUnsafeMutableBufferPointer { to in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for d in 0..<digits { counts[d] = 0 }
                        for k in from { counts[Int((k >> UInt64(shift)) & UInt64(digits - 1))] += 1 }
                        var start = 0
                        for d in 0..<digits {
                            let count = counts[d]
                            counts[d] = start
                            start += count
                        }
                        for k in from {
                            let d = Int((k >> UInt64(shift)) & UInt64(digits - 1))
                            to[counts[d]] = k
                            counts[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
            shift += digitBits
        }
    }

    /// `newer` (one row per stream) laid over the rows a crawl already holds: all rows sorted by
    /// stream, and how many of `newer` changed something.
    static func merge(_ newer: [StoredObservation], over existing: [StoredObservation])
        -> (rows: [StoredObservation], changed: Int)
    {
        var merged = Dictionary(existing.map { ($0.stream, $0) }, uniquingKeysWith: { _, b in b })
        var changed = 0
        for row in newer where merged[row.stream] != row {
            merged[row.stream] = row
            changed += 1
        }
        return (merged.values.sorted { $0.stream < $1.stream }, changed)
    }
}
