import Foundation
import Helix
import Logging
import Model
import TestSupport
import Testing

@Suite struct PageParsingTests {
    @Test func nullTagsBecomeAnEmptyArrayAndTagsAreCompactJSON() throws {
        let body = #"""
            {"data":[
              {"id":"1","user_id":"10","user_login":"a","user_name":"A","game_id":"","game_name":"","type":"live","title":"","tags":null,"viewer_count":5,"started_at":"2026-03-07T18:00:00Z","language":"en","is_mature":false},
              {"id":2,"user_id":20,"user_login":"b","user_name":"B\u00e9 \ud83d\ude00","game_id":"33","game_name":"G","type":"","title":"say \"hi\"\n","tags":[ "Eng\"lish" , "Ünï" ],"viewer_count":7.0,"started_at":"2026-03-07T18:00:01.5Z","language":"other","is_mature":true,"extra":{"nested":[1,{"x":null}]}}
            ],"pagination":{"cursor":"IA"}}
            """#
        let page = try StreamsPage.parse(Array(body.utf8), observedAt: 42)
        #expect(page.cursor == "IA")
        #expect(page.observations.count == 2)
        let a = page.observations[0], b = page.observations[1]
        #expect(a.tags == "[]" && a.gameID == "" && a.title == "" && a.observedAt == 42)
        #expect(a.startedAt == Timestamp.parse("2026-03-07T18:00:00Z"))
        #expect(b.streamID == "2" && b.userID == "20" && b.viewerCount == 7 && b.isMature && b.type == "")
        #expect(b.userName == "Bé 😀" && b.title == "say \"hi\"\n")
        #expect(b.tags == #"["Eng\"lish","Ünï"]"#)
        #expect(b.startedAt == Timestamp.parse("2026-03-07T18:00:01.5Z"))
    }

    /// Compact arrays of plain strings are kept as sent; every other spelling is parsed and
    /// written out again. Either way the tags text is the compact JSON of the strings.
    @Test(arguments: [
        (#"[]"#, [String]()), (#"["English"]"#, ["English"]), (#"["English","FPS","Ünï 😀"]"#, ["English", "FPS", "Ünï 😀"]),
        (#"["a","","b"]"#, ["a", "", "b"]), (#"[ "a" ]"#, ["a"]), (#"["a", "b"]"#, ["a", "b"]), (#"[ ]"#, []),
        (#"["a\"b","c"]"#, ["a\"b", "c"]), (#"["tab\there"]"#, ["tab\there"]), (#"["\u00e9"]"#, ["é"]),
        (#"[1,"a"]"#, ["1", "a"]), (#"["a",null]"#, ["a", ""]),
    ])
    func tagsAreTheCompactJSONOfTheirStrings(_ sent: String, _ strings: [String]) throws {
        let body = #"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","tags":"# + sent + #","language":"en"}]}"#
        let page = try StreamsPage.parse(Array(body.utf8), observedAt: 0)
        #expect(page.observations.first?.tags == MinimalJSON.array(of: strings))
        #expect(page.observations.first?.language == "en", "the fields after the tags are read")
    }

    @Test func anUnterminatedTagsArrayIsMalformed() {
        for tags in [#"["a""#, #"["a","#, #"["a"#, #"["#] {
            let body = #"{"data":[{"id":"1","started_at":"2026-03-07T18:00:00Z","tags":"# + tags
            #expect(throws: MalformedPage.self) { try StreamsPage.parse(Array(body.utf8), observedAt: 0) }
        }
    }

    @Test func streamsWithoutIdOrStartTimeAreSkippedAndCounted() throws {
        let body = #"{"data":[{"id":"1","started_at":"bad"},{"started_at":"2026-03-07T18:00:00Z"},{"id":"3","started_at":"2026-03-07T18:00:00Z"}],"pagination":{}}"#
        let page = try StreamsPage.parse(Array(body.utf8), observedAt: 0)
        #expect(page.observations.map(\.streamID) == ["3"])
        #expect(page.skippedStreams == 2)
        #expect(page.cursor == nil)
    }

    @Test func truncatedOrForeignBodiesAreMalformed() {
        for body in [#"{"data":[{"id":"1","started_at":"2026-"#, "<html>Bad Gateway</html>", #"{"pagination":{}}"#, ""] {
            #expect(throws: MalformedPage.self) { try StreamsPage.parse(Array(body.utf8), observedAt: 0) }
        }
    }
}

@Suite struct RatePacerTests {
    func response(limit: Int, remaining: Int, resetSeconds: Int64) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [
            "Ratelimit-Limit": "\(limit)", "ratelimit-remaining": "\(remaining)", "RATELIMIT-RESET": "\(resetSeconds)",
        ], body: [])
    }

    @Test func plentyOfPointsMeansNoWait() {
        var pacer = RatePacer()
        pacer.record(response(limit: 800, remaining: 500, resetSeconds: 1_000))
        #expect(pacer.delayBeforeNextRequest(at: 990_000) == 0)
    }

    @Test func fewPointsAreSpreadUntilTheReset() {
        var pacer = RatePacer()
        pacer.record(response(limit: 800, remaining: 40, resetSeconds: 1_000))
        #expect(pacer.delayBeforeNextRequest(at: 980_000) == 500)
        pacer.record(response(limit: 800, remaining: 0, resetSeconds: 1_000))
        #expect(pacer.delayBeforeNextRequest(at: 980_000) == 20_000)
        #expect(pacer.delayBeforeNextRequest(at: 1_001_000) == 0)
    }

    @Test func rateLimitedWithoutResetWaitsTheDefault() {
        let pacer = RatePacer()
        let policy = RetryPolicy()
        let bare = HTTPResponse(status: 429, headers: [:], body: [])
        #expect(pacer.delayAfterRateLimited(bare, at: 0, policy: policy) == policy.rateLimitedDefaultWait)
        let far = response(limit: 800, remaining: 0, resetSeconds: 1_000_000)
        // A reset more than two minutes away is not believed: one refill window instead.
        #expect(pacer.delayAfterRateLimited(far, at: 0, policy: policy) == RatePacer.assumedRefillWindow)
    }

    @Test func answerWithoutRateLimitHeadersKeepsTheLastStateAndGarbageCountsAsAbsent() {
        var pacer = RatePacer()
        pacer.record(response(limit: 800, remaining: 0, resetSeconds: 1_000))
        pacer.record(HTTPResponse(status: 502, headers: ["Content-Type": "text/html"], body: []))
        #expect(pacer.remaining == 0 && pacer.resetAt == 1_000_000)
        pacer.record(HTTPResponse(status: 200, headers: [
            "Ratelimit-Limit": "0", "Ratelimit-Remaining": "-3", "Ratelimit-Reset": "-1",
        ], body: []))
        #expect(pacer.limit == nil && pacer.remaining == nil && pacer.resetAt == nil)
        #expect(pacer.delayBeforeNextRequest(at: 990_000) == 0)
    }

    @Test func resetMoreThanTwoMinutesAwayIsNotBelieved() {
        var pacer = RatePacer()
        pacer.record(response(limit: 800, remaining: 10, resetSeconds: 1_120))
        #expect(pacer.delayBeforeNextRequest(at: 1_000_000) == 12_000)
        pacer.record(response(limit: 800, remaining: 10, resetSeconds: 1_121))
        #expect(pacer.delayBeforeNextRequest(at: 1_000_000) == RatePacer.assumedRefillWindow / 10)
        pacer.record(response(limit: 800, remaining: 10, resetSeconds: Int64.max))
        #expect(pacer.delayBeforeNextRequest(at: 1_000_000) == RatePacer.assumedRefillWindow / 10)
    }

    @Test func backoffDoublesWithJitterUpToTheCap() {
        let policy = RetryPolicy()
        for failures in 1...12 {
            let full = min(30_000, 500 << Millis(failures - 1))
            let d = policy.delay(afterFailures: failures)
            #expect(d >= full / 2 && d <= full)
        }
    }
}

@Suite struct CredentialsTests {
    let scratch: ScratchFolder

    init() throws { scratch = try ScratchFolder() }

    func secretFile(_ text: String, mode: mode_t) throws -> String {
        let path = try scratch.write("twitch-secret-\(UUID().uuidString)", text)
        chmod(path, mode)
        return path
    }

    @Test func secretFileReadableByOthersIsRefused() throws {
        let path = try secretFile("TWITCH_CLIENT_ID=abc\nTWITCH_CLIENT_SECRET=def\n", mode: 0o644)
        #expect(throws: CredentialsError.secretFileTooOpen(path: path, mode: 0o644)) {
            try Credentials.load(secretFile: path)
        }
        let message = "\(CredentialsError.secretFileTooOpen(path: path, mode: 0o644))"
        #expect(message.contains(path) && message.contains("chmod 600"))
    }

    @Test func privateSecretFileLoadsLikeAnEnvironmentFile() throws {
        let path = try secretFile("# twitch app\nexport TWITCH_CLIENT_ID=abc\nTWITCH_CLIENT_SECRET=\"d=ef\"\n", mode: 0o600)
        let credentials = try Credentials.load(secretFile: path)
        #expect(credentials.clientID == "abc")
        #expect(!"\(credentials)".contains("d=ef"))
    }

    @Test func missingEnvironmentVariablesAreNamed() {
        #expect(throws: CredentialsError.missing(variables: ["TWITCH_CLIENT_SECRET"], source: "the environment")) {
            try Credentials.fromEnvironment(["TWITCH_CLIENT_ID": "abc"])
        }
    }
}

@Suite struct LogOutputTests {
    @Test func jsonLogLinesCarryTimeLevelLabelMessageAndMetadata() throws {
        let lines = LogCapture()
        var logger = Logger(label: "twitch-stats.collect") { label in JSONLogHandler(label: label) { lines.append($0) } }
        logger[metadataKey: "run"] = "7"
        logger.info("crawl 1: \"done\"", metadata: ["pages": "3", "nested": ["a": "b"]])
        let line = try #require(lines.lines.first)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "twitch-stats.collect")
        #expect(object["message"] as? String == "crawl 1: \"done\"")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["pages"] as? String == "3" && metadata["run"] as? String == "7")
        #expect((object["time"] as? String).flatMap(Timestamp.parse) != nil)
    }

    @Test func progressLineRewritesOneLineWithGroupedCounts() {
        let out = LogCapture()
        let line = ProgressLine { out.append($0) }
        line.update(CrawlProgress(crawl: 12, pages: 340, streams: 34_000, retries: 2))
        line.clear()
        line.clear()
        #expect(out.lines == ["\r\u{1B}[Kcrawl 12: page 340, 34,000 streams, 2 retries", "\r\u{1B}[K"])
    }
}
