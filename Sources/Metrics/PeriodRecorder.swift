import Store

/// Keeps each game's and channel's row of a period, with the period before, for the game and
/// channel pages (their monthly history and "this period against the one before").
public enum PeriodRecorder {
    /// Channels kept per period: the channels with pages are the top of the last 30 days, and a
    /// month of full Twitch ranks millions.
    public static let channelsKept = 10_000

    /// Whether the pages show this period: months, years and the 7-, 30- and 90-day windows.
    public static func shows(_ p: Period) -> Bool {
        if case .window(let days) = p.kind { return days <= 90 }
        return true
    }

    public static func record(_ t: PeriodTables, store: Store) throws {
        let name = t.period.name
        func row(_ id: String, _ rank: Int, _ previousRank: Int?, _ time: Time, _ peak: Int64, _ before: Time?)
            -> PeriodEntityRow
        {
            PeriodEntityRow(
                id: id, period: name, rank: rank, previousRank: previousRank, watchMs: time.watchMs,
                secondsMs: time.secondsMs, peakViewers: peak, lengthSeconds: t.lengthSeconds,
                previousWatchMs: before?.watchMs, previousSecondsMs: before?.secondsMs,
                previousLengthSeconds: t.previousLengthSeconds)
        }
        try store.replacePeriodRows(
            period: name,
            games: t.games.map { row($0.row.gameID, $0.row.rank, $0.previousRank, $0.row.time, $0.row.peakViewers, $0.previousTime) },
            channels: t.channels.prefix(channelsKept).map {
                row($0.row.userID, $0.row.rank, $0.previousRank, $0.row.time, Int64($0.row.peakViewers), $0.previousTime)
            })
    }
}
