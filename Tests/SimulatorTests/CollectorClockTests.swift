import Foundation
import Model
import Simulator
import Testing

/// `simulate --speed N` with a separate `collect`: the collector stamps crawls with the wall
/// clock, so the times the simulator hands out must lie on that clock too.
@Suite struct CollectorClockTests {
    @Test func scaledClockShowsStartedAtOnTheCollectorsClock() async throws {
        try await withSimulator({ $0.speed = 3_600 }) { _, client in
            let token = try await client.token()
            try await Task.sleep(for: .milliseconds(200))  // 12 virtual minutes and more
            let answer = try await client.helix("/streams?first=100", token: token)
            let crawlTime = Clock.nowMillis()
            let data = try #require(answer.json?["data"] as? [[String: Any]])
            #expect(!data.isEmpty)
            let rules = Plausibility(now: crawlTime)
            for stream in data {
                let startedAt = try #require(Timestamp.parse(stream["started_at"] as! String))
                let viewers = stream["viewer_count"] as! Int
                #expect(rules.violation(crawlTime: crawlTime, startedAt: startedAt, viewerCount: viewers) == nil)
                #expect(startedAt % 1_000 == 0)
            }
            let reset = try #require(answer.header("Ratelimit-Reset").flatMap { Int64($0) })
            #expect(reset * 1000 <= crawlTime + 61_000)
        }
    }

    @Test func manualClockIsTheCollectorsOwnClock() {
        let clock = SimulatedClock(start: 1_772_906_400_000, mode: .manual)
        clock.advance(by: 3_600_000)
        #expect(clock.collectorTime(1_772_906_400_000) == 1_772_906_400_000)
    }

    @Test func scaledClockMapsVirtualTimeOntoTheWallClockCompressedBySpeed() {
        let before = Clock.nowMillis()
        let clock = SimulatedClock(start: 1_000_000_000_000, mode: .scaled(speed: 60))
        let after = Clock.nowMillis()
        let hourLater = clock.collectorTime(1_000_000_000_000 + 3_600_000)
        #expect(hourLater >= before + 60_000 && hourLater <= after + 60_000)
        let threeHoursBefore = clock.collectorTime(1_000_000_000_000 - 3 * 3_600_000)
        #expect(threeHoursBefore >= before - 180_000 && threeHoursBefore <= after - 180_000)
    }
}
