import Foundation
import Helix
import Model
import Testing

@Suite struct StopAndCollectorTests {
    @Test func stopMidCrawlCancelsItAndNothingIsComplete() async throws {
        let h = Harness(pages: StreamJSON.pages(5))
        h.server.script(page: 2, .raise(h.stop))
        try await h.server.start()
        let result = await Result { try await offThread { [h] in
            let collector = Collector(
                crawler: try h.makeCrawler(), options: .init(crawls: 2), stop: h.stop,
                now: { h.clock.now() }, sleep: { h.sleeper.sleep($0) })
            let seen = OutcomeLog()
            let summary = try collector.run { seen.append($0) }
            return (summary, seen.outcomes)
        } }
        await h.server.stop()
        let (summary, outcomes) = try result.get()
        #expect(summary.complete == 0 && summary.cancelled == 1 && summary.stopped)
        #expect(outcomes.count == 1)
        guard case .cancelled(let stats) = outcomes.first else { Issue.record("\(outcomes)"); return }
        #expect(stats.pages == 2)
        #expect(h.server.apiRequests.count == 3)
    }

    @Test func stopDuringAWaitEndsTheWaitAndCancels() async throws {
        let stop = StopFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { stop.stop() }
        let started = Date()
        stop.sleep(60_000)
        #expect(stop.isStopped)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func collectorRunsTheRequestedCrawlsSpacedByTheInterval() async throws {
        let h = Harness(pages: StreamJSON.pages(2))
        try await h.server.start()
        let result = await Result { try await offThread { [h] in
            let collector = Collector(
                crawler: try h.makeCrawler(), options: .init(crawls: 3, interval: 300_000), stop: h.stop,
                now: { h.clock.now() }, sleep: { h.sleeper.sleep($0) })
            let seen = OutcomeLog()
            let summary = try collector.run { seen.append($0) }
            return (summary, seen.outcomes)
        } }
        await h.server.stop()
        let (summary, outcomes) = try result.get()
        #expect(summary.complete == 3 && !summary.stopped)
        let times = outcomes.compactMap { outcome -> Millis? in
            if case .complete(let crawl, _) = outcome { return crawl.time }
            return nil
        }
        #expect(times.count == 3)
        #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 == 300_000 })
        #expect(outcomes.map(\.stats.number) == [1, 2, 3])
        #expect(h.logs.lines.filter { $0.hasPrefix("info") && $0.contains("streams in") }.count == 3)
    }

    @Test func handlerErrorStopsTheCollector() async throws {
        struct StoreFailed: Error {}
        let h = Harness(pages: StreamJSON.pages(1))
        try await h.server.start()
        let result = await Result { try await offThread { [h] in
            let collector = Collector(
                crawler: try h.makeCrawler(), options: .init(crawls: 3), stop: h.stop,
                now: { h.clock.now() }, sleep: { h.sleeper.sleep($0) })
            try collector.run { _ in throw StoreFailed() }
        } }
        await h.server.stop()
        #expect(throws: StoreFailed.self) { try result.get() }
        #expect(h.server.apiRequests.count == 1)
    }
}
