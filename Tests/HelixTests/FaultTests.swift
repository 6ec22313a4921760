import Helix
import Model
import Testing

@Suite struct FaultTests {
    @Test func unauthorizedMidCrawlGetsANewTokenAndRetriesTheSamePage() async throws {
        let h = Harness(pages: StreamJSON.pages(3))
        h.server.script(page: 1, .unauthorized)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 300)
        #expect(stats.retries == 1)
        #expect(h.server.tokenRequests.count == 2)
        let requests = h.server.apiRequests
        #expect(requests.map { $0.values("after") } == [[], ["c1"], ["c1"], ["c2"]])
        #expect(requests[1].headers["authorization"] == "Bearer " + ScriptedHelix.tokenValue(1))
        #expect(requests[2].headers["authorization"] == "Bearer " + ScriptedHelix.tokenValue(2))
    }

    @Test func unauthorizedWithAFreshTokenIsAFaultRetriedWithBackoff() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .unauthorized, .unauthorized)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 2)
        #expect(h.server.tokenRequests.count == 3)
        // The first 401 is retried at once; only the second waits.
        #expect(h.sleeper.waits.count == 1)
        #expect(h.logs.lines.contains { $0.contains("status 401 with a fresh token") })
    }

    @Test func rateLimitedPageWaitsUntilTheResetAndRetries() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .rateLimited(resetInSeconds: 7))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.rateLimitWaits == 1)
        let wait = try #require(h.sleeper.waits.first)
        #expect(wait >= 6_000 && wait <= 8_000)
        #expect(h.server.apiRequests.map { $0.values("after") } == [[], ["c1"], ["c1"]])
    }

    @Test func lowRemainingBudgetSpreadsRequestsInsteadOfHittingTheLimit() async throws {
        let h = Harness(pages: StreamJSON.pages(4))
        h.server.setRemaining(20)
        let outcome = try await h.crawl()
        guard case .complete(_, let stats) = outcome else { Issue.record("\(outcome)"); return }
        // Reset is 10 s away with 20 points left: about half a second between requests.
        #expect(stats.rateLimitWaits == 3)
        #expect(h.sleeper.waits.allSatisfy { $0 >= 400 && $0 <= 600 })
    }

    @Test func serverErrorIsRetriedWithBackoffThenSucceeds() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .status(500, body: #"{"error":"Internal Server Error","status":500,"message":""}"#),
            .status(503, body: ""))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 2)
        let waits = h.sleeper.waits
        #expect(waits.count == 2)
        #expect(waits[0] >= 250 && waits[0] <= 500)
        #expect(waits[1] >= 500 && waits[1] <= 1_000)
    }

    @Test func truncatedBodyIsRetried() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 0, .truncatedBody)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.logs.lines.contains { $0.contains("malformed page") })
    }

    @Test func invalidCursorIsRetriedWithTheSameCursor() async throws {
        let h = Harness(pages: StreamJSON.pages(3))
        h.server.script(page: 2, .status(400, body: #"{"error":"Bad Request","status":400,"message":"invalid cursor"}"#))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 300)
        #expect(h.server.apiRequests.map { $0.values("after") } == [[], ["c1"], ["c2"], ["c2"]])
    }

    @Test func pageSlowerThanTheTimeoutIsRetried() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .slow(milliseconds: 10_000))
        // Room for the token and the other page when the whole suite starts at once on two cores.
        let outcome = try await h.crawl(totalTimeout: 3_000)
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        // At least the slow page's retry; a loaded machine may time out another request too.
        #expect(stats.retries >= 1)
        #expect(h.logs.lines.contains { $0.contains("timed out") })
    }

    @Test func pageFailingEveryTryFailsTheCrawlWithNothingComplete() async throws {
        let h = Harness(pages: StreamJSON.pages(3))
        for _ in 0..<3 { h.server.script(page: 1, .status(502, body: "")) }
        let outcome = try await h.crawl(options: CrawlOptions(retry: RetryPolicy(maxTries: 3)))
        guard case .failed(let failure, let stats) = outcome else { Issue.record("\(outcome)"); return }
        guard case .pageFailed(let page, let tries, _) = failure else { Issue.record("\(failure)"); return }
        #expect(page == 2 && tries == 3)
        #expect(stats.requests == 4)
        #expect(h.logs.lines.contains { $0.hasPrefix("error") && $0.contains("failed") })
    }

    @Test func requestTheAPIRefusesFailsAtOnce() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 0, .status(404, body: ""))
        let outcome = try await h.crawl()
        guard case .failed(.requestRejected(let page, let status), _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(page == 1 && status == 404)
    }
}
