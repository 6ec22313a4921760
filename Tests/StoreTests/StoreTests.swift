import Foundation
import Model
import TestSupport
import Testing
@testable import Store

@Suite struct StoreTests {
    let scratch: ScratchFolder

    init() throws { scratch = try ScratchFolder() }

    func freshStore() throws -> Store { try Store(path: scratch.path("db.sqlite")) }

    func observation(_ id: String, viewers: Int, at t: Millis, title: String = "t") -> Observation {
        Observation(streamID: id, userID: "u" + id, userLogin: "l", userName: "N", gameID: "1", gameName: "G",
                    title: title, viewerCount: viewers, startedAt: t - 60_000, language: "en", observedAt: t)
    }

    @Test func packedObservationsRoundTrip() {
        let rows = [
            StoredObservation(stream: 3, offset: 0, viewers: 0, facts: 1),
            StoredObservation(stream: 70_000, offset: -1500, viewers: 2_500_000, facts: 123_456_789),
            StoredObservation(stream: 70_001, offset: 59_999, viewers: 127, facts: 128),
        ]
        let bytes = ObservationBlob.encode(rows)
        #expect(bytes.withUnsafeBytes { ObservationBlob.decodeAll($0) } == rows)
        #expect(bytes.count <= rows.count * 10)
    }

    @Test func laterSightingInACrawlReplacesTheEarlierOne() throws {
        let store = try freshStore()
        let t: Millis = 1_772_906_400_000
        let summary = try store.write { db in
            let writer = try ObservationWriter(db)
            try writer.add(observation("1", viewers: 999, at: t), crawlTime: t)
            try writer.add(observation("2", viewers: 5, at: t), crawlTime: t)
            try writer.add(observation("1", viewers: 7, at: t), crawlTime: t)
            return try writer.finish()
        }
        #expect(summary.written == 2)
        #expect(summary.newCrawls == 1)
        #expect(try store.counts().rawObservations == 2)
    }

    @Test func unchangedFactsAreStoredOnceAndChangesAddARow() throws {
        let store = try freshStore()
        let t: Millis = 1_772_906_400_000
        try store.write { db in
            let writer = try ObservationWriter(db)
            for i in 0..<10 { try writer.add(observation("1", viewers: i, at: t + Millis(i) * 300_000), crawlTime: t + Millis(i) * 300_000) }
            try writer.add(observation("1", viewers: 1, at: t + 3_000_000, title: "new title"), crawlTime: t + 3_000_000)
            try writer.finish()
        }
        let facts = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM facts") }
        #expect(facts == 2)
    }

    @Test func cacheCarriesIdsAcrossTransactions() throws {
        let store = try freshStore()
        let cache = ObservationWriter.Cache()
        for crawl in 0..<3 {
            let t: Millis = 1_772_906_400_000 + Millis(crawl) * 300_000
            let writer = try store.write { db in
                let writer = try ObservationWriter(db, cache: cache)
                try writer.beginCollectedCrawl(time: t, pages: 1, durationMs: 10, retries: 0)
                try writer.add(observation("1", viewers: crawl, at: t), crawlTime: t, source: "collect")
                try writer.finish()
                return writer
            }
            cache.adopt(writer)
        }
        let (streams, facts) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stream"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM facts"))
        }
        #expect(streams == 1)
        #expect(facts == 1)
        #expect(try store.counts().crawls == 3)
    }

    @Test func cacheForgetsIdsOfAWriteThatRolledBack() throws {
        struct Abandon: Error {}
        let store = try freshStore()
        let cache = ObservationWriter.Cache()
        let t: Millis = 1_772_906_400_000
        // The first write learns stream "1" and its facts, then rolls back: those rows are gone.
        #expect(throws: Abandon.self) {
            try store.write { db in
                let writer = try ObservationWriter(db, cache: cache)
                try writer.beginCollectedCrawl(time: t, pages: 1, durationMs: 10, retries: 0)
                try writer.add(observation("1", viewers: 5, at: t), crawlTime: t, source: "collect")
                try writer.finish()
                throw Abandon()
            }
        }
        // Another stream takes the row ids the rolled-back one had, then stream "1" comes again.
        let t2 = t + 300_000
        let writer = try store.write { db in
            let writer = try ObservationWriter(db, cache: cache)
            try writer.beginCollectedCrawl(time: t2, pages: 1, durationMs: 10, retries: 0)
            try writer.add(observation("2", viewers: 7, at: t2), crawlTime: t2, source: "collect")
            try writer.add(observation("1", viewers: 6, at: t2), crawlTime: t2, source: "collect")
            try writer.finish()
            return writer
        }
        cache.adopt(writer)
        let streams = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stream") }
        #expect(streams == 2)
        let kept = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count FROM crawl_observations o JOIN crawl c ON c.id = o.crawl WHERE c.time = ?", arguments: [t2])
        }
        #expect(kept == 2)
    }

    @Test func secondOpenOfANewDatabaseFindsItMigrated() throws {
        let store = try freshStore()
        let again = try Store(path: store.path)
        #expect(try again.meta(.timeZone) == nil)
    }

    @Test func openersOfANewDatabaseAtTheSameTimeAllSucceed() throws {
        for _ in 0..<5 {
            let path = scratch.file(UUID().uuidString).appendingPathComponent("db.sqlite").path
            let failures = Locked(0)
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try Store(path: path) } catch { failures.withLock { $0 += 1 } }
            }
            #expect(failures.withLock { $0 } == 0)
        }
    }
}

/// A value shared by test threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}

/// Imported rows named by stream tokens store exactly what plain observations store.
@Suite struct ImportTokenTests {
    let scratch: ScratchFolder

    init() throws { scratch = try ScratchFolder() }

    func store(_ name: String = "db") throws -> Store { try Store(path: scratch.path(name + ".sqlite")) }

    func observation(_ id: String, viewers: Int, at t: Millis) -> Observation {
        Observation(streamID: id, userID: "u" + id, userLogin: "l", userName: "N", gameID: "1", gameName: "G",
                    title: "t", viewerCount: viewers, startedAt: t - 60_000, language: "en", observedAt: t)
    }

    func contents(_ store: Store) throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT 'crawl ' || time FROM crawl
                UNION ALL SELECT 'stream ' || id || ' ' || stream_id FROM stream
                UNION ALL SELECT 'facts ' || id FROM facts
                UNION ALL SELECT 'data ' || crawl || ' ' || count || ' ' || hex(data) FROM crawl_observations
                """)
        }
    }

    @Test func repeatsStoreWhatTheirObservationsWould() throws {
        let t: Millis = 1_772_906_400_000
        let plain = try store("plain")
        let tokens = try store("tokens")
        try plain.write { db in
            let writer = try ObservationWriter(db)
            for (i, id) in ["1", "2", "1", "1", "2"].enumerated() {
                let o = observation(id, viewers: i, at: t + Millis(i / 2) * 300_000)
                try writer.add(o, crawlTime: o.observedAt)
            }
            try writer.finish()
        }
        try tokens.write { db in
            let writer = try ObservationWriter(db)
            try writer.addImported(observation("1", viewers: 0, at: t), token: 0)
            try writer.addImported(observation("2", viewers: 1, at: t), token: 1)
            try writer.addRepeat(token: 0, viewers: 2, observedAt: t + 300_000)
            try writer.addRepeat(token: 0, viewers: 3, observedAt: t + 300_000)
            try writer.addRepeat(token: 1, viewers: 4, observedAt: t + 600_000)
            try writer.finish()
        }
        #expect(try contents(tokens) == contents(plain))
    }

    @Test func tokensStartAgainAfterAReset() throws {
        let t: Millis = 1_772_906_400_000
        let store = try store()
        try store.write { db in
            let writer = try ObservationWriter(db)
            try writer.addImported(observation("1", viewers: 0, at: t), token: 0)
            writer.resetTokens()
            try writer.addImported(observation("2", viewers: 1, at: t + 300_000), token: 0)
            try writer.addRepeat(token: 0, viewers: 2, observedAt: t + 600_000)
            try writer.finish()
        }
        let streams = try store.read { db in
            try String.fetchAll(db, sql: "SELECT stream_id FROM stream ORDER BY id")
        }
        #expect(streams == ["1", "2"])
        #expect(try store.counts().rawObservations == 3)
    }
}
