import Foundation
import Simulator
import Store
import TestSupport
import Testing

/// The real command, stopped by SIGTERM in the middle of a crawl.
@Suite struct SignalTests {
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("twitch-stats")
    }

    @Test func sigtermMidCrawlStoresNothingPartialAndExitsCleanly() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the twitch-stats product first")
        let scratch = try ScratchFolder()
        var config = SimulatorConfig()
        config.streams = 20_000
        config.start = 1_772_913_600_000
        config.quirks = .none
        // A small bucket refilling in real time: the crawl must wait part way through, and is
        // stopped while it waits.
        config.rateLimit.capacity = 40
        config.rateLimit.refillPerMinute = 60
        config.rateLimit.realTime = true
        let simulator = try await SimulatorServer.start(config)
        defer { Task { await simulator.stop() } }

        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["collect", "--db", scratch.path("db.sqlite"), "--api-url", simulator.baseURL,
                             "--token-url", simulator.tokenURL]
        process.environment = ["TWITCH_CLIENT_ID": "id", "TWITCH_CLIENT_SECRET": "secret-under-test"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        try await Task.sleep(for: .seconds(3))
        process.terminate()  // SIGTERM
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!log.contains("secret-under-test"))
        let store = try Store(path: scratch.path("db.sqlite"))
        #expect(try store.counts().crawls == 0)
        #expect(try store.counts().rawObservations == 0)
    }
}
