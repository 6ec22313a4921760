import Foundation
import Model
import PostgresStore
import PostgresTestSupport
import TestSupport
import Testing

@Suite struct SharedCrawlStoreTests {
    static func observation(_ stream: String, viewers: Int, at time: Millis) -> Observation {
        Observation(
            streamID: stream, userID: "u\(stream)", userLogin: "login\(stream)", userName: "Name é \(stream)",
            gameID: "g1", gameName: "Game", title: "a title, with \"quotes\"", viewerCount: viewers,
            startedAt: time - 3_600_000, language: "en", tags: "[\"English\"]", isMature: stream == "2", observedAt: time)
    }

    static func crawl(at time: Millis, collector: String = "a", streams: Int = 3) -> PackedCrawl {
        let observations = (1...streams).map { observation(String($0), viewers: $0 * 10, at: time) }
        return PackedCrawl(
            time: time, collector: collector, clientLabel: "…abcd", status: .complete, pages: 1, streams: streams,
            durationMs: 120, retries: 0, data: PackedCrawl.pack(observations, crawlTime: time))
    }

    @Test func packedCrawlUnpacksToTheSameObservations() throws {
        let time: Millis = 1_772_900_000_000
        let observations = (1...50).map { Self.observation(String($0), viewers: $0, at: time + Millis($0)) }
        #expect(try PackedCrawl.unpack(PackedCrawl.pack(observations, crawlTime: time), crawlTime: time) == observations)
        #expect(throws: PackedCrawlError.truncated) {
            try PackedCrawl.unpack(Array(PackedCrawl.pack(observations, crawlTime: time).dropLast(3)), crawlTime: time)
        }
    }

    @Test func aCrawlLandedTwiceIsStoredOnce() throws {
        let store = try SharedCrawlStore(try TestPostgres.database("land_twice"))
        let crawl = Self.crawl(at: 1_772_900_000_000)
        #expect(try store.land(crawl))
        #expect(try !store.land(crawl))
        #expect(try store.land(Self.crawl(at: 1_772_900_000_000, collector: "b")))
        let totals = try store.totals()
        #expect(totals.complete == 2)
        #expect(totals.observations == 6)
        let listed = try store.unpulled(by: "builder")
        #expect(listed.map(\.crawl.collector) == ["a", "b"])
        #expect(try PackedCrawl.unpack(store.observations(ofCrawl: listed[0].id), crawlTime: crawl.time)
            == PackedCrawl.unpack(crawl.data, crawlTime: crawl.time))
    }

    @Test func aFailedCrawlIsRecordedWithItsReasonAndNoObservations() throws {
        let store = try SharedCrawlStore(try TestPostgres.database("failed"))
        try store.land(PackedCrawl(
            time: 1_772_900_000_000, collector: "a", clientLabel: "…abcd", status: .failed, pages: 4, streams: 0,
            durationMs: 9_000, retries: 5, reason: "page 5 failed after 6 tries: HTTP 503", data: []))
        let totals = try store.totals()
        #expect(totals.complete == 0 && totals.failed == 1 && totals.observations == 0 && totals.observationBytes == 0)
        let listed = try store.unpulled(by: "builder")
        #expect(listed.first?.crawl.reason == "page 5 failed after 6 tries: HTTP 503")
        #expect(try store.observations(ofCrawl: listed[0].id).isEmpty)
    }

    @Test func aSlotBelongsToTheFirstCollectorThatClaimsIt() throws {
        let location = try TestPostgres.database("slots")
        let a = try SharedCrawlStore(location)
        let b = try SharedCrawlStore(location)
        #expect(try a.claimSlot(300_000, collector: "a"))
        #expect(try !b.claimSlot(300_000, collector: "b"))
        #expect(try b.claimSlot(600_000, collector: "b"))
    }

    @Test func pruningWaitsForEveryBuilderAndKeepsTheCrawlKey() throws {
        let store = try SharedCrawlStore(try TestPostgres.database("prune"))
        let day: Millis = 86_400_000
        let old = Self.crawl(at: 10 * day)
        try store.land(old)
        try store.land(Self.crawl(at: 20 * day))
        let first = try store.unpulled(by: "one")
        _ = try store.unpulled(by: "two")  // registers a second builder that pulls nothing yet
        try store.markPulled(first.map(\.id), by: "one")
        #expect(try store.prune(keepRawDays: 7) == 0)
        try store.markPulled(try store.unpulled(by: "two").map(\.id), by: "two")
        #expect(try store.prune(keepRawDays: 7) == 1)
        #expect(try store.totals().complete == 2)
        #expect(try store.unpulled(by: "three").map(\.crawl.time) == [20 * day])
        #expect(try !store.land(old))  // the key stays: an upload repeated later stores nothing
    }

    @Test func theSchemaIsVersionedAndMigratesOnce() throws {
        let location = try TestPostgres.database("schema")
        _ = try SharedCrawlStore(location)
        let again = try SharedCrawlStore(location)
        let rows = try again.connection.execute("SELECT version, name FROM schema_version ORDER BY version")
        #expect(rows.count == 1)
        #expect(rows.text(0, 1) == "v1-crawls")
    }

    @Test func aURLWithAPasswordIsRefused() {
        #expect(throws: PostgresError.self) { try PostgresLocation(url: "postgres://user:secret@db.example/twitch") }
        #expect(throws: PostgresError.self) { try PostgresLocation(url: "http://db.example/twitch") }
    }

    @Test func aPasswordFileReadableByOthersIsRefused() throws {
        let scratch = try ScratchFolder()
        let file = scratch.file("pgpass")
        try scratch.write("pgpass", "hunter2\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let location = try PostgresLocation(url: "postgres://u@127.0.0.1:1/db", passwordFile: file.path)
        let error = #expect(throws: PostgresError.self) { try PostgresConnection(location) }
        #expect("\(error!)".contains("readable by others"))
        #expect(!"\(error!)".contains("hunter2"))
    }

    @Test func aServerErrorNamesTheServersMessageWithoutThePassword() throws {
        let location = try TestPostgres.database("errors")
        let scratch = try ScratchFolder()
        let file = scratch.file("pgpass")
        try scratch.write("pgpass", "hunter2\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let missing = try PostgresLocation(url: location.url + "_missing", passwordFile: file.path)
        let error = #expect(throws: PostgresError.self) { try PostgresConnection(missing) }
        #expect("\(error!)".contains("does not exist"))
        #expect(!"\(error!)".contains("hunter2"))
        #expect(error?.isUnreachable == true)
        let connection = try PostgresConnection(location)
        let refused = #expect(throws: PostgresError.self) { try connection.execute("SELECT * FROM no_such_table") }
        #expect("\(refused!)".contains("no_such_table"))
        #expect(refused?.isUnreachable == false)
    }

    @Test func anUnreachableServerIsReportedAsSuch() throws {
        var location = try PostgresLocation(url: "postgres://u@127.0.0.1:1/db")
        location.connectTimeoutSeconds = 2
        let error = #expect(throws: PostgresError.self) { try PostgresConnection(location) }
        #expect(error?.isUnreachable == true)
    }
}
