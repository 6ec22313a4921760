import Foundation
import Helix
import Model
import Testing

/// Numbers in answers are the server's word: each is checked before it is believed, and none can
/// make the collector trap or wait for long.
@Suite struct HostileNumberTests {
    struct ExpiresIn: Sendable, CustomTestStringConvertible {
        /// `expires_in` as sent; nil leaves it out.
        var json: String?
        var believedLifetime: Millis
        var testDescription: String { json ?? "absent" }
    }

    static let day: Millis = 86_400_000

    @Test(arguments: [
        ExpiresIn(json: "9223372036854775807", believedLifetime: AppTokenProvider.believableLifetime.upperBound),
        ExpiresIn(json: "99999999999", believedLifetime: AppTokenProvider.believableLifetime.upperBound),
        ExpiresIn(json: "99999999999999999999", believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: "1e400", believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: "-9223372036854775808", believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: "-5", believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: "0", believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: "3600.5", believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: #""5011271""#, believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: nil, believedLifetime: AppTokenProvider.assumedLifetime),
        ExpiresIn(json: "1", believedLifetime: AppTokenProvider.believableLifetime.lowerBound),
        ExpiresIn(json: "5011271", believedLifetime: 5_011_271_000),
    ])
    func tokenLifetimeIsBelievedOnlyWithinItsRange(_ case_: ExpiresIn) async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.setTokenExpiresIn(json: case_.json)
        let (outcome, crawler) = try await h.crawlKeepingCrawler()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 0)
        #expect(h.server.tokenRequests.count == 1)
        let token = try crawler.value.tokens.token()
        #expect(token.lifetime == case_.believedLifetime)
        #expect(token.lifetime <= 90 * Self.day)
    }

    struct RateLimitHeaders: Sendable, CustomTestStringConvertible {
        var remaining: String
        var reset: String
        var testDescription: String { "remaining \(remaining), reset \(reset)" }
    }

    /// Resets that cannot be believed: years ahead, beyond 64 bits, before 1970, in 1970, text.
    @Test(arguments: [
        RateLimitHeaders(remaining: "5", reset: "9223372036854775807"),
        RateLimitHeaders(remaining: "5", reset: "99999999999999999999"),
        RateLimitHeaders(remaining: "5", reset: "4102444800"),
        RateLimitHeaders(remaining: "5", reset: "-5"),
        RateLimitHeaders(remaining: "5", reset: "0"),
        RateLimitHeaders(remaining: "5", reset: "soon"),
        RateLimitHeaders(remaining: "0", reset: "9223372036854775807"),
    ])
    func unbelievableRatelimitResetIsPacedOverAMinuteNeverLonger(_ headers: RateLimitHeaders) async throws {
        let h = Harness(pages: StreamJSON.pages(3))
        h.server.overrideRateLimitHeaders(["Ratelimit-Remaining": headers.remaining, "Ratelimit-Reset": headers.reset])
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 300)
        // The points left are spread over the bucket's one-minute refill.
        let expected = RatePacer.assumedRefillWindow / max(Millis(headers.remaining) ?? 1, 1)
        #expect(h.sleeper.waits == [expected, expected])
        #expect(stats.rateLimitWaits == 2)
        #expect(h.sleeper.waits.allSatisfy { $0 <= 120_000 })
    }

    @Test func garbageRemainingAndLimitCountAsAbsent() async throws {
        let h = Harness(pages: StreamJSON.pages(3))
        h.server.overrideRateLimitHeaders([
            "Ratelimit-Limit": "-800", "Ratelimit-Remaining": "-1", "Ratelimit-Reset": "99999999999999999999",
        ])
        let outcome = try await h.crawl()
        guard case .complete(let crawl, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 300)
        #expect(h.sleeper.waits.isEmpty)
    }

    @Test func rateLimitedWithAResetYearsAheadWaitsOneRefillNotYears() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .answer(
            status: 429, headers: ["Ratelimit-Remaining": "0", "Ratelimit-Reset": "9223372036854775807"],
            body: Array(#"{"error":"Too Many Requests","status":429,"message":""}"#.utf8)))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        // The 429's wait, then the pacing before the retry (the 429 left 0 points and the same reset).
        #expect(h.sleeper.waits.first == RatePacer.assumedRefillWindow)
        #expect(h.sleeper.waits.allSatisfy { $0 <= RetryPolicy().maxRateLimitWait })
    }

    @Test func hugeRetryAfterIsCappedAndGarbageRetryAfterIsIgnored() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        let unavailable = Array(#"{"error":"Service Unavailable","status":503,"message":""}"#.utf8)
        h.server.script(page: 1,
            .answer(status: 503, headers: ["Retry-After": "999999999999"], body: unavailable),
            .answer(status: 503, headers: ["Retry-After": "99999999999999999999"], body: unavailable),
            .answer(status: 503, headers: ["Retry-After": "-30"], body: unavailable),
            .answer(status: 429, headers: ["Ratelimit-Reset": "", "Retry-After": "9223372036854775807"], body: []),
            .answer(status: 429, headers: ["Ratelimit-Reset": "", "Retry-After": "7"], body: []))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 5)
        let waits = h.sleeper.waits
        #expect(waits.count == 5)
        #expect(waits[0] == RetryPolicy().maxRetryAfterWait)
        // Unreadable or negative: the usual backoff (second and third failure).
        #expect(waits[1] >= 500 && waits[1] <= 1_000)
        #expect(waits[2] >= 1_000 && waits[2] <= 2_000)
        #expect(waits[3] == RetryPolicy().maxRateLimitWait)
        #expect(waits[4] == 7_000)
    }

    @Test func extremeIntegersInAPageParseOrFailThePageButNeverTrap() throws {
        func page(viewers: String, extra: String = "0") -> [UInt8] {
            Array(#"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","viewer_count":\#(viewers),"extra":\#(extra)}],"pagination":{}}"#.utf8)
        }
        let parsed: [(String, Int)] = [
            ("-9223372036854775808", Int.min), ("9223372036854775807", Int.max), ("-0", 0), ("-0.0", 0),
            ("7.0", 7), ("1e2", 100), ("1.5e1", 15),
        ]
        for (text, value) in parsed {
            let result = try StreamsPage.parse(page(viewers: text), observedAt: 0)
            #expect(result.observations.first?.viewerCount == value, "\(text)")
        }
        for text in ["99999999999999999999", "9223372036854775808", "-9223372036854775809", "1e400", "-1e400",
            "7.5", "1e-3", "1.", "-", "1e", "--1", "\"12\"", "true"]
        {
            #expect(throws: MalformedPage.self, "\(text)") { try StreamsPage.parse(page(viewers: text), observedAt: 0) }
        }
        // Numbers in members the collector does not read are skipped unread, whatever their size.
        for extra in ["99999999999999999999", "1e400", "-9223372036854775809", "[1e999,-1e999]"] {
            let result = try StreamsPage.parse(page(viewers: "5", extra: extra), observedAt: 0)
            #expect(result.observations.first?.viewerCount == 5, "\(extra)")
        }
    }

    @Test func extremeViewerCountsDoNotTrapTheCrawl() async throws {
        // Counts outside any plausible range are passed on as sent (the parser does not judge
        // plausibility); the end-of-list heuristics must not overflow on them.
        let pages = [
            [StreamJSON.stream(1, viewers: Int.max), StreamJSON.stream(2, viewers: Int.min)],
            [StreamJSON.stream(3, viewers: Int.max), StreamJSON.stream(4, viewers: Int.min)],
            [StreamJSON.stream(5, viewers: -1)],
        ]
        let h = Harness(pages: pages, lastPage: .loopsToFirst)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(stats.end == .loopedBack)
        #expect(crawl.observations.map(\.viewerCount) == [Int.max, Int.min, Int.max, Int.min, -1])
    }

    @Test func viewerCountBeyond64BitsFailsThePageWhichIsRetried() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        let huge = StreamJSON.stream(101, viewers: 5)
            .replacingOccurrences(of: #""viewer_count":5"#, with: #""viewer_count":99999999999999999999"#)
        h.server.script(page: 1, .body(#"{"data":[\#(huge)],"pagination":{}}"#))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.logs.lines.contains { $0.contains("malformed page: expected a whole number within 64 bits") })
    }
}
