@testable import Consolidation
import Foundation
import GRDB
import Model
import Store
import Testing

/// A pass commits in chunks: the write lock is free between them, an interrupted pass keeps what
/// it committed, and however a pass is cut up the numbers are the same.
@Suite struct ChunkTests {
    struct Interrupted: Error {}

    static func days(_ db: TestDatabase, _ crawls: [Crawl]) -> [Int] {
        Array(Set(crawls.map { db.calendar.day(containing: $0.time) })).sorted()
    }

    /// Every extract of `days` is byte for byte the same in both databases.
    static func expectSameExtracts(_ got: TestDatabase, _ expected: TestDatabase, days: [Int]) throws {
        let want = try HandOverTests.extracts(expected, days: days)
        let have = try HandOverTests.extracts(got, days: days)
        #expect(want.values.contains { $0.count > 10_000 }, "the segments extract has rows")
        #expect(Set(have.keys) == Set(want.keys))
        for (path, bytes) in want.sorted(by: { $0.key < $1.key }) {
            let same = have[path] == bytes  // a Bool, so a failure names the file instead of printing it
            #expect(same, "\(path) differs")
        }
    }

    static func wholeBuild(_ crawls: [Crawl]) throws -> TestDatabase {
        let db = try TestDatabase()
        try HandOverTests.store(crawls[...], in: db)
        _ = try Consolidator.run(store: db.store, calendar: db.calendar, keepRawDays: 30, chunks: ChunkPolicy(pause: 0))
        return db
    }

    @Test(arguments: [1, 3])
    func aBuildInterruptedBetweenChunksThenANormalBuildGivesTheExtractsOfAnUninterruptedBuild(chunksBefore: Int) throws {
        let crawls = HandOverTests.crawls()
        let db = try TestDatabase()
        // Carried state from an earlier build, then a pass over the rest cut short after `chunksBefore` chunks.
        try HandOverTests.store(crawls[..<40], in: db)
        _ = try Consolidator.run(store: db.store, calendar: db.calendar, keepRawDays: 30, chunks: ChunkPolicy(pause: 0))
        try HandOverTests.store(crawls[40...], in: db)
        #expect(throws: Interrupted.self) {
            try Consolidator.run(
                store: db.store, calendar: db.calendar, keepRawDays: 30, handOver: HandOver(),
                chunks: ChunkPolicy(crawls: 25, pause: 0),
                afterChunk: { committed in if committed == chunksBefore { throw Interrupted() } })
        }
        #expect(try db.store.consolidatedCrawlTimes().count == 40 + 25 * chunksBefore)

        let resumed = try Consolidator.run(store: db.store, calendar: db.calendar, keepRawDays: 30)
        #expect(resumed.crawls == crawls.count - 40 - 25 * chunksBefore)
        try Self.expectSameExtracts(db, try Self.wholeBuild(crawls), days: Self.days(db, crawls))
    }

    @Test func aPassCutIntoChunksOfOneCrawlEqualsOnePassInOneChunk() throws {
        let crawls = HandOverTests.crawls()
        let db = try TestDatabase()
        try HandOverTests.store(crawls[...], in: db)
        let report = try Consolidator.run(
            store: db.store, calendar: db.calendar, keepRawDays: 30, handOver: HandOver(),
            chunks: ChunkPolicy(crawls: 1, pause: 0))
        #expect(report.chunks == crawls.count)
        #expect(report.crawls == crawls.count)
        try Self.expectSameExtracts(db, try Self.wholeBuild(crawls), days: Self.days(db, crawls))
    }

    @Test func anotherWriterGetsTheLockBetweenTwoChunks() throws {
        let crawls = HandOverTests.crawls()
        let db = try TestDatabase()
        try HandOverTests.store(crawls[...], in: db)
        // Another process, as a collector is: it does not wait for the lock at all.
        let other = try Store(path: db.store.path, busyTimeout: 0)
        var writes = 0
        let report = try Consolidator.run(
            store: db.store, calendar: db.calendar, keepRawDays: 30, handOver: HandOver(),
            chunks: ChunkPolicy(crawls: 60, pause: 0),
            afterChunk: { _ in try other.write { _ in writes += 1 } })
        #expect(report.chunks == 3)
        #expect(writes == 3)
    }

    @Test func dataWrittenBetweenChunksForCrawlsThePassTookOnForcesARecompute() throws {
        let crawls = HandOverTests.crawls()
        let db = try TestDatabase()
        try HandOverTests.store(crawls[...], in: db)
        let other = try Store(path: db.store.path)
        // A stream the pass's reader cannot see, in a crawl it has not reached yet.
        var extra = obs("late", at: "2026-03-01T00:00:00Z", viewers: 77, started: "2026-03-01T00:00:00Z")
        extra.observedAt = crawls[150].time
        extra.startedAt = crawls[140].time
        _ = try Consolidator.run(
            store: db.store, calendar: db.calendar, keepRawDays: 0, handOver: HandOver(),
            chunks: ChunkPolicy(crawls: 50, pause: 0),
            afterChunk: { committed in
                guard committed == 1 else { return }
                try other.write { database in
                    let writer = try ObservationWriter(database)
                    try writer.add(extra, crawlTime: crawls[150].time)
                    #expect(try writer.finish().forcesRecompute)
                }
            })
        #expect(try db.store.meta(.recomputeNeeded) != nil)
        #expect(try db.store.meta(.prunedBefore) == nil, "nothing is pruned while a recompute is pending")

        let next = try Consolidator.run(store: db.store, calendar: db.calendar, keepRawDays: 30)
        #expect(next.recomputed)
        let whole = try TestDatabase()
        try HandOverTests.store(crawls[...], in: whole)
        try whole.add([extra])
        _ = try Consolidator.run(store: whole.store, calendar: whole.calendar, keepRawDays: 30)
        try Self.expectSameExtracts(db, whole, days: Self.days(db, crawls))
    }
}

/// `--keep-raw` counts back from the newest crawl, never from one dated in the future.
@Suite struct PruningHorizonTests {
    static func prunedCrawlTimes(_ db: TestDatabase) throws -> [Millis] {
        try db.store.read { database in
            try Millis.fetchAll(database, sql: "SELECT time FROM crawl WHERE raw_pruned = 1 ORDER BY time")
        }
    }

    @Test func aCrawlDatedInTheFutureDoesNotPruneRealData() throws {
        let db = try TestDatabase()
        let days = (1...20).map { String(format: "2026-03-%02d", $0) }
        try db.add(days.map { obs("s\($0)", at: "\($0)T12:00:00Z", viewers: 10, started: "\($0)T11:00:00Z") })
        try db.add([obs("future", at: "2027-03-20T12:00:00Z", viewers: 5, started: "2027-03-20T11:00:00Z")])
        let now = t("2026-03-20T12:03:00Z")
        let report = try Consolidator.run(store: db.store, calendar: db.calendar, keepRawDays: 7, now: { now })
        #expect(report.futureCrawls == 1)
        #expect(report.latestFutureCrawl == t("2027-03-20T12:00:00Z"))
        // Seven days back from the newest crawl that is not in the future: 2026-03-20 12:00.
        #expect(try Self.prunedCrawlTimes(db) == days.prefix(12).map { t("\($0)T12:00:00Z") })
        #expect(report.prunedObservations == 12)
    }

    @Test func aCrawlUpToTenMinutesAheadOfTheClockCountsAsTheNewest() throws {
        let db = try TestDatabase()
        try db.add([
            obs("a", at: "2026-03-01T12:00:00Z", viewers: 10, started: "2026-03-01T11:00:00Z"),
            obs("b", at: "2026-03-02T12:09:00Z", viewers: 10, started: "2026-03-02T11:00:00Z"),
        ])
        let report = try Consolidator.run(
            store: db.store, calendar: db.calendar, keepRawDays: 1, now: { t("2026-03-02T12:00:00Z") })
        #expect(report.futureCrawls == 0)
        #expect(try Self.prunedCrawlTimes(db) == [t("2026-03-01T12:00:00Z")])
    }
}
