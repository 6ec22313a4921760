import Foundation
import Metrics
import Model
import Pipeline
import Store
import Testing
@testable import Site

@Suite("Stream pages")
struct StreamPageTests {
    @Test func streamsOfChannelsWithPagesHavePagesLinkedFromTheChannelPage() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 12, days: 3), channelPages: 3)
        defer { built.remove() }
        let streamPages = built.files(endingWith: "index.html").filter { $0.hasPrefix("streams/") }
        // Three channels with pages, each streaming once a day; the channel pages show the days
        // through the latest complete day (the second).
        #expect(streamPages.count == 6)
        var linked = 0
        for page in built.files(endingWith: "index.html") where page.hasPrefix("channels/") && page != "channels/index.html" {
            for link in attributeValues("href", in: built.text(page)) where link.hasPrefix("../../streams/") {
                #expect(built.exists(String(link.dropFirst("../../".count))), "\(page) links to a missing \(link)")
                linked += 1
            }
        }
        #expect(linked == 6)
        let page = built.text(try #require(streamPages.first))
        for part in ["<h2>Segments</h2>", "<h2>Titles</h2>", "Viewers through the stream", "Hours watched", "Rank on "] {
            #expect(page.contains(part), "a stream page lacks \(part)")
        }
    }

    @Test func aStreamsRankIsItsPlaceAmongTheDaysStreamsByHoursWatched() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 12, days: 2), channelPages: 12)
        defer { built.remove() }
        let store = try Store(path: built.database)
        let calendar = try #require(ReportCalendar(identifier: "UTC"))
        let day = CivilDate(year: 2026, month: 3, day: 1).dayNumber
        let tables = try DayTableBuilder.tables(store: store, calendar: calendar, day: day)
        #expect(tables.streamWatch.count == tables.summary.streams)
        #expect(zip(tables.streamWatch, tables.streamWatch.dropFirst()).allSatisfy { $0.watchMs >= $1.watchMs })
        #expect(tables.streamWatch.reduce(0) { $0 + $1.watchMs } == tables.summary.time.watchMs)
        let keys = Set(tables.streamWatch.map(\.stream))
        let ranks = try store.streamDayRanks(days: [day], streams: keys)
        for (i, s) in tables.streamWatch.enumerated() {
            #expect(ranks[s.stream] == [StreamDayRank(day: day, rank: i + 1, of: keys.count, watchMs: s.watchMs)])
        }
        // The top stream of the day is the top channel's (one stream each), and its page says rank 1.
        let top = try #require(tables.channels.first)
        let channelPage = built.text("channels/\(top.userID)/index.html")
        let firstDayStream = try #require(attributeValues("href", in: channelPage)
            .filter { $0.hasPrefix("../../streams/") }.last)
        let streamPage = built.text(String(firstDayStream.dropFirst("../../".count)))
        #expect(streamPage.contains("<dt>Rank on Mar 1, of \(keys.count)</dt><dd><span class=\"value\">1</span>"))
    }

    @Test func aStreamPageStaysWhenItsChannelLosesItsPage() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 12, days: 2), channelPages: 4)
        defer { built.remove() }
        let before = built.files(endingWith: "index.html").filter { $0.hasPrefix("streams/") }
        try built.build(channelPages: 1)
        let after = built.files(endingWith: "index.html").filter { $0.hasPrefix("streams/") }
        #expect(before.count == 4)
        #expect(after == before)
    }
}
