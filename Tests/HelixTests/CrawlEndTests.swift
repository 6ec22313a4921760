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
