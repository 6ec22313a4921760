import Helix
import Model
import Testing

@Suite struct CrawlEndTests {
    @Test func crawlFollowsCursorsUntilAPageHasNone() async throws {
        let h = Harness(pages: StreamJSON.pages(3, lastPageSize: 50))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 250)
        #expect(crawl.pages == 3)
        #expect(stats.end == .noCursor)
        #expect(stats.requests == 3)
        let requests = h.server.apiRequests
        #expect(requests.map { $0.values("after") } == [[], ["c1"], ["c2"]])
        #expect(requests.allSatisfy { $0.values("first") == ["100"] })
        #expect(requests.allSatisfy { $0.values("before").isEmpty })
    }

    @Test func shortPageIsNotTheEndOfTheList() async throws {
        var pages = StreamJSON.pages(3)
        pages[1].removeLast(90)
        let h = Harness(pages: pages)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 210)
        #expect(stats.end == .noCursor && stats.requests == 3)
    }

    @Test func loopedFirstPageThatChangedALittleStillEndsTheCrawl() async throws {
        // Back on page 1, 40 new streams lead the list: 60 of 100 were seen, and the counts jump
        // back up from the tail.
        let pages = StreamJSON.pages(3)
        let changed = (1...40).map { StreamJSON.stream(1_000 + $0, viewers: 200_000) } + pages[0].prefix(60)
        let h = Harness(pages: pages, lastPage: .loopsToFirst)
        let changedPage = #"{"data":[\#(changed.joined(separator: ","))],"pagination":{"cursor":"c1"}}"#
        // The first visit of page 1 is served as usual; the second, after the loop, is changed.
        h.server.script(page: 0, .slow(milliseconds: 0), .body(changedPage))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(stats.end == .loopedBack)
        #expect(crawl.observations.count == 300)
        #expect(!crawl.observations.contains { $0.streamID == "1001" })
    }

    @Test func listWithoutAnEndFailsTheCrawlAfterTheMostPages() async throws {
        let h = Harness(pages: StreamJSON.pages(10, perPage: 2))
        let outcome = try await h.crawl(options: CrawlOptions(maxPages: 5))
        guard case .failed(.noEndOfList(let pages), let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(pages == 5 && stats.requests == 5 && stats.streams == 0)
    }

    @Test func pageWithoutPaginationHasNoCursor() throws {
        let page = try StreamsPage.parse(Array(#"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z"}]}"#.utf8), observedAt: 0)
        #expect(page.cursor == nil && page.observations.count == 1)
        let nullCursor = try StreamsPage.parse(Array(#"{"data":[],"pagination":{"cursor":null}}"#.utf8), observedAt: 0)
        #expect(nullCursor.cursor == nil)
    }

    @Test func lastPageCursorThatLoopsBackToPageOneEndsTheCrawl() async throws {
        let h = Harness(pages: StreamJSON.pages(3), lastPage: .loopsToFirst)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(stats.end == .loopedBack)
        #expect(crawl.observations.count == 300)
        #expect(Set(crawl.observations.map(\.streamID)).count == 300)
        #expect(crawl.pages == 3)
        #expect(stats.pages == 4)
    }

    @Test func emptyPageWithACursorEndsTheCrawl() async throws {
        let h = Harness(pages: StreamJSON.pages(2), lastPage: .emptyAfter)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(stats.end == .emptyPage)
        #expect(crawl.observations.count == 200)
        #expect(stats.requests == 3)
    }

    @Test func duplicatesAcrossPagesAreKeptEachWithItsPagesObservedAt() async throws {
        // Stream 100 slides from page 1 to page 2 between requests; stream 150 is missed entirely.
        var pages = StreamJSON.pages(2)
        pages[1][0] = StreamJSON.stream(100, viewers: 5)
        pages[1].remove(at: 50)
        let h = Harness(pages: pages)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 199)
        let sightings = crawl.observations.filter { $0.streamID == "100" }
        #expect(sightings.count == 2)
        #expect(sightings[0].observedAt < sightings[1].observedAt)
        #expect(sightings.map(\.viewerCount) == [99_000, 5])
        let firstPageTimes = Set(crawl.observations.prefix(100).map(\.observedAt))
        let secondPageTimes = Set(crawl.observations.dropFirst(100).map(\.observedAt))
        #expect(firstPageTimes.count == 1 && secondPageTimes.count == 1)
        #expect(crawl.time < firstPageTimes.first!)
    }

    @Test func filtersAreSentAsRepeatedParametersNeverCommaSeparated() async throws {
        let h = Harness(pages: StreamJSON.pages(1))
        _ = try await h.crawl(options: CrawlOptions(languages: ["en", "de"], gameIDs: ["509658", "32982"]))
        let request = try #require(h.server.apiRequests.first)
        #expect(request.values("language") == ["en", "de"])
        #expect(request.values("game_id") == ["509658", "32982"])
        #expect(!request.rawQuery.contains("%2C") && !request.rawQuery.contains(","))
    }
}
