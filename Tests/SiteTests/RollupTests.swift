import Foundation
import Metrics
import Model
import Store
import Testing

@Suite("Rollups")
struct RollupTests {
    @Test func sevenDayWindowRanksAgainstTheSevenDaysBefore() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 10, games: 5, days: 15, crawlMinutes: 240), channelPages: 5)
        defer { built.remove() }
        let store = try Store(path: built.database)
        let calendar = ReportCalendar(identifier: "UTC")!
        let days = try store.historyDays()
        #expect(days.count == 15)
        let window = Period.window(days: 7, endingWith: days[13])
        let tables = try #require(try PeriodTableBuilder.tables(store: store, calendar: calendar, period: window,
                                                                reportedDays: days))
        #expect(tables.days == Array(days[7...13]))
        #expect(tables.games.allSatisfy { $0.previousRank != nil })
        // The window's sums equal the sums of its days' history rows.
        let summed = try store.historySummaries(from: days[7], through: days[13]).reduce(Int64(0)) { $0 + $1.watchMs }
        #expect(tables.summary.time.watchMs == summed)
        #expect(tables.games.map(\.row.time.watchMs).reduce(0, +) == summed)
        for n in Period.windowLengths { #expect(built.exists("rollups/\(n)d/index.html"), "rollups/\(n)d") }
        #expect(built.text("rollups/7d/index.html").contains("Change in rank from the 7 days before"))
        #expect(built.text("periods/index.html").contains("href=\"../rollups/365d/index.html\""))
    }
}
