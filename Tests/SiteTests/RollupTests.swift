import Foundation
import Metrics
import Model
import Store
import Testing

@Suite("Rollups")
struct RollupTests {
    @Test func sevenDayRollupRanksAgainstTheSevenDaysBefore() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 10, games: 5, days: 15, crawlMinutes: 240), channelPages: 5)
        defer { built.remove() }
        let store = try Store(path: built.database)
        let calendar = ReportCalendar(identifier: "UTC")!
        let days = try store.historyDays()
        #expect(days.count == 15)
        let rollup = try Rollup.compute(store: store, calendar: calendar, lastDay: days[13], days: 7, limit: 100)
        #expect(rollup.firstDay == days[7])
        #expect(rollup.previousTotals != nil)
        #expect(rollup.games.allSatisfy { $0.previousRank != nil })
        // The window's sums equal the sums of its days' history rows.
        let summed = try store.historySummaries(from: days[7], through: days[13]).reduce(Int64(0)) { $0 + $1.watchMs }
        #expect(rollup.totals.watchMs == summed)
        #expect(rollup.games.map(\.time.watchMs).reduce(0, +) == summed)
        #expect(built.text("rollups/7d/index.html").contains("Change in rank from the 7 days before"))
    }
}
