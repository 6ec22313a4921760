import Foundation
import GRDB
import Model
import Testing
import TestSupport
@testable import Store

/// A pull stores a crawl unpacked by `PackedSightings` (a stream seen again with the same facts
/// keeps its ids without a look-up) exactly as the collector's path stores its observations.
@Suite struct PulledSightingsTests {
    static let t0: Millis = 1_772_906_400_000

    static func observation(_ id: String, _ crawl: Int, viewers: Int, title: String = "t", game: String = "1") -> Observation {
        let time = t0 + Millis(crawl) * 300_000
        return Observation(streamID: id, userID: "u" + id, userLogin: "l" + id, userName: "N" + id, gameID: game, gameName: "G" + game,
                           title: title, viewerCount: viewers, startedAt: t0 - 60_000, language: "en", observedAt: time + 1_000)
    }

    /// Streams that come and go (one new in each crawl), change title or game and come back to an
    /// earlier one, a non-numeric id, and one stream seen twice in one crawl.
    static let crawls: [[Observation]] = (0..<8).map { n in
        var rows = (1...6).filter { $0 != 3 || n % 3 != 1 }.map { s in
            observation(String(s), n, viewers: 10 * s + n, title: s == 2 && n >= 4 ? "changed" : "t", game: s == 5 && n % 2 == 1 ? "2" : "1")
        }
        rows.append(observation("abc", n, viewers: n))
        rows.append(observation("\(100 + n)", n, viewers: 1))
        if n == 5 { rows.append(observation("1", n, viewers: 999, title: "later sighting")) }
        return rows
    }

    static func packed(_ n: Int) -> PackedCrawl {
        let time = t0 + Millis(n) * 300_000
        return PackedCrawl(time: time, collector: "c", clientLabel: "…", status: .complete, pages: 1, streams: crawls[n].count,
                           durationMs: 10, retries: 0, data: PackedCrawl.pack(crawls[n], crawlTime: time))
    }

    /// Every row of the tables a pull writes, as text.
    static func contents(_ store: Store) throws -> [String] {
        try store.read { db in
            var lines: [String] = []
            for table in ["stream", "facts", "crawl", "crawl_observations", "pulled_crawl"] {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2")
                lines += rows.map { "\(table): \($0)" }
            }
            return lines
        }
    }

    @Test(arguments: [1_000_000, 12])  // 12: the table is cleared once, before the sixth crawl
    func sightedCrawlsAreStoredAsObservationsAre(capacity: Int) throws {
        let scratch = try ScratchFolder()
        let direct = try Store(path: scratch.path("direct.sqlite"))
        let sighted = try Store(path: scratch.path("sighted.sqlite"))
        let directCache = ObservationWriter.Cache()
        let cache = ObservationWriter.Cache()
        let tokens = StreamTokens()
        var sightings = PackedSightings(capacity: capacity)
        var repeats = 0
        for n in Self.crawls.indices {
            let crawl = Self.packed(n)
            let observations = try PackedCrawl.unpack(crawl.data, crawlTime: crawl.time)
            #expect(try direct.storePulled(crawl, observations: observations, cache: directCache) == .stored)
            let rows = try sightings.unpack(crawl.data, crawlTime: crawl.time)
            #expect(rows.map(\.observation) == observations)
            repeats += rows.filter(\.repeatsPrevious).count
            let one = SightedCrawl(crawl: crawl, sighted: rows, epoch: sightings.epoch)
            #expect(try sighted.storePulled([one], cache: cache, tokens: tokens) == [.stored])
        }
        #expect(repeats > 0)
        if capacity == 12 { #expect(sightings.epoch == 1) }
        #expect(try Self.contents(sighted) == Self.contents(direct))
    }

    /// Crawls stored a few per transaction (as a pull stores what is already unpacked) equal
    /// crawls stored one by one, also across a cleared token table; a crawl in a batch that
    /// reaches behind pruned, consolidated data is refused alone, and the others are stored.
    @Test(arguments: [1_000_000, 12])
    func batchedCrawlsAreStoredAsSingleOnesAreAndOnlyTheLateOneIsRefused(capacity: Int) throws {
        let scratch = try ScratchFolder()
        let single = try Store(path: scratch.path("single.sqlite"))
        let batched = try Store(path: scratch.path("batched.sqlite"))
        var singleSightings = PackedSightings(capacity: capacity)
        var batchSightings = PackedSightings(capacity: capacity)
        let singleCache = ObservationWriter.Cache(), batchCache = ObservationWriter.Cache()
        let singleTokens = StreamTokens(), batchTokens = StreamTokens()
        // The first crawl arrives after the data through it was consolidated and its raw rows pruned.
        let late = 0
        let order = [1, 2, 3, late, 4, 5, 6, 7]
        for store in [single, batched] {
            try store.write { db in
                try Store.setMeta(db, .consolidatedThrough, String(Self.packed(late).time))
                try Store.setMeta(db, .prunedBefore, String(Self.packed(late).time))
            }
        }
        var singleOutcomes: [Store.PulledOutcome] = []
        for n in order {
            let crawl = Self.packed(n)
            let one = SightedCrawl(crawl: crawl, sighted: try singleSightings.unpack(crawl.data, crawlTime: crawl.time), epoch: singleSightings.epoch)
            singleOutcomes += try single.storePulled([one], cache: singleCache, tokens: singleTokens)
        }
        var batchOutcomes: [Store.PulledOutcome] = []
        for part in [order[0..<3], order[3..<6], order[6...]] {
            let batch = try part.map { n in
                let crawl = Self.packed(n)
                return SightedCrawl(crawl: crawl, sighted: try batchSightings.unpack(crawl.data, crawlTime: crawl.time), epoch: batchSightings.epoch)
            }
            batchOutcomes += try batched.storePulled(batch, cache: batchCache, tokens: batchTokens)
        }
        #expect(singleOutcomes == order.map { $0 == late ? .refused : .stored })
        #expect(batchOutcomes == singleOutcomes)
        #expect(try Self.contents(batched) == Self.contents(single))
    }

    @Test func sightingsRefuseBytesThatPackDidNotWrite() throws {
        var sightings = PackedSightings()
        let data = Self.packed(0).data
        #expect(throws: PackedCrawlError.truncated) { try sightings.unpack(Array(data.dropLast()), crawlTime: Self.t0) }
        #expect(throws: PackedCrawlError.trailingBytes) { try sightings.unpack(data + [0], crawlTime: Self.t0) }
        #expect(throws: PackedCrawlError.unknownFormat(9)) { try sightings.unpack([9] + data.dropFirst(), crawlTime: Self.t0) }
    }
}
