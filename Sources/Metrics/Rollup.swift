import Model
import Store

/// A game or channel summed over a window of days, with its rank in the window before.
public struct RollupEntry: Sendable {
    public var rank: Int
    /// Rank in the previous window of the same length; nil when it was not ranked there.
    public var previousRank: Int?
    public var id: String
    public var name: String
    /// The channel's login (empty for games).
    public var login: String
    public var time: Time
    /// The highest daily peak in the window.
    public var peakViewers: Int64
    /// Days of the window the entry was live in.
    public var days: Int
}

/// Rankings over the last `days` reported days ending with `lastDay` (METRICS.md daily tables
/// summed): 7- and 30-day rollups.
public struct Rollup: Sendable {
    public var days: Int
    public var firstDay: Int
    public var lastDay: Int
    public var totals: Time
    public var previousTotals: Time?
    public var lengthSeconds: Int64
    public var games: [RollupEntry]
    public var channels: [RollupEntry]

    /// Average concurrent viewers over the window.
    public var avgViewers: Double { totals.avgViewers(over: lengthSeconds) }

    /// The window of `days` calendar days ending with `lastDay`, ranked against the `days` before.
    /// Channel rankings keep the top `limit`; `channels` may give them when the caller already
    /// read them (`Store.channelTotals` over the window with that limit).
    public static func compute(store: Store, calendar: ReportCalendar, lastDay: Int, days: Int, limit: Int,
                               channels known: [WindowTotalRow]? = nil) throws -> Rollup {
        let first = lastDay - days + 1
        let previousFirst = first - days
        let previousLast = first - 1
        let summaries = try store.historySummaries(from: first, through: lastDay)
        let previousSummaries = try store.historySummaries(from: previousFirst, through: previousLast)
        let games = try store.gameTotals(from: first, through: lastDay)
        let previousGames = try store.gameTotals(from: previousFirst, through: previousLast)
        // Ranks beyond a few times the list length rarely matter for "rank change"; keep the query small.
        let channels = try known ?? store.channelTotals(from: first, through: lastDay, limit: limit)
        let previousChannels = try store.channelTotals(from: previousFirst, through: previousLast, limit: limit * 10)

        let length = (calendar.end(ofDay: lastDay) - calendar.start(ofDay: first)) / 1000
        return Rollup(
            days: days, firstDay: first, lastDay: lastDay, totals: sum(summaries),
            previousTotals: previousSummaries.isEmpty ? nil : sum(previousSummaries), lengthSeconds: length,
            games: ranked(games, previous: previousGames), channels: ranked(channels, previous: previousChannels))
    }

    private static func sum(_ rows: [HistorySummaryRow]) -> Time {
        rows.reduce(into: Time()) { $0 += Time(secondsMs: $1.secondsMs, watchMs: $1.watchMs) }
    }

    static func ranked(_ rows: [WindowTotalRow], previous: [WindowTotalRow]) -> [RollupEntry] {
        var previousRank: [String: Int] = [:]
        for (i, r) in previous.enumerated() { previousRank[r.id] = i + 1 }
        return rows.enumerated().map { i, r in
            RollupEntry(
                rank: i + 1, previousRank: previousRank[r.id], id: r.id, name: r.name, login: r.login,
                time: Time(secondsMs: r.secondsMs, watchMs: r.watchMs), peakViewers: r.peakViewers, days: r.days)
        }
    }
}
