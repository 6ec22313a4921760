import Metrics
import Store
import Testing

/// A day's coverage from its crawls: cadence, gaps, the share of the day covered.
@Suite("Day coverage")
struct DayCoverageTests {
    private let minute: Int64 = 60_000
    private let dayMs: Int64 = 86_400_000

    private func crawl(_ t: Int64, complete: Bool = true, leftOut: Int = 0, reason: String = "") -> CrawlLogRow {
        CrawlLogRow(time: t, complete: complete, pages: complete ? 3 : 1, streams: complete ? 250 : 0, leftOut: leftOut,
                    durationMs: 4_000, reason: reason)
    }

    private func everyFiveMinutes(from: Int64, to: Int64) -> [Int64] {
        var times: [Int64] = []
        var t = from
        while t < to {
            times.append(t)
            t += 300_000
        }
        return times
    }

    @Test func crawlsEveryFiveMinutesCoverTheWholeDay() {
        let start: Int64 = 20 * dayMs
        let times = everyFiveMinutes(from: start - dayMs, to: start + 2 * dayMs)
        let crawls = times.map { crawl($0) }
        let c = DayCoverage.compute(day: 20, start: start, end: start + dayMs, around: crawls)
        #expect(c.coverage == 1)
        #expect(c.cadenceMs == 5 * minute)
        #expect(c.gaps.isEmpty)
        #expect(c.crawls.count == 288)
        #expect(c.crawls.allSatisfy { $0.sincePreviousMs == 5 * minute && !$0.afterGap })
    }

    @Test func anOutageIsAGapAndUncoveredTimeAndAFailedCrawlCoversNothing() {
        let start: Int64 = 20 * dayMs
        let outageStart: Int64 = start + 600 * minute, outageEnd: Int64 = start + 660 * minute   // 10:00 to 11:00
        let outage: Range<Int64> = outageStart..<outageEnd
        let times = everyFiveMinutes(from: start - dayMs, to: start + 2 * dayMs)
        var crawls: [CrawlLogRow] = times.filter { !outage.contains($0) || $0 == outageStart }.map { crawl($0) }
        crawls.append(crawl(start + 630 * minute, complete: false, reason: "HTTP 503 after 5 retries"))
        crawls.sort { $0.time < $1.time }
        let c = DayCoverage.compute(day: 20, start: start, end: start + dayMs, around: crawls)
        #expect(c.gaps == [DayCoverage.Gap(from: outage.lowerBound, to: outage.upperBound)])
        // Covered: all but 10:05 to 11:00.
        #expect(c.coverage == Double(1440 - 55) / 1440)
        #expect(c.failedCrawls == 1)
        let after = c.crawls.first { $0.row.time == outage.upperBound }!
        #expect(after.afterGap && after.sincePreviousMs == 60 * minute)
        let failure = c.crawls.first { !$0.row.complete }!
        #expect(failure.sincePreviousMs == nil && failure.row.reason == "HTTP 503 after 5 retries")
    }

    @Test func aDayInProgressCountsUpToItsLatestCrawl() {
        let start: Int64 = 20 * dayMs
        let times = everyFiveMinutes(from: start - dayMs, to: start + 721 * minute)
        let crawls = times.map { crawl($0) }
        let c = DayCoverage.compute(day: 20, start: start, end: start + dayMs, around: crawls)
        #expect(c.coverage == 1)
    }
}
