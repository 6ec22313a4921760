import GRDB
import Model

extension Store {
    /// The highest daily peaks (concurrent viewers and channels) of each game or language over
    /// the history of the days in [from, through]: a period's highest crawl is some day's.
    public func historyPeaks(of kind: HistoryRankKind, from: Int, through: Int) throws -> [String: PeakPair] {
        precondition(kind != .channels, "channels have no concurrent peaks")
        let (table, id) = (kind.table, kind.idColumn)
        return try read { db in
            let s = try FastStatement(db, """
                SELECT \(id), MAX(peak_viewers), MAX(peak_channels) FROM \(table) WHERE day BETWEEN ? AND ? GROUP BY \(id)
                """)
            s.bind(1, from)
            s.bind(2, through)
            var peaks: [String: PeakPair] = [:]
            while try s.step() { peaks[s.string(0)] = PeakPair(viewers: s.int64(1), channels: s.int(2)) }
            return peaks
        }
    }
}

/// A game's or channel's row in one period, with its time in the period before (nil when it
/// was not ranked there): what the game and channel pages show of periods.
public struct PeriodEntityRow: Sendable, Equatable {
    public var id: String
    public var period: String
    public var rank: Int
    public var previousRank: Int?
    public var watchMs: Int64
    public var secondsMs: Int64
    public var peakViewers: Int64
    /// The sum of the lengths of the period's reported days, in seconds.
    public var lengthSeconds: Int64
    public var previousWatchMs: Int64?
    public var previousSecondsMs: Int64?
    public var previousLengthSeconds: Int64

    public init(id: String, period: String, rank: Int, previousRank: Int?, watchMs: Int64, secondsMs: Int64,
                peakViewers: Int64, lengthSeconds: Int64, previousWatchMs: Int64?, previousSecondsMs: Int64?,
                previousLengthSeconds: Int64) {
        self.id = id
        self.period = period
        self.rank = rank
        self.previousRank = previousRank
        self.watchMs = watchMs
        self.secondsMs = secondsMs
        self.peakViewers = peakViewers
        self.lengthSeconds = lengthSeconds
        self.previousWatchMs = previousWatchMs
        self.previousSecondsMs = previousSecondsMs
        self.previousLengthSeconds = previousLengthSeconds
    }
}

extension Store {
    private static let periodColumns = """
        rank, previous_rank, watch_ms, seconds_ms, peak_viewers, length_s, previous_watch_ms, previous_seconds_ms,
        previous_length_s
        """

    /// Replaces the game and channel rows of one period.
    public func replacePeriodRows(period: String, games: [PeriodEntityRow], channels: [PeriodEntityRow]) throws {
        try write { db in
            for (table, id, rows) in [("period_game", "game_id", games), ("period_channel", "user_id", channels)] {
                try db.execute(sql: "DELETE FROM \(table) WHERE period = ?", arguments: [period])
                let s = try FastStatement(db, """
                    INSERT INTO \(table)(\(id), period, \(Self.periodColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for r in rows {
                    s.bind(1, r.id); s.bind(2, r.period); s.bind(3, r.rank)
                    if let p = r.previousRank { s.bind(4, p) } else { s.bindNull(4) }
                    s.bind(5, r.watchMs); s.bind(6, r.secondsMs); s.bind(7, r.peakViewers); s.bind(8, r.lengthSeconds)
                    if let w = r.previousWatchMs { s.bind(9, w) } else { s.bindNull(9) }
                    if let v = r.previousSecondsMs { s.bind(10, v) } else { s.bindNull(10) }
                    s.bind(11, r.previousLengthSeconds)
                    try s.run()
                }
            }
        }
    }

    /// Forgets every period row (a build that rewrites the whole site writes them again).
    public func clearPeriodRows() throws {
        try write { db in try db.execute(sql: "DELETE FROM period_game; DELETE FROM period_channel;") }
    }

    /// Every game's period rows, by game id, in period name order.
    public func periodGameRows() throws -> [String: [PeriodEntityRow]] {
        try read { db in
            let s = try FastStatement(db, "SELECT game_id, period, \(Self.periodColumns) FROM period_game ORDER BY game_id, period")
            var rows: [String: [PeriodEntityRow]] = [:]
            while try s.step() { rows[s.string(0), default: []].append(Self.periodRow(s)) }
            return rows
        }
    }

    /// The period rows of some channels, by user id, in period name order.
    public func periodChannelRows(users: [String]) throws -> [String: [PeriodEntityRow]] {
        try read { db in
            let s = try FastStatement(db, "SELECT user_id, period, \(Self.periodColumns) FROM period_channel WHERE user_id = ? ORDER BY period")
            var rows: [String: [PeriodEntityRow]] = [:]
            for user in users {
                s.reset()
                s.bind(1, user)
                while try s.step() { rows[user, default: []].append(Self.periodRow(s)) }
            }
            return rows
        }
    }

    private static func periodRow(_ s: FastStatement) -> PeriodEntityRow {
        PeriodEntityRow(
            id: s.string(0), period: s.string(1), rank: s.int(2), previousRank: s.isNull(3) ? nil : s.int(3),
            watchMs: s.int64(4), secondsMs: s.int64(5), peakViewers: s.int64(6), lengthSeconds: s.int64(7),
            previousWatchMs: s.isNull(8) ? nil : s.int64(8), previousSecondsMs: s.isNull(9) ? nil : s.int64(9),
            previousLengthSeconds: s.int64(10))
    }
}
