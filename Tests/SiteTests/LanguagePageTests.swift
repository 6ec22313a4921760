import Foundation
import Metrics
import Model
import Pipeline
import Store
import Testing
@testable import Site

@Suite("Language pages")
struct LanguagePageTests {
    @Test func everyLanguageOfTheLatestDayHasAPageLinkedFromTheLanguagesPage() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 24, days: 3), channelPages: 6)
        defer { built.remove() }
        let languages = built.text("languages/index.html")
        // The synthetic streams use en, de, es, fr, ja and no language at all.
        for code in ["en", "de", "es", "fr", "ja", "_none"] {
            let path = "languages/\(code)/index.html"
            #expect(built.exists(path), "no page \(path)")
            #expect(languages.contains("href=\"../languages/\(code)/index.html\""), "languages page does not link \(code)")
            let page = built.text(path)
            #expect(page.contains("<h2>On 2026-03-02</h2>"), "\(path) has no latest-day section")
            #expect(page.contains("<h2>The last 7 days"), "\(path) has no 7-day section")
            #expect(page.contains("<h2>The last 30 days"), "\(path) has no 30-day section")
            #expect(page.contains("Concurrent viewers on"), "\(path) has no concurrent viewers chart")
        }
        // The overview's language table links each language too.
        #expect(built.text("index.html").contains("href=\"languages/en/index.html\""))
        // Language share bars write their values as percentages.
        #expect(built.text("index.html").contains("%</text>"))
    }

    @Test func aLanguagesGamesAddUpToTheLanguageAndItsChannelsAreItsOwn() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 24, days: 3), channelPages: 6)
        defer { built.remove() }
        let store = try Store(path: built.database)
        let calendar = try #require(ReportCalendar(identifier: "UTC"))
        let day = CivilDate(year: 2026, month: 3, day: 2).dayNumber
        let tables = try DayTableBuilder.tables(store: store, calendar: calendar, day: day)
        for language in tables.languages {
            let games = try #require(tables.languageGames[language.language])
            #expect(games.reduce(Time()) { var t = $0; t += $1.time; return t } == language.time)
            #expect(games.map(\.rank) == Array(1...games.count))
            #expect(zip(games, games.dropFirst()).allSatisfy { $0.time.watchMs >= $1.time.watchMs })
        }
        let rankings = try LanguageRanking.load(store: store, calendar: calendar, latest: tables)
        let german = try #require(rankings.first { $0.language.language == "de" })
        let germanChannels = Set(tables.channels.filter { $0.language == "de" }.map(\.userID))
        #expect(german.spans.map(\.days) == [1, 7, 30])
        for span in german.spans {
            #expect(!span.channels.isEmpty)
            #expect(span.channels.allSatisfy { germanChannels.contains($0.id) })
        }
        // Over a window, a channel's days in the language are summed: exactly what summing every row gives.
        let week = try store.languageChannelTotals(language: "de", from: day - 6, through: day, limit: 50)
        let summed = try store.channelTotalsSummingAll(from: day - 6, through: day, limit: -1)
            .filter { germanChannels.contains($0.id) }
        #expect(week == summed)
    }
}
