/// The rank orders of METRICS.md §4, written once for the daily tables and the period tables of
/// §8: hours watched descending, then hours streamed descending (not for languages), then the id
/// in byte order; ranks are 1-based.
protocol RankedRow {
    var rank: Int { get set }
    var time: Time { get }
    /// The id that breaks ties, in byte order.
    var rankID: String { get }
    /// Whether hours streamed break ties before the id (languages go straight to the id).
    static var tiesByHoursStreamed: Bool { get }
}

extension Array where Element: RankedRow {
    /// Sorts the rows in rank order and numbers them from 1. The order is found on small keys
    /// and each row moved once: sorting the rows themselves moves their strings at every step,
    /// and a period ranks hundreds of thousands of channels.
    mutating func rank() {
        var keys: [RankKey] = []
        keys.reserveCapacity(count)
        for (i, row) in enumerated() {
            keys.append(RankKey(
                watchMs: row.time.watchMs, secondsMs: Element.tiesByHoursStreamed ? row.time.secondsMs : 0, row: i))
        }
        let rows = self
        keys.sort { a, b in
            if a.watchMs != b.watchMs { return a.watchMs > b.watchMs }
            if a.secondsMs != b.secondsMs { return a.secondsMs > b.secondsMs }
            return byteOrder(rows[a.row].rankID, rows[b.row].rankID)
        }
        self = keys.enumerated().map { rank, key in
            var row = rows[key.row]
            row.rank = rank + 1
            return row
        }
    }
}

/// What a row sorts by ahead of its id.
private struct RankKey {
    var watchMs: Int64
    var secondsMs: Int64
    var row: Int
}

extension GameRow: RankedRow {
    var rankID: String { gameID }
    static var tiesByHoursStreamed: Bool { true }
}

extension ChannelRow: RankedRow {
    var rankID: String { userID }
    static var tiesByHoursStreamed: Bool { true }
}

extension LanguageRow: RankedRow {
    var rankID: String { language }
    static var tiesByHoursStreamed: Bool { false }
}

extension LanguageGameRow: RankedRow {
    var rankID: String { gameID }
    static var tiesByHoursStreamed: Bool { true }
}
