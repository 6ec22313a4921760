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

    /// Most stream pages of a nightly build show streams that ended days before: a page is rendered
    /// only when something it shows changed (its stream, its channel's name, the templates), or
    /// when its file is gone.
    @Test func aStreamPageIsRenderedAgainOnlyWhenWhatItShowsChanged() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 2))
        defer { built.remove() }
        let first = built.files(endingWith: "index.html").filter { $0.hasPrefix("streams/") }
        #expect(first.count == 6)

        let again = try built.build()
        #expect(again.streamPages.rendered == 0)
        #expect(again.streamPages.kept == 6)

        // Two more days, from the first of which channel 0 streams under a new name: the second
        // and third days are now complete (their streams are shown), the first day's streams are
        // as they were.
        try built.importStreams(SyntheticStreams(channels: 6, days: 4, renamed: (fromDay: 2, names: [0: "Renamed Zero"])))
        let next = try built.build()
        let renamedPages = built.files(endingWith: "index.html").filter {
            $0.hasPrefix("streams/") && built.text($0).contains("Renamed Zero")
        }
        #expect(renamedPages.count == 3, "every stream of the renamed channel shows its new name")
        #expect(next.streamPages.rendered + next.streamPages.kept == 18)
        #expect(next.streamPages.kept == 5, "the first day's streams of the five other channels")
        // Each footer names its stream's last day (the stream ids count the days from 900000).
        for page in built.files(endingWith: "index.html") where page.hasPrefix("streams/") {
            let day = page.hasPrefix("streams/90") ? "2026-03-01" : page.hasPrefix("streams/91") ? "2026-03-02" : "2026-03-03"
            #expect(built.text(page).contains("data through \(day)</p>"), "\(page) names its stream's last day")
        }

        // A page removed from the published site is rendered again.
        let removed = try #require(first.first)
        try FileManager.default.removeItem(at: built.site.appendingPathComponent(removed))
        let restored = try built.build()
        #expect(restored.streamPages.rendered == 1)
        #expect(built.exists(removed))

        // Other templates render every stream page again.
        let overrides = built.folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        try Data((EmbeddedTemplates.files["stream.mustache"]! + "<!-- overridden -->\n").utf8)
            .write(to: overrides.appendingPathComponent("stream.mustache"))
        let overridden = try built.build(templates: overrides)
        #expect(overridden.streamPages.rendered == 18)
        #expect(built.text(removed).contains("<!-- overridden -->"))
    }

    /// A stream's chart judges gaps by the crawls while it was live: when the collector's interval
    /// changes, older streams' pages stay as they were (their points at the old interval are
    /// still joined), and they are not rendered again.
    @Test func aStreamPageKeepsTheCrawlCadenceOfItsOwnTime() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 4, days: 2, crawlMinutes: 30))
        defer { built.remove() }
        let first = built.files(endingWith: "index.html").filter { $0.hasPrefix("streams/") }
        #expect(first.count == 4)
        let before = first.map { built.text($0) }
        try built.importStreams(SyntheticStreams(channels: 4, days: 2, crawlMinutes: 10, start: "2026-03-03",
                                                 streamIDBase: 800_000))
        let next = try built.build()
        #expect(next.streamPages.kept == 4, "the first day's streams, crawled every 30 minutes")
        #expect(first.map { built.text($0) } == before)
    }
}
