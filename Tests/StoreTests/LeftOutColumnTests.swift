import Foundation
import GRDB
import Model
import TestSupport
import Testing
@testable import Store

@Suite struct LeftOutColumnTests {
    @Test func collectedCrawlRecordsHowManyStreamsWereLeftOut() throws {
        let scratch = try ScratchFolder()
        let store = try Store(path: scratch.path("db.sqlite"))
        let time: Millis = 1_772_906_400_000
        try store.write { db in
            let writer = try ObservationWriter(db)
            try writer.beginCollectedCrawl(time: time, pages: 1, durationMs: 10, retries: 0, leftOut: 3)
            try writer.add(
                Observation(streamID: "1", userID: "2", userLogin: "a", userName: "A", gameID: "", gameName: "", title: "",
                            viewerCount: 5, startedAt: time - 60_000, language: "en", observedAt: time),
                crawlTime: time, source: "collect")
            try writer.add(
                Observation(streamID: "3", userID: "4", userLogin: "b", userName: "B", gameID: "", gameName: "", title: "",
                            viewerCount: 7, startedAt: time - 60_000, language: "en", observedAt: time + 1_000),
                crawlTime: time + 300_000)
            try writer.finish()
        }
        let rows = try store.read { db in try Row.fetchAll(db, sql: "SELECT source, left_out FROM crawl ORDER BY time") }
        #expect(rows.map { $0[0] as String } == ["collect", "import"])
        #expect(rows.map { $0[1] as Int } == [3, 0])
    }

    @Test func crawlsStoredBeforeTheColumnExistedLeftNothingOut() throws {
        try withOlderDatabase(migratedUpTo: "v7-day-channel-peaks", sql: """
            INSERT INTO crawl(time, source, pages) VALUES (1772906400000, 'collect', 3);
            """) { store in
            let leftOut = try store.read { db in try Int.fetchOne(db, sql: "SELECT left_out FROM crawl") }
            #expect(leftOut == 0)
        }
    }
}
