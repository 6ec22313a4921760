import Model
import Store

/// A game or channel ranked within one language: over the latest day or a window of days.
public struct LanguageEntry: Sendable {
    public var rank: Int
    public var id: String
    public var name: String
    /// The channel's login (empty for games).
    public var login: String
    public var time: Time
    /// Channels that played the game in the language (games), or the peak viewers (channels); nil
    /// where the window does not keep it.
    public var count: Int64?
}

/// One language's rankings over one span: the latest day, or the last 7 or 30 days.
public struct LanguageSpan: Sendable {
    /// Days of the span (1 for the latest day).
    public var days: Int
    public var firstDay: Int
    public var lastDay: Int
    public var games: [LanguageEntry]
    public var channels: [LanguageEntry]
}

/// What the page of one language shows: its row of the latest day, its concurrent viewers and
/// channels at each crawl of that day, and its top games and channels over each span.
public struct LanguageRanking: Sendable {
    public var language: LanguageRow
    public var concurrent: [ConcurrentPoint]
    public var spans: [LanguageSpan]

    /// Games and channels each span keeps.
    public static let limit = 50
    /// The windows besides the latest day.
    public static let windows = [7, 30]

    /// The rankings of every language of the latest day's tables.
    public static func load(store: Store, calendar: ReportCalendar, latest: DayTables) throws -> [LanguageRanking] {
        let (start, end) = calendar.dayBounds(latest.day)
        let concurrent = try store.languageCrawlPoints(from: start, to: end)
        var windowGames: [Int: [String: [LanguageGameTotalRow]]] = [:]
        for days in windows {
            windowGames[days] = try store.languageGameTotals(from: latest.day - days + 1, through: latest.day, limit: limit)
        }
        var channelsByLanguage: [String: [ChannelRow]] = [:]
        for c in latest.channels where (channelsByLanguage[c.language]?.count ?? 0) < limit {
            channelsByLanguage[c.language, default: []].append(c)
        }
        return try latest.languages.map { row in
            let code = row.language
            let day = LanguageSpan(
                days: 1, firstDay: latest.day, lastDay: latest.day,
                games: (latest.languageGames[code] ?? []).prefix(limit).map {
                    LanguageEntry(rank: $0.rank, id: $0.gameID, name: $0.gameName, login: "", time: $0.time,
                                  count: Int64($0.channels))
                },
                channels: (channelsByLanguage[code] ?? []).enumerated().map { i, c in
                    LanguageEntry(rank: i + 1, id: c.userID, name: c.userName, login: c.userLogin, time: c.time,
                                  count: Int64(c.peakViewers))
                })
            let spans = try windows.map { days -> LanguageSpan in
                let first = latest.day - days + 1
                let games = (windowGames[days]?[code] ?? []).enumerated().map { i, g in
                    LanguageEntry(rank: i + 1, id: g.gameID, name: g.gameName, login: "",
                                  time: Time(secondsMs: g.secondsMs, watchMs: g.watchMs), count: nil)
                }
                let channels = try store.languageChannelTotals(language: code, from: first, through: latest.day, limit: limit)
                    .enumerated().map { i, c in
                        LanguageEntry(rank: i + 1, id: c.id, name: c.name, login: c.login,
                                      time: Time(secondsMs: c.secondsMs, watchMs: c.watchMs), count: c.peakViewers)
                    }
                return LanguageSpan(days: days, firstDay: first, lastDay: latest.day, games: games, channels: channels)
            }
            return LanguageRanking(
                language: row, concurrent: concurrent[code] ?? [], spans: [day] + spans)
        }
    }
}
