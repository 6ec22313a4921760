import GRDB
import Model

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

extension Store {
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
}
