import Foundation
import GRDB
import Model
import Testing
@testable import Store

@Suite struct CrawlShareTests {
    @Test func packedSharesRoundTripWhateverTheKey() {
        let shares = [
            CrawlShare(key: "509658", viewers: 2_500_000, channels: 4_000),
            CrawlShare(key: "", viewers: 0, channels: 1),
            CrawlShare(key: "日本語 & <\"x\">", viewers: 127, channels: 128),
            CrawlShare(key: "en", viewers: Int64.max, channels: 0),
        ]
        let bytes = CrawlShareBlob.encode(shares)
        var decoded: [CrawlShare] = []
        bytes.withUnsafeBytes { CrawlShareBlob.decode($0) { decoded.append($0) } }
        let byKey = { (s: [CrawlShare]) in s.map { "\($0.key)|\($0.viewers)|\($0.channels)" }.sorted() }
        #expect(byKey(decoded) == byKey(shares))
    }

    /// Databases from before the blobs keep their crawls' shares: the rows are packed by crawl time.
    @Test func migrationPacksTheOldRowsOfEachCrawl() throws {
        try withOlderDatabase(migratedUpTo: "v4-history-channel-rank", sql: """
            INSERT INTO crawl_game VALUES (1000, '33214', 500, 3), (1000, '21779', 20, 1), (2000, '33214', 700, 4);
            INSERT INTO crawl_language VALUES (1000, 'en', 520, 4), (3000, 'de', 9, 1);
            """) { store in
            let tables = try store.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'crawl_%' ORDER BY name")
            }
            #expect(tables == ["crawl_failure", "crawl_observations", "crawl_share"])
            #expect(try store.gamePeaks(from: 0, to: 10_000)
                == ["33214": PeakPair(viewers: 700, channels: 4), "21779": PeakPair(viewers: 20, channels: 1)])
            #expect(try store.gamePeaks(from: 1500, to: 10_000) == ["33214": PeakPair(viewers: 700, channels: 4)])
            #expect(try store.languagePeaks(from: 0, to: 10_000)
                == ["en": PeakPair(viewers: 520, channels: 4), "de": PeakPair(viewers: 9, channels: 1)])
            let points = try store.gameCrawlPoints(from: 0, to: 10_000)
            #expect(points["33214"]?.map(\.time) == [1000, 2000])
            #expect(points["33214"]?.map(\.viewers) == [500, 700])
            #expect(points["21779"]?.map(\.channels) == [1])
        }
    }
}
