import Foundation
import GRDB
import Helix
import Model
import Pipeline
import Simulator
import Store
import TestSupport
import Testing

/// The largest values the plausibility rules accept, where they add up the most: no sum may
/// overflow, from consolidation to the pages.
@Suite struct ExtremeValuesTests {
    static let rules = Plausibility(now: Timestamp.parse("2026-03-09T00:00:00Z")!)

    static func row(id: String, user: String, viewers: Int, startedAt: String, time: String) -> String {
        #"{"id":"\#(id)","user_id":"\#(user)","user_login":"\#(user)","user_name":"\#(user)","game_id":"9","game_name":"G","type":"live","title":"t","viewer_count":\#(viewers),"started_at":"\#(startedAt)","language":"en","last_updated":"\#(time)"}"#
    }

    /// 2,500 streams at 50,000,000 viewers through a whole day sum to over 10^19 viewer-ms (more
    /// than Int64 holds) in the day, its game, language and channel; one stream id seen in 2011
    /// and again in 2026 has a single interval of 15 years, whose watch time alone overflows.
    @Test func largestAcceptedValuesBuildWithoutOverflow() throws {
        let scratch = try ScratchFolder()
        var lines = [
            Self.row(id: "1", user: "old", viewers: 50_000_000, startedAt: "2011-05-25T00:00:00Z", time: "2011-06-01T00:00:00Z"),
            Self.row(id: "1", user: "old", viewers: 50_000_000, startedAt: "2026-03-08T00:00:00Z", time: "2026-03-08T23:59:59Z"),
        ]
        for id in 2...2_501 {
            lines.append(Self.row(
                id: "\(id)", user: "big", viewers: 50_000_000, startedAt: "2026-03-01T23:59:59Z", time: "2026-03-08T23:59:59Z"))
        }
        let file = try scratch.write("in.ndjson", lines.joined(separator: "\n") + "\n")
        let db = scratch.path("db.sqlite")
        _ = try ImportJob.run(store: try Store(path: db), paths: [file], skipInvalid: false, rules: Self.rules)

        let out = scratch.url.appendingPathComponent("site")
        let report = try BuildJob.run(BuildOptions(databasePath: db, output: out))
        #expect(report.reportedDays.map { CivilDate(dayNumber: $0).iso } == ["2011-06-01", "2026-03-08"])
        let files = filesUnder(out)
        let summary = String(decoding: try #require(files["data/2026-03-08/summary.csv"]), as: UTF8.self)
        // The day's hours watched stop at Int64's limit in viewer-ms: 9223372036854775807 / 3,600,000.
        #expect(summary.contains(",2562047788015.215,"))
        let segments = String(decoding: try #require(files["data/2011-06-01/segments.csv"]), as: UTF8.self)
        // The 15-year interval's watch seconds stop at the limit too.
        #expect(segments.contains(",9223372036854776,"))
        #expect(files["index.html"] != nil)

        // A second build on top (rollups and windows over the saturated days) also finishes.
        _ = try ImportJob.run(store: try Store(path: db), paths: [try scratch.write("more.ndjson", Self.row(
            id: "2", user: "big", viewers: 50_000_000, startedAt: "2026-03-08T00:00:00Z", time: "2026-03-09T00:05:00Z") + "\n")],
            skipInvalid: false, rules: Plausibility(now: Timestamp.parse("2026-03-09T01:00:00Z")!))
        let second = try BuildJob.run(BuildOptions(databasePath: db, output: out))
        #expect(second.reportedDays.count == 3)
    }

    /// A collector whose clock runs eight days ahead of the (simulated) Twitch sees every stream
    /// start more than 7 days before its crawl: it stores the crawl without them and says how many.
    @Test func collectStoresHowManyStreamsItLeftOut() async throws {
        let scratch = try ScratchFolder()
        let db = scratch.path("db.sqlite")
        var config = SimulatorConfig()
        config.streams = 100
        config.speed = nil
        config.start = 1_772_906_400_000
        config.quirks = .none
        let simulator = try await SimulatorServer.start(config)
        let clock = simulator.clock
        let ahead: Millis = 8 * 86_400_000
        let options = CollectOptions(databasePath: db, crawls: 1, endpoints: HelixEndpoints(baseURL: simulator.rootURL))
        let summary: Collector.Summary
        do {
            summary = try await onDedicatedThread {
                try CollectJob.run(
                    options, credentials: Credentials(clientID: "a", clientSecret: "b"), stop: StopFlag(),
                    now: { clock.now() + ahead }, sleep: { clock.advance(by: $0) })
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
        #expect(summary.complete == 1)
        let store = try Store(path: db)
        #expect(try store.counts().crawls == 1)
        #expect(try store.counts().rawObservations == 0)
        let leftOut = try store.read { db in try Int.fetchOne(db, sql: "SELECT left_out FROM crawl") }
        #expect((leftOut ?? 0) > 0)
    }
}
