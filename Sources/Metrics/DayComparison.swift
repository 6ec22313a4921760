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
            previous: summary, gameRanks: try store.historyRanks(of: .games, day: day - 1),
            channelRanks: try store.historyRanks(of: .channels, day: day - 1),
            languageRanks: try store.historyRanks(of: .languages, day: day - 1))
    }
}
