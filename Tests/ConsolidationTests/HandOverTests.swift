@testable import Consolidation
import Extracts
import GRDB
import Metrics
import Model
import Store
import SyntheticData
import Testing

/// A pass hands rows over for writing while it goes on; when and how often must not change a
/// single number, in this pass or the next one that carries its state on.
@Suite struct HandOverTests {
    static let everyCrawl = HandOver(firstBatch: 1, crawlsPerBatch: 1, quietCrawls: 1)
    static let never = HandOver(firstBatch: .max, crawlsPerBatch: .max, quietCrawls: .max)

    /// Two days and a half of crawls every 20 minutes: streams start, end, switch games, drop out of
    /// a crawl and come back, and cross midnight.
    static func crawls() -> [Crawl] {
        var world = SyntheticTwitch(liveStreams: 30, crawlIntervalMs: 1_200_000, seed: 11)
        return (0..<180).map { _ in world.nextCrawl() }
    }

    static func consolidate(_ crawls: [Crawl], handOver: HandOver, in db: TestDatabase) throws {
        // In two passes: the second starts from the state the first carried over.
        for part in [crawls[..<100], crawls[100...]] {
            try store(part, in: db)
            _ = try Consolidator.run(store: db.store, calendar: db.calendar, keepRawDays: 30, handOver: handOver)
        }
    }

    /// Stores crawls the collector's way, one crawl row each.
    static func store(_ crawls: ArraySlice<Crawl>, in db: TestDatabase) throws {
        try db.store.write { database in
            let writer = try ObservationWriter(database)
            for crawl in crawls {
                try writer.beginCollectedCrawl(time: crawl.time, pages: crawl.pages, durationMs: 0, retries: 0)
                for o in crawl.observations { try writer.add(o, crawlTime: crawl.time, source: "collect") }
            }
            _ = try writer.finish()
        }
    }

    /// Every extract of every day with a crawl, as bytes.
    static func extracts(_ db: TestDatabase, days: [Int]) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for day in days {
            for file in DayExtracts.tableFiles(try DayTableBuilder.tables(store: db.store, calendar: db.calendar, day: day))
                + DayExtracts.segmentFiles(day: day, try DaySegments.load(store: db.store, day: day))
            {
                files[file.path] = try file.contents()
            }
        }
        return files
    }

    @Test func handingOverEveryCrawlEqualsHandingOverOnceAtTheEnd() throws {
        let crawls = Self.crawls()
        let often = try TestDatabase(), once = try TestDatabase()
        try Self.consolidate(crawls, handOver: Self.everyCrawl, in: often)
        try Self.consolidate(crawls, handOver: Self.never, in: once)
        let days = Array(Set(crawls.map { often.calendar.day(containing: $0.time) })).sorted()
        #expect(days.count >= 3)
        let expected = try Self.extracts(once, days: days)
        let got = try Self.extracts(often, days: days)
        #expect(expected.values.contains { $0.count > 10_000 }, "the segments extract has rows")
        #expect(Set(got.keys) == Set(expected.keys))
        for (path, bytes) in expected.sorted(by: { $0.key < $1.key }) {
            let same = got[path] == bytes  // a Bool, so a failure names the file instead of printing it
            #expect(same, "\(path) differs")
        }
    }
}

/// A pass that fails part-way keeps the chunks it committed and rolls back only the unfinished
/// one; the next build continues from there and ends where an uninterrupted build does.
@Suite struct FailedPassTests {
    @Test func aFailureRollsBackOnlyTheUnfinishedChunkAndTheNextBuildContinuesToTheSameResult() throws {
        let crawls = HandOverTests.crawls()
        let db = try TestDatabase()
        try HandOverTests.store(crawls[...], in: db)
        // The newest facts row vanishes: only the last crawls refer to it, so the pass fails
        // after committing the chunks before them.
        let facts = try db.store.read { database in
            try Row.fetchOne(database, sql: "SELECT * FROM facts WHERE id = (SELECT MAX(id) FROM facts)")!
        }
        try db.store.write { database in try database.execute(sql: "DELETE FROM facts WHERE id = ?", arguments: [facts["id"]]) }
        let chunks = ChunkPolicy(crawls: 30, pause: 0)
        let error = #expect(throws: (any Error).self) {
            try Consolidator.run(
                store: db.store, calendar: db.calendar, keepRawDays: 30, handOver: HandOverTests.everyCrawl, chunks: chunks)
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("missing facts"))
        let committed = try db.store.consolidatedCrawlTimes()
        #expect(committed.count > 0 && committed.count < crawls.count && committed.count % 30 == 0)
        #expect(committed == crawls.prefix(committed.count).map(\.time))
        #expect(try db.store.meta(.consolidatedThrough) == String(committed.last!))
        #expect(try !db.store.dirtyDays().isEmpty)

        try db.store.write { database in
            let columns = facts.columnNames.joined(separator: ", ")
            let marks = Array(repeating: "?", count: facts.count).joined(separator: ", ")
            try database.execute(
                sql: "INSERT INTO facts(\(columns)) VALUES (\(marks))", arguments: StatementArguments(Array(facts.databaseValues)))
        }
        let resumed = try Consolidator.run(
            store: db.store, calendar: db.calendar, keepRawDays: 30, handOver: HandOverTests.everyCrawl, chunks: chunks)
        #expect(resumed.crawls == crawls.count - committed.count)
        #expect(try db.store.meta(.consolidatingThrough) == nil)

        let whole = try TestDatabase()
        try HandOverTests.store(crawls[...], in: whole)
        _ = try Consolidator.run(store: whole.store, calendar: whole.calendar, keepRawDays: 30, handOver: HandOver())
        let days = Array(Set(crawls.map { db.calendar.day(containing: $0.time) })).sorted()
        try ChunkTests.expectSameExtracts(db, whole, days: days)
    }
}
