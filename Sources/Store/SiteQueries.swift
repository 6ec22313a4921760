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

/// Sums of a game or channel over a window of days, with names from its latest day in the window.
public struct WindowTotalRow: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The channel's login (empty for games).
    public var login: String
    public var watchMs: Int64
    public var secondsMs: Int64
    public var peakViewers: Int64
    public var days: Int
}

/// Viewers of one stream at one crawl.
public struct ViewerPoint: Sendable, Equatable {
    public var time: Millis
    public var viewers: Int
    /// The facts row of the observation (title, game, names then).
    public var facts: Int64 = 0
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

    /// Games summed over [from, through], by hours watched, then hours streamed, then id.
    public func gameTotals(from: Int, through: Int) throws -> [WindowTotalRow] {
        try windowTotals(
            table: "history_game", id: "game_id", names: "h.game_name, ''", from: from, through: through, limit: -1)
    }

    /// The top `limit` channels summed over [from, through] (all of them when `limit` is negative),
    /// by hours watched, then hours streamed, then id. A limited ranking meets only the channels
    /// near the top of each day (`TopChannels`).
    public func channelTotals(from: Int, through: Int, limit: Int) throws -> [WindowTotalRow] {
        if limit >= 0, let top = try read({ db in try TopChannels(db: db, from: from, through: through, limit: limit).rows() }) {
            return top
        }
        return try channelTotalsSummingAll(from: from, through: through, limit: limit)
    }

    /// The same ranking from the sums of every channel of the window (the reference the tests and
    /// the benchmark compare with).
    public func channelTotalsSummingAll(from: Int, through: Int, limit: Int) throws -> [WindowTotalRow] {
        try windowTotals(
            table: "history_channel", id: "user_id", names: "h.user_name, h.user_login", from: from, through: through,
            limit: limit)
    }

    /// A day's hours watched or streamed as a window adds them up, in ms: 2^53, two and a half
    /// billion hours, a hundred times what all of Twitch watches in a day. Only data no real crawl
    /// produces comes near it; held there, a sum over up to 1,024 days cannot overflow, where
    /// SQLite's SUM would stop the build with "integer overflow".
    static let summedDayLimit: Int64 = 1 << 53

    private func windowTotals(table: String, id: String, names: String, from: Int, through: Int, limit: Int) throws
        -> [WindowTotalRow]
    {
        try read { db in
            let cap = Self.summedDayLimit
            let s = try FastStatement(db, """
                WITH t AS (
                    SELECT \(id) AS id, SUM(MIN(watch_ms, \(cap))) AS w, SUM(MIN(seconds_ms, \(cap))) AS s,
                           MAX(peak_viewers) AS p,
                           MAX(day) AS d, COUNT(*) AS n
                    FROM \(table) WHERE day BETWEEN ?1 AND ?2 GROUP BY \(id)
                    ORDER BY w DESC, s DESC, id LIMIT ?3)
                SELECT t.id, \(names), t.w, t.s, t.p, t.n
                FROM t JOIN \(table) h ON h.day = t.d AND h.\(id) = t.id
                ORDER BY t.w DESC, t.s DESC, t.id
                """)
            s.bind(1, from)
            s.bind(2, through)
            s.bind(3, limit)
            return try Self.windowTotalRows(s)
        }
    }

    /// The rows of a window-totals statement: id, name, login, watch, seconds, peak, days.
    static func windowTotalRows(_ s: FastStatement) throws -> [WindowTotalRow] {
        var rows: [WindowTotalRow] = []
        while try s.step() {
            rows.append(WindowTotalRow(
                id: s.string(0), name: s.string(1), login: s.string(2), watchMs: s.int64(3), secondsMs: s.int64(4),
                peakViewers: s.int64(5), days: s.int(6)))
        }
        return rows
    }

    /// Concurrent viewers and channels of every game at every consolidated crawl in [from, to).
    public func gameCrawlPoints(from: Millis, to: Millis) throws -> [String: [CrawlPoint]] {
        try crawlPoints(column: "games", from: from, to: to)
    }

    /// Concurrent viewers and channels of every key of a crawl-share column ("games" or
    /// "languages") at every consolidated crawl in [from, to).
    func crawlPoints(column: String, from: Millis, to: Millis) throws -> [String: [CrawlPoint]] {
        var result: [String: [CrawlPoint]] = [:]
        try forEachCrawlShare(column: column, from: from, to: to) { time, share in
            result[share.key, default: []].append(CrawlPoint(time: time, viewers: share.viewers, channels: share.channels))
        }
        return result
    }

    /// Segments of the given users whose day is in [from, through], by first_seen.
    public func segments(users: [String], fromDay: Int, throughDay: Int) throws -> [String: [SegmentRow]] {
        try read { db in
            let s = try FastStatement(db, """
                SELECT g.stream, s.stream_id, g.segment, s.user_id, f.user_login, f.user_name, g.game_id, f.game_name,
                       f.title, f.language, s.started_at, g.first_seen, g.last_seen, g.duration_ms, g.watch_ms, g.peak
                FROM stream s JOIN segment g ON g.stream = s.id JOIN facts f ON f.id = g.facts
                WHERE s.user_id = ? AND g.day BETWEEN ? AND ?
                ORDER BY g.first_seen, s.stream_id, g.segment
                """)
            var result: [String: [SegmentRow]] = [:]
            for user in users {
                s.reset()
                s.bind(1, user)
                s.bind(2, fromDay)
                s.bind(3, throughDay)
                var rows: [SegmentRow] = []
                while try s.step() {
                    rows.append(SegmentRow(
                        stream: s.int64(0), streamID: s.string(1), segment: s.int(2), userID: s.string(3),
                        userLogin: s.string(4), userName: s.string(5), gameID: s.string(6), gameName: s.string(7),
                        title: s.string(8), language: s.string(9), startedAt: s.int64(10), firstSeen: s.int64(11),
                        lastSeen: s.int64(12), durationMs: s.int64(13), watchMs: s.int64(14), peakViewers: s.int(15)))
                }
                result[user] = rows
            }
            return result
        }
    }

    /// Viewer counts of each stream at the crawls between its first and last sighting, from the raw
    /// observations still kept (pruned crawls give no points).
    public func viewerPoints(streams: [(stream: Int64, from: Millis, through: Millis)]) throws -> [Int64: [ViewerPoint]] {
        guard let earliest = streams.map(\.from).min(), let latest = streams.map(\.through).max() else { return [:] }
        return try read { db in
            let crawls = try Row.fetchAll(
                db, sql: "SELECT id, time FROM crawl WHERE time >= ? AND time <= ? AND raw_pruned = 0 ORDER BY time",
                arguments: [earliest - 3_600_000, latest]
            ).map { (id: $0[0] as Int64, time: $0[1] as Millis) }
            // Each crawl's observations are one blob, in stream order: decode the crawls in range
            // once and pick the wanted streams out of them by walking the sorted wanted list
            // alongside (a dictionary look-up per observation cost more than the decoding).
            let wanted = streams.sorted { $0.stream < $1.stream }
            let s = try FastStatement(db, "SELECT data FROM crawl_observations WHERE crawl = ?")
            var result: [Int64: [ViewerPoint]] = [:]
            for w in wanted { result[w.stream] = [] }
            for crawl in crawls {
                s.bind(1, crawl.id)
                if try s.step() {
                    var next = 0
                    ObservationBlob.decode(s.blob(0)) { o in
                        while next < wanted.count && wanted[next].stream < o.stream { next += 1 }
                        guard next < wanted.count, wanted[next].stream == o.stream else { return }
                        let t = crawl.time + o.offset
                        if t >= wanted[next].from && t <= wanted[next].through {
                            result[o.stream]!.append(ViewerPoint(time: t, viewers: Int(o.viewers), facts: o.facts))
                        }
                    }
                }
                s.reset()
            }
            return result
        }
    }
}


extension Store {
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
