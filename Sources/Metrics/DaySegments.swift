import Store

/// The segments of a day in the extract's order: by first_seen, then stream id (in byte order,
/// as SQLite compares text), then segment number.
public enum DaySegments {
    public static func load(store: Store, day: Int) throws -> [SegmentSummary] {
        let rows = try store.unorderedSegments(day: day)
        // Rank each stream's id once, so the sort itself compares integers.
        var streamRank: [Int64: Int32] = [:]
        var firstRowOfStream: [Int] = []
        for (i, r) in rows.enumerated() where streamRank[r.stream] == nil {
            streamRank[r.stream] = 0
            firstRowOfStream.append(i)
        }
        firstRowOfStream.sort { byteOrder(rows[$0].streamID, rows[$1].streamID) }
        for (rank, i) in firstRowOfStream.enumerated() { streamRank[rows[i].stream] = Int32(rank) }

        struct Key: Comparable {
            var firstSeen: Int64
            var stream: Int32
            var segment: Int32
            var row: Int32
            static func < (a: Key, b: Key) -> Bool {
                (a.firstSeen, a.stream, a.segment) < (b.firstSeen, b.stream, b.segment)
            }
        }
        var keys = rows.enumerated().map { i, r in
            Key(firstSeen: r.firstSeen, stream: streamRank[r.stream]!, segment: Int32(r.number), row: Int32(i))
        }
        keys.sort()
        return keys.map { SegmentSummary(rows[Int($0.row)]) }
    }
}
