import Foundation
import GRDB
import Model
import Testing
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

    static func freshStore(_ dir: URL, _ name: String) throws -> Store {
        try Store(path: dir.appendingPathComponent(name).path)
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
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let direct = try Self.freshStore(dir, "direct.sqlite")
        let sighted = try Self.freshStore(dir, "sighted.sqlite")
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
            tokens.follow(epoch: sightings.epoch)
            #expect(try sighted.storePulled(crawl, sighted: rows, cache: cache, tokens: tokens) == .stored)
        }
        #expect(repeats > 0)
        if capacity == 12 { #expect(sightings.epoch == 1) }
        #expect(try Self.contents(sighted) == Self.contents(direct))
    }

    @Test func sightingsRefuseBytesThatPackDidNotWrite() throws {
        var sightings = PackedSightings()
        let data = Self.packed(0).data
        #expect(throws: PackedCrawlError.truncated) { try sightings.unpack(Array(data.dropLast()), crawlTime: Self.t0) }
        #expect(throws: PackedCrawlError.trailingBytes) { try sightings.unpack(data + [0], crawlTime: Self.t0) }
        #expect(throws: PackedCrawlError.unknownFormat(9)) { try sightings.unpack([9] + data.dropFirst(), crawlTime: Self.t0) }
    }
}
