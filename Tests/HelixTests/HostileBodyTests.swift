import Foundation
import Helix
import Model
import TestSupport
import Testing

/// Bodies and answers the collector cannot use: each is a failed page, retried, or in the end a
/// failed crawl with its reason; never a trap, never a stall.
@Suite struct HostileBodyTests {
    static let deepNesting = String(repeating: "[", count: 100_000)

    @Test func deeplyNestedJSONIsMalformedNotAStackOverflow() throws {
        for body in [
            #"{"data":[],"extra":"# + Self.deepNesting,
            #"{"data":[],"extra":"# + Self.deepNesting + String(repeating: "]", count: 100_000) + "}",
            #"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","extra":"# + String(repeating: "{\"a\":", count: 100_000),
            Self.deepNesting,
        ] {
            #expect(throws: MalformedPage.self) { try StreamsPage.parse(Array(body.utf8), observedAt: 0) }
        }
        // Nesting within the limit is read as before.
        let nested = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        let page = try StreamsPage.parse(Array(#"{"data":[],"extra":\#(nested),"pagination":{}}"#.utf8), observedAt: 0)
        #expect(page.observations.isEmpty)
    }

    @Test func deeplyNestedPageIsRetriedAndTheCrawlCompletes() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .body(#"{"data":[],"extra":"# + Self.deepNesting))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.logs.lines.contains { $0.contains("nesting no deeper than 64 levels") })
    }

    @Test func oversizedBodyIsRefusedAndRetried() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        let padding = String(repeating: " ", count: 300_000)
        h.server.script(page: 1, .body(#"{"data":[],"pagination":{}}"# + padding))
        let outcome = try await h.crawl(maxBodyBytes: 100_000)
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.logs.lines.contains { $0.contains("response body larger than 100000 bytes; refused") })
    }

    @Test func bodyBeyondTheDefaultLimitFailsTheCrawlWithItsReason() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        let oversized = [UInt8](repeating: 0x20, count: HTTPClient.defaultMaxBodyBytes + 1)
        for _ in 0..<2 { h.server.script(page: 0, .answer(status: 200, body: oversized)) }
        let outcome = try await h.crawl(options: CrawlOptions(retry: RetryPolicy(maxTries: 2)))
        guard case .failed(.pageFailed(let page, let tries, .transport(let error)), let stats) = outcome else {
            Issue.record("\(outcome)"); return
        }
        #expect(page == 1 && tries == 2 && stats.streams == 0)
        #expect(error == .bodyTooLarge(limit: 16 << 20))
        #expect(error.description == "response body larger than 16 MiB; refused")
    }

    @Test func gzipBombIsStoppedAtTheBodyLimit() async throws {
        // 17 MiB of spaces, sent as about 17 KiB of gzip: the limit applies to the decoded bytes.
        let bomb = try gzip([UInt8](repeating: 0x20, count: 17 << 20))
        #expect(bomb.count < 100_000)
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .answer(status: 200, headers: ["Content-Encoding": "gzip"], body: bomb))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.logs.lines.contains { $0.contains("response body larger than 16 MiB; refused") })
    }

    /// Compresses with the system's gzip, as the import tests do.
    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let scratch = try ScratchFolder()
        let path = try scratch.write("helix-bomb", Data(bytes))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", path]
        try process.run()
        process.waitUntilExit()
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
    }

    @Test func oversizedHeadersAreRefusedAndRetried() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        var headers: [String: String] = [:]
        for n in 0..<40 { headers["X-Padding-\(n)"] = String(repeating: "x", count: 8_000) }
        h.server.script(page: 1, .answer(status: 200, headers: headers, body: Array(#"{"data":[]}"#.utf8)))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.logs.lines.contains { $0.contains("response headers larger than 256 KiB; refused") })
    }

    struct Garbage: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int = 200
        var body: [UInt8]
        var testDescription: String { name }
        init(_ name: String, status: Int = 200, _ text: String) {
            self.name = name
            self.status = status
            body = Array(text.utf8)
        }
        init(_ name: String, bytes: [UInt8]) {
            self.name = name
            body = bytes
        }
    }

    static let garbage: [Garbage] = [
        Garbage("HTML error page with 200", "<html><body>Bad Gateway</body></html>"),
        Garbage("empty body", ""),
        Garbage("JSON null", "null"),
        Garbage("JSON array", "[]"),
        Garbage("data is an object", #"{"data":{},"pagination":{}}"#),
        Garbage("data is a string", #"{"data":"none","pagination":{}}"#),
        Garbage("data is null", #"{"data":null,"pagination":{}}"#),
        Garbage("no data member", #"{"pagination":{"cursor":"c2"}}"#),
        Garbage("truncated mid-stream", #"{"data":[{"id":"1","user_id":"#),
        Garbage("trailing garbage", #"{"data":[],"pagination":{}} trailing"#),
        Garbage("two documents", #"{"data":[]}{"data":[]}"#),
        Garbage("stream is a number", #"{"data":[5],"pagination":{}}"#),
        Garbage("viewer_count is text", #"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","viewer_count":"12"}]}"#),
        Garbage("viewer_count is fractional", #"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","viewer_count":7.5}]}"#),
        Garbage("tags is a string", #"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","tags":"English"}]}"#),
        Garbage("title is an object", #"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","title":{}}]}"#),
        Garbage("bad escape", #"{"data":[{"id":"\q"}]}"#),
        Garbage("unterminated string", #"{"data":[{"id":"1"#),
        Garbage("cursor is an object", #"{"data":[],"pagination":{"cursor":{}}}"#),
        Garbage("binary", bytes: (0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }),
        Garbage("invalid UTF-8 throughout", bytes: [0xFF, 0xFE, 0x7B, 0xC3, 0x28, 0x22]),
        Garbage("502 with HTML", status: 502, "<html>502 Bad Gateway</html>"),
    ]

    @Test(arguments: garbage)
    func unusableAnswerIsAFailedPageThatIsRetried(_ garbage: Garbage) async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.script(page: 1, .answer(status: garbage.status, body: garbage.body))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.server.apiRequests.map { $0.values("after") } == [[], ["c1"], ["c1"]])
    }

    @Test func answerThatNeverBecomesUsableFailsTheCrawlWithItsReason() async throws {
        let h = Harness(pages: StreamJSON.pages(3))
        for _ in 0..<3 { h.server.script(page: 1, .body("<html>maintenance</html>")) }
        let outcome = try await h.crawl(options: CrawlOptions(retry: RetryPolicy(maxTries: 3)))
        guard case .failed(let failure, let stats) = outcome else { Issue.record("\(outcome)"); return }
        guard case .pageFailed(2, 3, .malformed) = failure else { Issue.record("\(failure)"); return }
        #expect(stats.streams == 0)
        #expect(failure.description.hasPrefix("page 2 failed after 3 tries: malformed page: expected {"))
        #expect(h.logs.lines.contains { $0.hasPrefix("error") && $0.contains("malformed page") })
    }

    struct TokenGarbage: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        TokenGarbage(name: "no access_token", body: #"{"expires_in":5011271,"token_type":"bearer"}"#),
        TokenGarbage(name: "empty access_token", body: #"{"access_token":"","expires_in":5011271}"#),
        TokenGarbage(name: "access_token is a number", body: #"{"access_token":12345,"expires_in":5011271}"#),
        TokenGarbage(name: "access_token is null", body: #"{"access_token":null}"#),
        TokenGarbage(name: "access_token breaks the header", body: #"{"access_token":"abc\r\nX-Injected: 1"}"#),
        TokenGarbage(name: "access_token with a space", body: #"{"access_token":"abc def"}"#),
        TokenGarbage(name: "HTML with 200", body: "<html>login</html>"),
        TokenGarbage(name: "empty body", body: ""),
        TokenGarbage(name: "truncated", body: #"{"access_token":"tok"#),
        TokenGarbage(name: "trailing garbage", body: #"{"access_token":"tok"} and more"#),
        TokenGarbage(name: "deep nesting", body: #"{"access_token":"tok","x":"# + deepNesting),
    ])
    func tokenAnswerWithoutAUsableTokenIsRetried(_ garbage: TokenGarbage) async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        h.server.scriptToken(.init(status: 200, body: garbage.body))
        let outcome = try await h.crawl()
        guard case .complete(let crawl, let stats) = outcome else { Issue.record("\(outcome)"); return }
        #expect(crawl.observations.count == 200)
        #expect(stats.retries == 1)
        #expect(h.server.tokenRequests.count == 2)
        #expect(h.logs.lines.contains { $0.contains("token endpoint answered without a usable access token") })
        #expect(h.server.apiRequests.allSatisfy { $0.headers["x-injected"] == nil })
    }

    @Test func tokenEndpointThatKeepsFailingFailsTheCrawlNotTheCollector() async throws {
        let h = Harness(pages: StreamJSON.pages(1))
        for _ in 0..<3 { h.server.scriptToken(.init(status: 503, body: "<html>down</html>")) }
        let outcome = try await h.crawl(options: CrawlOptions(retry: RetryPolicy(maxTries: 3)))
        guard case .failed(let failure, let stats) = outcome else { Issue.record("\(outcome)"); return }
        guard case .pageFailed(1, 3, .token(.tokenEndpointUnavailable)) = failure else { Issue.record("\(failure)"); return }
        #expect(!failure.isPermanent)
        #expect(stats.requests == 0)
        #expect(h.server.apiRequests.isEmpty)
    }
}
