/// One observation per stream and crawl (METRICS.md §1): of several sightings the last one wins,
/// within what a write gathered and against what the crawl already holds.
enum LastSightings {
    /// One row per stream, sorted by stream: of several sightings the last one.
    static func lastPerStream(_ rows: [StoredObservation]) -> [StoredObservation] {
        // Sorting (stream, arrival) packed into one integer is several times faster than sorting
        // indices with a comparison closure; row ids never come near 2^32 in practice.
        guard rows.count < 1 << 32, rows.allSatisfy({ $0.stream >= 0 && $0.stream < 1 << 32 }) else {
            let order = rows.indices.sorted { (rows[$0].stream, $0) < (rows[$1].stream, $1) }
            return order.indices.filter { n in n + 1 == order.count || rows[order[n + 1]].stream != rows[order[n]].stream }
                .map { rows[order[$0]] }
        }
        var keys = rows.indices.map { UInt64(rows[$0].stream) << 32 | UInt64($0) }
        keys.sort()
        var kept: [StoredObservation] = []
        kept.reserveCapacity(rows.count)
        for n in keys.indices where n + 1 == keys.count || keys[n + 1] >> 32 != keys[n] >> 32 {
            kept.append(rows[Int(keys[n] & 0xFFFF_FFFF)])
        }
        return kept
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
