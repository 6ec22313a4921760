import Foundation
import Extracts
import Metrics
import Model
import Pipeline
import Store
import SyntheticData
import TestSupport
import Testing

/// METRICS.md §8 over weeks of nightly builds: what a build keeps for the next (each day's sums,
/// blocks of a month's days, the start of the month in progress, whole months) gives exactly the
/// period files of one build of everything, also when a late crawl changes a day weeks old.
@Suite struct KeptPeriodSumsTests {
    /// 2026-01-20T00:00Z: 45 days across the ends of January and February.
    static let start: Millis = 1_768_867_200_000
    static let crawlsPerDay = 12

    /// Periods ending on the same day grow one from the next, shortest first (each older month
    /// merged once for all the windows): every one of them is what it is computed alone.
    @Test func windowsGrownFromShorterOnesEqualEachComputedAlone() throws {
        let scratch = try ScratchFolder()
        var world = SyntheticTwitch(liveStreams: 6, crawlIntervalMs: 86_400_000 / Int64(Self.crawlsPerDay),
                                    start: Self.start, seed: 5)
        let crawls = (0..<(45 * Self.crawlsPerDay + 1)).map { _ in world.nextCrawl().observations.map(NDJSONLine.line) }
        let db = scratch.path("db.sqlite")
        _ = try importAndBuild([try scratch.write("all.ndjson", crawls.joined().joined())], db: db,
                               out: scratch.url.appendingPathComponent("site"))
        let store = try Store(path: db)
        let calendar = try #require(ReportCalendar(identifier: "UTC"))
        let reported = try ReportedDays.all(store: store, calendar: calendar)
        let latest = try #require(reported.dropLast().last)
        let periods = Period.all(reportedDays: reported, latestCompleteDay: latest)
        #expect(periods.filter { if case .window = $0.kind { return true } else { return false } }.count == 5)
        func text(_ t: PeriodTables?) throws -> [String] {
            guard let t else { return [] }
            return try PeriodExtracts.files(t).filter { $0.format == .csv }.map { file in
                let out = ByteOutput()
                try file.write(out)
                return file.path + "\n" + String(decoding: out.bytes, as: UTF8.self)
            }
        }
        let together = try PeriodTableBuilder.tables(store: store, calendar: calendar, periods: periods, reportedDays: reported)
        for period in periods {
            let alone = try PeriodTableBuilder.tables(store: store, calendar: calendar, period: period, reportedDays: reported)
            #expect(try text(together[period] ?? nil) == text(alone), "\(period.name)")
        }
    }

    @Test func weeksBuiltNightByNightWithALateCrawlEqualOneBuild() throws {
        let scratch = try ScratchFolder()
        var world = SyntheticTwitch(liveStreams: 6, crawlIntervalMs: 86_400_000 / Int64(Self.crawlsPerDay),
                                    start: Self.start, seed: 21)
        let crawls = (0..<(45 * Self.crawlsPerDay)).map { _ in world.nextCrawl().observations.map(NDJSONLine.line) }
        let expected = try IncrementalEqualsBatchTests.batch(crawls, zone: "UTC", scratch: scratch)
        for folder in ["months/2026-01", "months/2026-02", "months/2026-03", "last-30d", "last-7d"] {
            #expect(expected.keys.contains("\(folder)/channels.csv"), "\(folder)")
        }

        // A crawl of 9 February (the second day of its block) held back until every night is built.
        let late = 20 * Self.crawlsPerDay + 5
        let out = scratch.url.appendingPathComponent("nightly")
        let db = scratch.path("nightly.sqlite")
        // Four weeks at once, then a build every three days (each the nightly case: the days
        // before are kept, the month's start grows).
        for (step, days) in [0..<27, 27..<30, 30..<33, 33..<36, 36..<39, 39..<42, 42..<45].enumerated() {
            let lines = (days.lowerBound * Self.crawlsPerDay..<days.upperBound * Self.crawlsPerDay)
                .filter { $0 != late }.map { crawls[$0] }
            let file = try scratch.write("step\(step).ndjson", lines.joined().joined())
            _ = try importAndBuild([file], db: db, out: out, keepRaw: 60)
        }
        let store = try Store(path: db)
        #expect(try store.periodSumsHeader(key: "block:2026-02:1") != nil, "a block was kept")
        #expect(try store.periodSumsHeader(key: "month-start:2026-03") != nil, "the month's start was kept")

        let file = try scratch.write("late.ndjson", crawls[late].joined())
        let report = try importAndBuild([file], db: db, out: out, keepRaw: 60)
        #expect(report.writtenDays.contains(CivilDate(year: 2026, month: 2, day: 9).dayNumber))
        let got = filesUnder(out.appendingPathComponent("data"))
        #expect(Set(got.keys) == Set(expected.keys))
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[path] == data, "\(path) differs")
        }
    }
}
