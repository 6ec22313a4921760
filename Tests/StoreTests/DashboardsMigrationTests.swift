import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Migration v10-dashboards")
struct DashboardsMigrationTests {
    @Test func theLast31RecordedDaysAreMarkedChangedSoTheNextBuildRecordsThemAgain() throws {
        let days = (100...140).map { "(\($0), 86400, 1, 0, 0, 0, 0, 0, 0, 0)" }.joined(separator: ", ")
        let dirty = try withOlderDatabase(
            migratedUpTo: "v8-crawl-left-out",
            sql: "INSERT INTO history_day VALUES \(days)"
        ) { store in try store.dirtyDays() }
        #expect(dirty == Array(110...140))
    }

    @Test func aNewDatabaseHasTheTablesAndNothingChanged() throws {
        try withOlderDatabase(migratedUpTo: "v8-crawl-left-out", sql: "SELECT 1") { store in
            #expect(try store.dirtyDays().isEmpty)
            try store.replaceStreamWatch(day: 5, [(stream: 9, watchMs: 700), (stream: 3, watchMs: 200)])
            #expect(try store.streamDayRanks(days: [5, 6], streams: [3]) == [3: [StreamDayRank(day: 5, rank: 2, of: 2, watchMs: 200)]])
            try store.replaceLanguageGames(day: 5, [HistoryLanguageGameRow(
                day: 5, language: "de", gameID: "1", gameName: "G", rank: 1, watchMs: 10, secondsMs: 5, channels: 1)])
            let totals = try store.languageGameTotals(from: 1, through: 9, limit: 10)
            #expect(totals["de"]?.map(\.gameID) == ["1"])
        }
    }
}
