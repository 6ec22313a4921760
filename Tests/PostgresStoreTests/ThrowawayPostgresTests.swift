import Foundation
import PostgresStore
import PostgresTestSupport
import Testing

/// The throw-away cluster's port is free when chosen but not held until the server binds it: a
/// port taken meanwhile (by a parallel test's server) makes the cluster start on another one.
@Suite struct ThrowawayPostgresTests {
    @Test func aPortTakenBeforeTheServerBindsItIsReplaced() throws {
        // The tests' shared cluster holds its port.
        let held = try TestPostgres.database("holds_its_port")
        let takenPort = try #require(URLComponents(string: held.url)?.port)

        let cluster = try ThrowawayPostgres(firstPort: takenPort)
        defer { cluster.stop() }
        #expect(cluster.port != takenPort)
        let store = try SharedCrawlStore(try cluster.createDatabase("after_taken_port"))
        #expect(try store.land(SharedCrawlStoreTests.crawl(at: 1_772_900_000_000)))
    }
}
