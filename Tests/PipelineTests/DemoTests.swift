import Foundation
import Helix
import Pipeline
import PostgresTestSupport
import Simulator
import Store
import TestSupport
import Testing

@Suite struct DemoTests {
    @Test func demoRunsThePipelineEndToEndAtASmallSize() async throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        let report = try await DemoJob.run(DemoOptions(output: out, days: 1, streams: 60, seed: 3, crawlMinutes: 30))
        #expect(report.crawls == 48)
        #expect(report.build.reportedDays.count >= 1)
        let files = filesUnder(out)
        #expect(files["index.html"] != nil)
        #expect(files.keys.contains { $0.hasSuffix("/games.csv") })
        let secret = Data(SimulatorConfig.demoClientSecret.utf8)
        for (path, data) in files { #expect(data.range(of: secret) == nil, "\(path) holds the client secret") }
        let database = try Data(contentsOf: URL(fileURLWithPath: DemoOptions(output: out).databasePath))
        #expect(database.range(of: secret) == nil)
    }

    @Test func collectAndBuildRunAtTheSameTimeOnOneDatabase() async throws {
        let scratch = try ScratchFolder()
        let db = scratch.path("db.sqlite")
        var config = SimulatorConfig()
        config.streams = 200
        config.speed = nil
        config.start = 1_772_841_600_000
        let simulator = try await SimulatorServer.start(config)
        defer { Task { await simulator.stop() } }
        let clock = simulator.clock
        let options = CollectOptions(
            databasePath: db, crawls: 40, intervalSeconds: 300, endpoints: HelixEndpoints(baseURL: simulator.rootURL))
        let collecting = Task {
            try await onDedicatedThread {
                try CollectJob.run(
                    options, credentials: Credentials(clientID: "a", clientSecret: "b"), stop: StopFlag(),
                    now: clock.nowFunction, sleep: { clock.advance(by: $0) })
            }
        }
        let site = scratch.url.appendingPathComponent("site")
        try await onDedicatedThread {
            for _ in 0..<5 { _ = try BuildJob.run(BuildOptions(databasePath: db, output: site)) }
        }
        let summary = try await collecting.value
        #expect(summary.complete == 40)
        let final = try BuildJob.run(BuildOptions(databasePath: db, output: scratch.url.appendingPathComponent("site")))
        #expect(try Store(path: db).counts().crawls == 40)
        #expect(final.reportedDays.count >= 1)
    }
}

@Suite struct ScaleOutDemoTests {
    @Test func demoWithThreeCollectorsLandsEverySlotInPostgreSQLAndBuildsFromIt() async throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        let report = try await DemoJob.run(
            DemoOptions(output: out, days: 1, streams: 60, seed: 3, crawlMinutes: 30, collectors: 3,
                        store: try TestPostgres.database("demo")))
        #expect(report.crawls == 48)
        #expect(report.build.pull?.stored == 48)
        #expect(filesUnder(out)["index.html"] != nil)
    }
}
