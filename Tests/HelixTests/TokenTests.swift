import Foundation
import Helix
import Model
import Testing

@Suite struct TokenTests {
    @Test func credentialsArePostedAsAFormBodyNeverInTheURL() async throws {
        let h = Harness(pages: StreamJSON.pages(1))
        _ = try await h.crawl()
        let request = try #require(h.server.tokenRequests.first)
        #expect(request.rawQuery.isEmpty)
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        let form = Dictionary(uniqueKeysWithValues: request.body.split(separator: "&").map {
            let kv = $0.split(separator: "=", maxSplits: 1)
            return (String(kv[0]), String(kv[1]))
        })
        #expect(form == [
            "client_id": testCredentials.clientID, "client_secret": "very-secret-value-123",
            "grant_type": "client_credentials",
        ])
        #expect(h.server.apiRequests.first?.headers["client-id"] == testCredentials.clientID)
    }

    @Test func tokenIsReplacedBeforeItExpires() async throws {
        // 100-second token, five seconds per page: replaced when 10 s (a tenth) are left.
        let h = Harness(pages: StreamJSON.pages(25, perPage: 2))
        h.server.setTokenLifetime(seconds: 100)
        h.server.setSecondsPerRequest(5)
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 50)
        #expect(stats.retries == 0)
        #expect(h.server.tokenRequests.count == 2)
    }

    @Test func tokenIsValidatedHourlyAndOneNoLongerValidIsReplaced() async throws {
        // A quarter of an hour per page: the fifth page is an hour after the token was obtained.
        let h = Harness(pages: StreamJSON.pages(8, perPage: 2))
        h.server.setSecondsPerRequest(900)
        h.server.rejectValidation()
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 16)
        #expect(stats.retries == 0)
        let validations = h.server.validateRequests
        #expect(validations.count == 1)
        #expect(validations.first?.headers["authorization"] == "OAuth " + ScriptedHelix.tokenValue(1))
        #expect(h.server.tokenRequests.count == 2)
        #expect(h.server.apiRequests.suffix(4).allSatisfy { $0.headers["authorization"] == "Bearer " + ScriptedHelix.tokenValue(2) })
    }

    @Test func rejectedClientFailsTheCrawlPermanentlyAndStopsTheCollector() async throws {
        let h = Harness(pages: StreamJSON.pages(1))
        h.server.rejectTokens(status: 400, body: #"{"status":400,"message":"invalid client"}"#)
        try await h.server.start()
        let result = await Result { try await offThread { [h] in
            let crawler = try h.makeCrawler()
            let collector = Collector(crawler: crawler, options: .init(crawls: 3), stop: h.stop, now: { h.clock.now() }, sleep: { h.sleeper.sleep($0) })
            let seen = OutcomeLog()
            do {
                try collector.run { seen.append($0) }
                return (seen.outcomes, nil as CrawlFailure?)
            } catch let failure as CrawlFailure {
                return (seen.outcomes, failure)
            }
        } }
        await h.server.stop()
        let (outcomes, thrown) = try result.get()
        #expect(outcomes.count == 1)
        let failure = try #require(thrown)
        #expect(failure.isPermanent)
        #expect(failure.description.contains("invalid client"))
        #expect(h.server.apiRequests.isEmpty)
    }

    @Test func secretAndTokensNeverReachLogsOrErrors() async throws {
        let h = Harness(pages: StreamJSON.pages(3))
        h.server.script(page: 1, .unauthorized, .status(500, body: ""))
        h.server.script(page: 2, .truncatedBody, .rateLimited(resetInSeconds: 2))
        let outcome = try await h.crawl()
        guard case .complete = outcome else { Issue.record("\(outcome)"); return }
        let secrets = [testSecret, ScriptedHelix.tokenValue(1), ScriptedHelix.tokenValue(2)]
        #expect(!h.logs.lines.isEmpty)
        for line in h.logs.lines {
            for secret in secrets { #expect(!line.contains(secret), "leaked in: \(line)") }
        }
        for text in ["\(testCredentials)", String(reflecting: testCredentials), "\(Mirror(reflecting: testCredentials).children.map(\.value))"] {
            #expect(!text.contains(testSecret))
        }

        // A token endpoint that echoes the secret back in its message.
        let echo = Harness(pages: StreamJSON.pages(1))
        echo.server.rejectTokens(status: 403, body: #"{"status":403,"message":"invalid client secret very-secret-value-123"}"#)
        let rejected = try await echo.crawl()
        guard case .failed(let failure, _) = rejected else { Issue.record("\(rejected)"); return }
        #expect(!failure.description.contains(testSecret))
        #expect(!String(reflecting: failure).contains(testSecret))
        for line in echo.logs.lines { #expect(!line.contains(testSecret)) }
    }
}

final class OutcomeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _outcomes: [CrawlOutcome] = []
    var outcomes: [CrawlOutcome] { lock.withLock { _outcomes } }
    func append(_ o: CrawlOutcome) { lock.withLock { _outcomes.append(o) } }
}
