import GRDB
import Model

/// Hours watched and streamed of one game, channel or language summed over a range of days:
/// what a ranking over a period needs, and nothing more.
public struct PeriodSumRow: Sendable, Equatable {
    public var id: String
    public var watchMs: Int64
    public var secondsMs: Int64
}

extension Store {
    /// Every game (`.games`), channel or language with its time summed over the history of the
    /// days in [from, through], in no particular order.
    public func historySums(of kind: HistoryRankKind, from: Int, through: Int) throws -> [PeriodSumRow] {
        let (table, id) = (kind.table, kind.idColumn)
        return try read { db in
            let s = try FastStatement(db, """
                SELECT \(id), SUM(watch_ms), SUM(seconds_ms) FROM \(table) WHERE day BETWEEN ? AND ? GROUP BY \(id)
                """)
            s.bind(1, from)
            s.bind(2, through)
            var rows: [PeriodSumRow] = []
            while try s.step() { rows.append(PeriodSumRow(id: s.string(0), watchMs: s.int64(1), secondsMs: s.int64(2))) }
            return rows
        }
    }

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
