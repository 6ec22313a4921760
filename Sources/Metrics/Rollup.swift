import Model
import Store

/// A game or channel summed over a window of days (the channels that get pages), with its rank in the window before.
public struct RollupEntry: Sendable {
    public var rank: Int
    /// Rank in the previous window of the same length; nil when it was not ranked there.
    public var previousRank: Int?
    public var id: String
    public var name: String
    /// The channel's login (empty for games).
    public var login: String
    public var time: Time
    /// The highest daily peak in the window.
    public var peakViewers: Int64
    /// Days of the window the entry was live in.
    public var days: Int
}

extension RollupEntry {
    /// Entries in the order given, ranked 1, 2, 3…, each with its rank in `previous` (nil when absent there).
    static func ranked(_ rows: [WindowTotalRow], previous: [WindowTotalRow]) -> [RollupEntry] {
        var previousRank: [String: Int] = [:]
        for (i, r) in previous.enumerated() { previousRank[r.id] = i + 1 }
        return rows.enumerated().map { i, r in
            RollupEntry(
                rank: i + 1, previousRank: previousRank[r.id], id: r.id, name: r.name, login: r.login,
                time: Time(secondsMs: r.secondsMs, watchMs: r.watchMs), peakViewers: r.peakViewers, days: r.days)
        }
    }
}
