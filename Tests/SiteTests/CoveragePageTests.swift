import Extracts
import Foundation
import Metrics
import Store
import Testing

@Suite("Coverage pages")
struct CoveragePageTests {
    private let minute: Int64 = 60_000
    private let dayMs: Int64 = 86_400_000

    private func crawl(_ t: Int64, complete: Bool = true, leftOut: Int = 0, reason: String = "") -> CrawlLogRow {
        CrawlLogRow(time: t, complete: complete, pages: complete ? 3 : 1, streams: complete ? 250 : 0, leftOut: leftOut,
                    durationMs: 4_000, reason: reason)
    }

    @Test func crawlsCSVListsEveryCrawlWithStatusReasonAndLeftOut() throws {
        let start: Int64 = 20 * dayMs
        let rows = [crawl(start - 15 * minute), crawl(start - 10 * minute), crawl(start - 5 * minute),
                    crawl(start, leftOut: 3), crawl(start + 20 * minute),
                    crawl(start + 21 * minute, complete: false, reason: "=cursor loops, gave up")]
        let c = DayCoverage.compute(day: 20, start: start, end: start + dayMs, around: rows)
        let csv = String(decoding: try CrawlsExtract.file(c).contents(), as: UTF8.self)
        #expect(CrawlsExtract.file(c).path == "data/1970-01-21/crawls.csv")
        #expect(csv == """
            crawl_time,status,pages,streams,left_out,duration_s,reason,since_previous_s,after_gap
            1970-01-21T00:00:00Z,complete,3,250,3,4.000,,300.000,false
            1970-01-21T00:20:00Z,complete,3,250,0,4.000,,1200.000,true
            1970-01-21T00:21:00Z,failed,1,0,0,4.000,"'=cursor loops, gave up",,false

            """)
    }

    @Test func theSiteHasACoveragePageAndEachDaysCrawlsAndShowsCoverageBesideTheHeadline() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 10, days: 3), channelPages: 2)
        defer { built.remove() }
        #expect(built.exists("coverage/index.html"))
        let page = built.text("coverage/index.html")
        for iso in ["2026-03-01", "2026-03-02", "2026-03-03"] {
            #expect(built.text("data/\(iso)/crawls.csv").hasPrefix("crawl_time,status,pages,streams,left_out"))
            #expect(page.contains("href=\"../data/\(iso)/crawls.csv\""))
        }
        // The synthetic import has no crawl in the hours nobody streams: 20 of the 24 hours are covered.
        #expect(built.text("reports/2026-03-01/index.html").contains("<dt>Coverage</dt><dd><span class=\"value\">83.3%</span>"))
        #expect(built.text("index.html").contains("<dt>Coverage</dt>"))
        #expect(built.text("index.html").contains("href=\"coverage/index.html\""))
    }
}
