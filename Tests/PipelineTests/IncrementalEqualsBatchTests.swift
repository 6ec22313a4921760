import Foundation
import Model
import Pipeline
import Store
import SyntheticData
import TestSupport
import Testing

/// METRICS.md §7: importing and building in steps, with raw observations pruned along the way,
/// gives byte for byte the extracts of one import and one build of everything, the period
/// extracts of §8 included.
@Suite struct IncrementalEqualsBatchTests {
    /// Three days of crawls every 20 minutes, as NDJSON lines grouped by crawl.
    static func crawls(seed: UInt64, start: Millis = 1_772_841_600_000) -> [[String]] {
        var world = SyntheticTwitch(liveStreams: 12, crawlIntervalMs: 1_200_000, start: start, seed: seed)
        return (0..<(3 * 72)).map { _ in world.nextCrawl().observations.map(NDJSONLine.line) }
    }

    static func batch(_ crawls: [[String]], zone: String, scratch: ScratchFolder) throws -> [String: Data] {
        let file = try scratch.write("all.ndjson", crawls.joined().joined())
        let out = scratch.url.appendingPathComponent("batch")
        _ = try importAndBuild([file], db: scratch.path("batch.sqlite"), out: out, timeZone: zone)
        return filesUnder(out.appendingPathComponent("data"))
    }

    /// 2025-12-30T12:00Z: three days across the end of a month and of a year in every zone.
    static let newYearsEve: Millis = 1_767_096_000_000

    @Test(arguments: [(UInt64(1), "UTC", Millis(1_772_841_600_000)), (2, "America/New_York", newYearsEve),
                      (3, "Asia/Kolkata", newYearsEve)])
    func stepsSplitBetweenCrawlsWithPruningEqualOneBatch(seed: UInt64, zone: String, start: Millis) throws {
        let scratch = try ScratchFolder()
        let crawls = Self.crawls(seed: seed, start: start)
        let expected = try Self.batch(crawls, zone: zone, scratch: scratch)
        #expect(expected.keys.contains("last-7d/channels.csv"))
        if start == Self.newYearsEve {
            for folder in ["months/2025-12", "months/2026-01", "years/2025", "years/2026"] {
                #expect(expected.keys.contains("\(folder)/games.csv"), "\(folder)")
            }
        }
        var rng = SplitMix64(seed: seed &* 7919)
        var cuts = Set((0..<6).map { _ in Int(rng.next() % UInt64(crawls.count)) })
        cuts.insert(crawls.count)
        let out = scratch.url.appendingPathComponent("steps")
        var start = 0
        for (step, cut) in cuts.sorted().enumerated() where cut > start {
            let file = try scratch.write("step\(step).ndjson", crawls[start..<cut].joined().joined())
            _ = try importAndBuild([file], db: scratch.path("steps.sqlite"), out: out, timeZone: zone, keepRaw: 1)
            start = cut
        }
        let got = filesUnder(out.appendingPathComponent("data"))
        #expect(Set(got.keys) == Set(expected.keys))
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[path] == data, "\(path) differs")
        }
        #expect(try Store(path: scratch.path("steps.sqlite")).meta(.prunedBefore) != nil, "pruning was exercised")
    }

    @Test(arguments: [UInt64(4), 5])
    func stepsSplitInsideCrawlsAndOutOfOrderAreRecomputedExactly(seed: UInt64) throws {
        let scratch = try ScratchFolder()
        let crawls = Self.crawls(seed: seed)
        let expected = try Self.batch(crawls, zone: "UTC", scratch: scratch)
        let lines = crawls.joined().map { $0 }
        var rng = SplitMix64(seed: seed)
        var cuts = Set((0..<5).map { _ in Int(rng.next() % UInt64(lines.count)) })
        cuts.insert(lines.count)
        var chunks: [ArraySlice<String>] = []
        var start = 0
        for cut in cuts.sorted() where cut > start {
            chunks.append(lines[start..<cut])
            start = cut
        }
        // The last two chunks arrive in the wrong order: older data after newer was consolidated.
        if chunks.count >= 3 { chunks.swapAt(chunks.count - 1, chunks.count - 2) }
        let out = scratch.url.appendingPathComponent("steps")
        for (step, chunk) in chunks.enumerated() {
            let file = try scratch.write("step\(step).ndjson", chunk.joined())
            _ = try importAndBuild([file], db: scratch.path("steps.sqlite"), out: out, keepRaw: 30)
        }
        let got = filesUnder(out.appendingPathComponent("data"))
        #expect(Set(got.keys) == Set(expected.keys))
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[path] == data, "\(path) differs")
        }
    }

    @Test func lateDataAfterPruningIsRefusedAndNothingIsWritten() throws {
        let scratch = try ScratchFolder()
        let crawls = Self.crawls(seed: 9)
        let db = scratch.path("db.sqlite")
        let out = scratch.url.appendingPathComponent("site")
        let newer = try scratch.write("newer.ndjson", crawls[100...].joined().joined())
        let older = try scratch.write("older.ndjson", crawls[..<100].joined().joined())
        _ = try importAndBuild([newer], db: db, out: out, keepRaw: 0)
        let store = try Store(path: db)
        let before = try store.counts()
        do {
            _ = try ImportJob.run(store: store, paths: [older], skipInvalid: false)
            Issue.record("late data after pruning should be refused")
        } catch let error as StoreError {
            #expect("\(error)".contains("is older than data already consolidated"))
        }
        let after = try store.counts()
        #expect(after.crawls == before.crawls)
        #expect(after.rawObservations == before.rawObservations)
    }
}
