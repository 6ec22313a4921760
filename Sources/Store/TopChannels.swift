import GRDB

/// The top channels of a window of days, found without summing every channel of the window.
///
/// A month of full Twitch is about ten million `history_channel` rows; summing them all per
/// channel (`GROUP BY user_id`) took 7–8 s for each 30-day ranking, and a build asks for four
/// rankings. The threshold algorithm (Fagin, Lotem and Naor) reads each day's channels in rank
/// order, a block at a time, and sums over the window only the channels it meets (a look-up of
/// each such channel in each day). No channel it has not met can have more hours watched than the sum,
/// over the days, of the hours watched at the last rank read (`bound`): once the limit-th best
/// channel met has strictly more, the ranking is final, and it is exactly the one summing every
/// channel would give (same order, same tie-breaks, same names).
struct TopChannels {
    let db: Database
    let from: Int
    let through: Int
    let limit: Int

    /// Channels met before the search gives up and sums the whole window instead: reached only
    /// where channels hardly recur from day to day.
    static let giveUpAfter = 250_000

    private struct Sum {
        var id: String
        var watchMs: Int64
        var secondsMs: Int64
        var peakViewers: Int64
        var days: Int
        var lastDay: Int
    }

    /// The ranking, or nil when it gave up (the caller sums the window).
    func rows() throws -> [WindowTotalRow]? {
        guard limit > 0 else { return [] }
        let days = try Store.recordedDays(db, from: from, through: through)
        let byRank = try FastStatement(db, """
            SELECT user_id, watch_ms FROM history_channel WHERE day = ? AND rank BETWEEN ? AND ? ORDER BY rank
            """)
        let inDay = try FastStatement(db, """
            SELECT watch_ms, seconds_ms, peak_viewers FROM history_channel WHERE day = ? AND user_id = ?
            """)
        let block = max(256, limit)
        var met: [String: Sum] = [:]
        var depth = 0
        while true {
            var bound: Int64 = 0
            var more = false
            var newlyMet: [String] = []
            for day in days {
                byRank.reset()
                byRank.bind(1, day)
                byRank.bind(2, depth + 1)
                byRank.bind(3, depth + block)
                var read = 0
                var lastWatch: Int64 = 0
                while try byRank.step() {
                    read += 1
                    lastWatch = min(byRank.int64(1), Store.summedDayLimit)
                    let id = byRank.string(0)
                    if met[id] == nil {
                        met[id] = Sum(id: id, watchMs: 0, secondsMs: 0, peakViewers: 0, days: 0, lastDay: 0)
                        newlyMet.append(id)
                    }
                }
                // A channel not met ranks below the block on this day, or is absent from it.
                if read == block {
                    bound += lastWatch
                    more = true
                }
            }
            try sum(newlyMet, into: &met, days: days, inDay)
            depth += block
            let best = Self.ranked(Array(met.values)).prefix(limit)
            if !more || (best.count == limit && best.last!.watchMs > bound) {
                return try named(Array(best))
            }
            if met.count > Self.giveUpAfter { return nil }
        }
    }

    /// Sums the window's days of the channels just met: each day's rows are keyed by day, then
    /// user, so the look-ups of one day, in user order, walk its part of the table front to back.
    private func sum(_ ids: [String], into met: inout [String: Sum], days: [Int], _ s: FastStatement) throws {
        let ordered = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for day in days {
            for id in ordered {
                s.reset()
                s.bind(1, day)
                s.bind(2, id)
                guard try s.step() else { continue }
                // Held per day as `windowTotals` holds them, so both rank alike.
                met[id]!.watchMs += min(s.int64(0), Store.summedDayLimit)
                met[id]!.secondsMs += min(s.int64(1), Store.summedDayLimit)
                met[id]!.peakViewers = max(met[id]!.peakViewers, s.int64(2))
                met[id]!.days += 1
                met[id]!.lastDay = day
            }
        }
    }

    /// The window's order: hours watched, then hours streamed, then id in SQLite's text order.
    private static func ranked(_ sums: [Sum]) -> [Sum] {
        sums.sorted { a, b in
            if a.watchMs != b.watchMs { return a.watchMs > b.watchMs }
            if a.secondsMs != b.secondsMs { return a.secondsMs > b.secondsMs }
            return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
    }

    /// Names from each channel's latest day in the window, as the summing query takes them.
    private func named(_ sums: [Sum]) throws -> [WindowTotalRow] {
        let names = try FastStatement(db, "SELECT user_name, user_login FROM history_channel WHERE day = ? AND user_id = ?")
        return try sums.map { s in
            names.reset()
            names.bind(1, s.lastDay)
            names.bind(2, s.id)
            _ = try names.step()
            return WindowTotalRow(
                id: s.id, name: names.string(0), login: names.string(1), watchMs: s.watchMs, secondsMs: s.secondsMs,
                peakViewers: s.peakViewers, days: s.days)
        }
    }
}
