import Model
import Store

/// Keeps a compact copy of each day's tables (the history tables), so trends, rank history and
/// rollups read a few rows per day instead of recomputing old days.
public enum HistoryRecorder {
    /// Records (or replaces) the history of the tables' day.
    public static func record(_ t: DayTables, store: Store) throws {
        let games = t.games.map {
            HistoryRankRow(day: t.day, id: $0.gameID, name: $0.gameName, rank: $0.rank, watchMs: $0.time.watchMs,
                           secondsMs: $0.time.secondsMs, peakViewers: $0.peakViewers, peakChannels: $0.peakChannels,
                           count: $0.streamers)
        }
        let languages = t.languages.map {
            HistoryRankRow(day: t.day, id: $0.language, name: $0.language, rank: $0.rank, watchMs: $0.time.watchMs,
                           secondsMs: $0.time.secondsMs, peakViewers: $0.peakViewers, peakChannels: $0.peakChannels,
                           count: $0.channels)
        }
        let channels = t.channels.map {
            HistoryChannelRow(day: t.day, userID: $0.userID, userLogin: $0.userLogin, userName: $0.userName,
                              rank: $0.rank, watchMs: $0.time.watchMs, secondsMs: $0.time.secondsMs,
                              peakViewers: $0.peakViewers, streams: $0.streams, mainGameID: $0.mainGameID,
                              mainGameName: $0.mainGameName, language: $0.language)
        }
        try store.replaceHistory(summary: HistorySummaryRow(t), games: games, channels: channels, languages: languages)
        try store.replaceStreamWatch(day: t.day, t.streamWatch)
        try store.replaceLanguageGames(day: t.day, t.languageGames.sorted { $0.key < $1.key }.flatMap { language, rows in
            rows.map {
                HistoryLanguageGameRow(day: t.day, language: language, gameID: $0.gameID, gameName: $0.gameName,
                                       rank: $0.rank, watchMs: $0.time.watchMs, secondsMs: $0.time.secondsMs,
                                       channels: $0.channels)
            }
        })
    }

    /// Reported days that have no history yet (a database built before the history tables existed).
    public static func missingDays(reported: [Int], store: Store) throws -> [Int] {
        let recorded = Set(try store.historyDays())
        return reported.filter { !recorded.contains($0) }
    }
}
