import GRDB
import Model

/// One game, or one language, of one day: its rank and totals. `count` is the game's streamers
/// or the language's channels.
public struct HistoryRankRow: Sendable, Equatable {
    public var day: Int
    public var id: String
    public var name: String
    public var rank: Int
    public var watchMs: Int64
    public var secondsMs: Int64
    public var peakViewers: Int64
    public var peakChannels: Int
    public var count: Int

    public init(day: Int, id: String, name: String, rank: Int, watchMs: Int64, secondsMs: Int64, peakViewers: Int64,
                peakChannels: Int, count: Int) {
        self.day = day
        self.id = id
        self.name = name
        self.rank = rank
        self.watchMs = watchMs
        self.secondsMs = secondsMs
        self.peakViewers = peakViewers
        self.peakChannels = peakChannels
        self.count = count
    }
}

/// One channel of one day.
public struct HistoryChannelRow: Sendable, Equatable {
    public var day: Int
    public var userID: String
    public var userLogin: String
    public var userName: String
    public var rank: Int
    public var watchMs: Int64
    public var secondsMs: Int64
    public var peakViewers: Int
    public var streams: Int
    public var mainGameID: String
    public var mainGameName: String
    public var language: String

    public init(day: Int, userID: String, userLogin: String, userName: String, rank: Int, watchMs: Int64,
                secondsMs: Int64, peakViewers: Int, streams: Int, mainGameID: String, mainGameName: String,
                language: String) {
        self.day = day
        self.userID = userID
        self.userLogin = userLogin
        self.userName = userName
        self.rank = rank
        self.watchMs = watchMs
        self.secondsMs = secondsMs
        self.peakViewers = peakViewers
        self.streams = streams
        self.mainGameID = mainGameID
        self.mainGameName = mainGameName
        self.language = language
    }
}

extension Store {
    /// Replaces the history rows of one day with the given tables.
    public func replaceHistory(summary: HistorySummaryRow, games: [HistoryRankRow], channels: [HistoryChannelRow],
                               languages: [HistoryRankRow]) throws {
        try write { db in
            for table in ["history_day", "history_game", "history_channel", "history_language"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE day = ?", arguments: [summary.day])
            }
            try summary.insert(db)
            try insertRanks(db, table: "history_game", columns: "game_id, game_name", count: "streamers", games)
            try insertRanks(db, table: "history_language", columns: "language", count: "channels", languages,
                            withName: false)
            let c = try FastStatement(db, """
                INSERT INTO history_channel(day, user_id, user_login, user_name, rank, watch_ms, seconds_ms,
                    peak_viewers, streams, main_game_id, main_game_name, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // In key order (user ids are ASCII digits, where String's order is SQLite's): appending
            // to the table's B-tree costs less than inserting at random places. Any order stores
            // the same rows; String's comparison sorts a full day's channels in half the time of bytes'.
            let inKeyOrder = channels.indices.sorted { channels[$0].userID < channels[$1].userID }
            for i in inKeyOrder {
                let r = channels[i]
                c.bind(1, r.day); c.bind(2, r.userID); c.bind(3, r.userLogin); c.bind(4, r.userName)
                c.bind(5, r.rank); c.bind(6, r.watchMs); c.bind(7, r.secondsMs); c.bind(8, r.peakViewers)
                c.bind(9, r.streams); c.bind(10, r.mainGameID); c.bind(11, r.mainGameName); c.bind(12, r.language)
                try c.run()
            }
        }
    }

    private func insertRanks(_ db: Database, table: String, columns: String, count: String, _ rows: [HistoryRankRow],
                             withName: Bool = true) throws {
        let names = withName ? 2 : 1
        let placeholders = Array(repeating: "?", count: 7 + names).joined(separator: ", ")
        let s = try FastStatement(db, """
            INSERT INTO \(table)(day, \(columns), rank, watch_ms, seconds_ms, peak_viewers, peak_channels, \(count))
            VALUES (\(placeholders))
            """)
        for r in rows {
            var i: Int32 = 1
            s.bind(i, r.day); i += 1
            s.bind(i, r.id); i += 1
            if withName { s.bind(i, r.name); i += 1 }
            s.bind(i, r.rank); s.bind(i + 1, r.watchMs); s.bind(i + 2, r.secondsMs); s.bind(i + 3, r.peakViewers)
            s.bind(i + 4, r.peakChannels); s.bind(i + 5, r.count)
            try s.run()
        }
    }

    /// Days that have history rows.
    public func historyDays() throws -> [Int] {
        try read { db in try Int.fetchAll(db, sql: "SELECT day FROM history_day ORDER BY day") }
    }

    /// Summaries of the days in [from, through], in day order.
    public func historySummaries(from: Int, through: Int) throws -> [HistorySummaryRow] {
        try read { db in
            try HistorySummaryRow.fetchAll(
                db, sql: "SELECT * FROM history_day WHERE day BETWEEN ? AND ? ORDER BY day", arguments: [from, through])
        }
    }

    /// Every game of every day in [from, through], by day then rank.
    public func historyGames(from: Int, through: Int) throws -> [HistoryRankRow] {
        try rankRows(db: "history_game", id: "game_id", name: "game_name", count: "streamers", from: from, through: through)
    }

    /// Every language of every day in [from, through], by day then rank.
    public func historyLanguages(from: Int, through: Int) throws -> [HistoryRankRow] {
        try rankRows(db: "history_language", id: "language", name: "language", count: "channels", from: from, through: through)
    }

    private func rankRows(db table: String, id: String, name: String, count: String, from: Int, through: Int) throws
        -> [HistoryRankRow]
    {
        try read { db in
            let s = try FastStatement(db, """
                SELECT day, \(id), \(name), rank, watch_ms, seconds_ms, peak_viewers, peak_channels, \(count)
                FROM \(table) WHERE day BETWEEN ? AND ? ORDER BY day, rank
                """)
            s.bind(1, from)
            s.bind(2, through)
            var rows: [HistoryRankRow] = []
            while try s.step() {
                rows.append(HistoryRankRow(
                    day: s.int(0), id: s.string(1), name: s.string(2), rank: s.int(3), watchMs: s.int64(4),
                    secondsMs: s.int64(5), peakViewers: s.int64(6), peakChannels: s.int(7), count: s.int(8)))
            }
            return rows
        }
    }

    /// The days in [from, through] whose history is recorded, in order: one row a day in
    /// `history_day` (a DISTINCT over the channel rows would read all of them).
    static func recordedDays(_ db: Database, from: Int, through: Int) throws -> [Int] {
        try Int.fetchAll(
            db, sql: "SELECT day FROM history_day WHERE day BETWEEN ? AND ? ORDER BY day", arguments: [from, through])
    }

    /// The daily rows of the given channels over [from, through], by user then day: a look-up per
    /// recorded day and channel (the rows are keyed by day, then user; an index by user cost each
    /// recorded day a write to every one of its pages once the history held a month).
    public func historyChannels(users: [String], from: Int, through: Int) throws -> [String: [HistoryChannelRow]] {
        try read { db in
            let days = try Self.recordedDays(db, from: from, through: through)
            let s = try FastStatement(db, """
                SELECT day, user_id, user_login, user_name, rank, watch_ms, seconds_ms, peak_viewers, streams,
                       main_game_id, main_game_name, language
                FROM history_channel WHERE day = ? AND user_id = ?
                """)
            var result: [String: [HistoryChannelRow]] = [:]
            for user in users {
                var rows: [HistoryChannelRow] = []
                for day in days {
                    s.reset()
                    s.bind(1, day)
                    s.bind(2, user)
                    guard try s.step() else { continue }
                    rows.append(HistoryChannelRow(
                        day: s.int(0), userID: s.string(1), userLogin: s.string(2), userName: s.string(3), rank: s.int(4),
                        watchMs: s.int64(5), secondsMs: s.int64(6), peakViewers: s.int(7), streams: s.int(8),
                        mainGameID: s.string(9), mainGameName: s.string(10), language: s.string(11)))
                }
                result[user] = rows
            }
            return result
        }
    }

    /// Rank of every game (or language) of one day, by id.
    public func historyRanks(of kind: HistoryRankKind, day: Int) throws -> [String: Int] {
        try read { db in
            let s = try FastStatement(db, "SELECT \(kind.idColumn), rank FROM \(kind.table) WHERE day = ?")
            s.bind(1, day)
            var ranks: [String: Int] = [:]
            while try s.step() { ranks[s.string(0)] = s.int(1) }
            return ranks
        }
    }

    /// The history summary of one day, if recorded.
    public func historySummary(day: Int) throws -> HistorySummaryRow? {
        try historySummaries(from: day, through: day).first
    }
}

public enum HistoryRankKind: Sendable {
    case games, languages, channels
    var table: String {
        switch self {
        case .games: return "history_game"
        case .languages: return "history_language"
        case .channels: return "history_channel"
        }
    }
    var idColumn: String {
        switch self {
        case .games: return "game_id"
        case .languages: return "language"
        case .channels: return "user_id"
        }
    }
}
