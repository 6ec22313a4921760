import Foundation
import Helix
import Model
import Testing

/// The collector's side of METRICS.md §1: implausible streams are left out of the crawl and
/// counted, and no number from the API traps on the way.
@Suite struct LeftOutTests {
    static func stream(_ id: Int, viewers: String, startedAt: String = "2026-03-07T18:00:00Z") -> String {
        StreamJSON.stream(id, viewers: 0)
            .replacingOccurrences(of: #""viewer_count":0"#, with: #""viewer_count":\#(viewers)"#)
            .replacingOccurrences(of: "2026-03-07T18:00:00Z", with: startedAt)
    }

    @Test func implausibleStreamsAreLeftOutCountedAndLoggedOnce() async throws {
        let pages = [
            [
                Self.stream(1, viewers: "100"),
                Self.stream(2, viewers: "-5"),
                Self.stream(3, viewers: "60000000"),
                Self.stream(4, viewers: "10", startedAt: "2026-02-20T18:00:00Z"),
                Self.stream(5, viewers: "10", startedAt: "2026-03-07T19:00:00Z"),
                Self.stream(6, viewers: "9223372036854775807"),
            ],
            [Self.stream(7, viewers: "10"), Self.stream(8, viewers: "50000000")],
        ]
        let h = Harness(pages: pages)
        try await h.server.start()
        let result = await Result { try await offThread { [h] in
            let collector = Collector(
                crawler: try h.makeCrawler(), options: .init(crawls: 1), stop: h.stop,
                now: { h.clock.now() }, sleep: { h.sleeper.sleep($0) }, logger: h.logs.logger())
            let seen = OutcomeLog()
            let summary = try collector.run { seen.append($0) }
            return (summary, seen.outcomes)
        } }
        await h.server.stop()
        let (summary, outcomes) = try result.get()
        #expect(summary.complete == 1)
        guard case .complete(let crawl, let stats) = outcomes.first else { Issue.record("\(outcomes)"); return }
        #expect(crawl.observations.map(\.streamID) == ["1", "7", "8"])
        #expect(crawl.leftOut == 5)
        #expect(stats.streams == 3)
        let warnings = h.logs.lines.filter { $0.contains("implausible") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("warning crawl 1: left out 5 implausible streams (started_at 2, viewer_count 3)") == true)
        #expect(warnings.first?.contains("stream 2: viewer_count: must be a non-negative integer, got -5") == true)
    }

    @Test func crawlWhoseOwnTimeIsImplausibleFailsNamingTheClock() async throws {
        let h = Harness(pages: [[Self.stream(1, viewers: "10")]])
        // A machine whose clock says 2010 (a board without a real-time clock before NTP, say).
        let clock = h.clock
        clock.advance(Timestamp.parse("2010-01-01T00:00:00Z")! - clock.now())
        try await h.server.start()
        let result = await Result { try await offThread { [h] in
            let collector = Collector(
                crawler: try h.makeCrawler(), options: .init(crawls: 1), stop: h.stop,
                now: { h.clock.now() }, sleep: { h.sleeper.sleep($0) }, logger: h.logs.logger())
            let seen = OutcomeLog()
            let summary = try collector.run { outcome in
                seen.append(outcome)
                h.stop.stop()
            }
            return (summary, seen.outcomes)
        } }
        await h.server.stop()
        let (summary, outcomes) = try result.get()
        #expect(summary.complete == 0 && summary.failed == 1)
        guard case .failed(let failure, _) = outcomes.first else { Issue.record("\(outcomes)"); return }
        #expect("\(failure)".hasPrefix("crawl time 2010-01-01T00:00:0"))
        #expect("\(failure)".hasSuffix("is before 2011-06-01, earlier than any Twitch crawl; check this machine's clock"))
        #expect(h.logs.lines.contains { $0.hasPrefix("error crawl 1 failed: crawl time") })
    }
}
