import Model
import Store

/// What a day is compared with on its report: the day before's totals and ranks.
public struct DayComparison: Sendable {
    public var previous: DayTotals?
    public var gameRanks: [String: Int]
    public var channelRanks: [String: Int]
    public var languageRanks: [String: Int]

    public static let none = DayComparison(previous: nil, gameRanks: [:], channelRanks: [:], languageRanks: [:])

    /// Reads the history of the day before `day`.
    public static func load(store: Store, day: Int) throws -> DayComparison {
        guard let summary = try store.historySummary(day: day - 1) else { return .none }
        return DayComparison(
            previous: DayTotals(summary), gameRanks: try store.historyRanks(of: .games, day: day - 1),
            channelRanks: try store.historyRanks(of: .channels, day: day - 1),
            languageRanks: try store.historyRanks(of: .languages, day: day - 1))
    }
}

/// A channel's time in one game on one day.
public struct GameChannel: Sendable {
    public var userID: String
    public var userLogin: String
    public var userName: String
    public var time: Time
}

/// The top channels of each game in a day, by hours watched in that game (from the day's parts,
/// not the channels' main game, so a channel counts in every game it played).
public enum GameChannels {
    public static func top(store: Store, day: Int, limit: Int) throws -> [String: [GameChannel]] {
        struct Key: Hashable { var game: String; var user: String }
        var sums: [Key: GameChannel] = [:]
        var latest: [String: (at: Millis, login: String, name: String)] = [:]
        for p in try store.dayParts(day: day) {
            let key = Key(game: p.gameID, user: p.userID)
            sums[key, default: GameChannel(userID: p.userID, userLogin: "", userName: "", time: Time())].time +=
                Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
            if latest[p.userID].map({ p.latestAt > $0.at }) ?? true {
                latest[p.userID] = (p.latestAt, p.userLogin, p.userName)
            }
        }
        var byGame: [String: [GameChannel]] = [:]
        for (key, value) in sums {
            var v = value
            v.userLogin = latest[key.user]?.login ?? ""
            v.userName = latest[key.user]?.name ?? ""
            byGame[key.game, default: []].append(v)
        }
        return byGame.mapValues { rows in
            Array(rows.sorted { a, b in
                if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
                if a.time.secondsMs != b.time.secondsMs { return a.time.secondsMs > b.time.secondsMs }
                return byteOrder(a.userID, b.userID)
            }.prefix(limit))
        }
    }
}
