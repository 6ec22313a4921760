import GRDB
import Model

/// One game of one language on one day, as the history keeps it.
public struct HistoryLanguageGameRow: Sendable, Equatable {
    public var day: Int
    public var language: String
    public var gameID: String
    public var gameName: String
    public var rank: Int
    public var watchMs: Int64
    public var secondsMs: Int64
    public var channels: Int

    public init(day: Int, language: String, gameID: String, gameName: String, rank: Int, watchMs: Int64,
                secondsMs: Int64, channels: Int) {
        self.day = day
        self.language = language
        self.gameID = gameID
        self.gameName = gameName
        self.rank = rank
        self.watchMs = watchMs
        self.secondsMs = secondsMs
        self.channels = channels
    }
}

/// A game of one language summed over a window of days.
public struct LanguageGameTotalRow: Sendable, Equatable {
    public var language: String
    public var gameID: String
    /// The name on the game's latest day in the window.
    public var gameName: String
    public var watchMs: Int64
    public var secondsMs: Int64
    /// Days the language had the game.
    public var days: Int
}

extension Store {
    /// Replaces the games by language of one day.
    public func replaceLanguageGames(day: Int, _ rows: [HistoryLanguageGameRow]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM history_language_game WHERE day = ?", arguments: [day])
            let s = try FastStatement(db, """
                INSERT INTO history_language_game(day, language, game_id, game_name, rank, watch_ms, seconds_ms, channels)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in rows {
                s.bind(1, r.day); s.bind(2, r.language); s.bind(3, r.gameID); s.bind(4, r.gameName)
                s.bind(5, r.rank); s.bind(6, r.watchMs); s.bind(7, r.secondsMs); s.bind(8, r.channels)
                try s.run()
            }
        }
    }

    /// Every language's games summed over [from, through], each language's by hours watched, then
    /// hours streamed, then game id; at most `limit` games a language.
    public func languageGameTotals(from: Int, through: Int, limit: Int) throws -> [String: [LanguageGameTotalRow]] {
        try read { db in
            // SQLite takes the bare game_name from the row of MAX(day): the latest name.
            let s = try FastStatement(db, """
                SELECT language, game_id, game_name, MAX(day), SUM(watch_ms) AS w, SUM(seconds_ms) AS s, COUNT(*)
                FROM history_language_game WHERE day BETWEEN ? AND ?
                GROUP BY language, game_id ORDER BY language, w DESC, s DESC, game_id
                """)
            s.bind(1, from)
            s.bind(2, through)
            var result: [String: [LanguageGameTotalRow]] = [:]
            while try s.step() {
                let language = s.string(0)
                if result[language, default: []].count >= limit { continue }
                result[language, default: []].append(LanguageGameTotalRow(
                    language: language, gameID: s.string(1), gameName: s.string(2), watchMs: s.int64(4),
                    secondsMs: s.int64(5), days: s.int(6)))
            }
            return result
        }
    }

    /// The top `limit` channels of one language over [from, through]: each channel's days in that
    /// language summed, ranked like `channelTotals`.
    public func languageChannelTotals(language: String, from: Int, through: Int, limit: Int) throws -> [WindowTotalRow] {
        if let top = try read({ db in
            try TopChannels(db: db, from: from, through: through, limit: limit, language: language).rows()
        }) {
            return top
        }
        return try read { db in
            let s = try FastStatement(db, """
                WITH t AS (
                    SELECT user_id AS id, SUM(watch_ms) AS w, SUM(seconds_ms) AS s, MAX(peak_viewers) AS p,
                           MAX(day) AS d, COUNT(*) AS n
                    FROM history_channel WHERE day BETWEEN ?1 AND ?2 AND language = ?4 GROUP BY user_id
                    ORDER BY w DESC, s DESC, id LIMIT ?3)
                SELECT t.id, h.user_name, h.user_login, t.w, t.s, t.p, t.n
                FROM t JOIN history_channel h ON h.day = t.d AND h.user_id = t.id
                ORDER BY t.w DESC, t.s DESC, t.id
                """)
            s.bind(1, from)
            s.bind(2, through)
            s.bind(3, limit)
            s.bind(4, language)
            return try Self.windowTotalRows(s)
        }
    }

    /// Concurrent viewers and channels of every language at every consolidated crawl in [from, to).
    public func languageCrawlPoints(from: Millis, to: Millis) throws -> [String: [CrawlPoint]] {
        try crawlPoints(column: "languages", from: from, to: to)
    }
}
