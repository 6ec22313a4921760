import Foundation
import Helix
import Logging
import Model
import Simulator

/// What `demo` is asked to do.
public struct DemoOptions: Sendable {
    public var output: URL
    public var days: Int
    public var streams: Int
    public var seed: UInt64
    /// Minutes of simulated time between crawl starts.
    public var crawlMinutes: Int
    public var databasePath: String

    public init(output: URL, days: Int = 7, streams: Int = 2_000, seed: UInt64 = 1, crawlMinutes: Int = 5,
                databasePath: String? = nil) {
        self.output = output
        self.days = days
        self.streams = streams
        self.seed = seed
        self.crawlMinutes = crawlMinutes
        self.databasePath = databasePath
            ?? output.deletingLastPathComponent().appendingPathComponent(".twitch-stats-demo.sqlite").path
    }
}

public struct DemoReport: Sendable {
    public var crawls: Int
    public var failedCrawls: Int
    public var build: BuildReport
    public var seconds: Double
}

/// `twitch-stats demo`: starts the simulator on a free loopback port, runs the real collector
/// against it over HTTP for the simulated days (the virtual clock jumps between crawls), and
/// builds the site. Everything a newcomer needs to see the product without Twitch keys.
public enum DemoJob {
    public static func run(
        _ options: DemoOptions, logger: Logger = Logger(label: "twitch-stats.demo"),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> DemoReport {
        let started = DispatchTime.now().uptimeNanoseconds
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: options.databasePath + suffix) }

        var config = SimulatorConfig()
        config.streams = options.streams
        config.seed = options.seed
        config.speed = nil  // manual: the collector's waits move the clock
        let day: Millis = 86_400_000
        config.start = (Clock.nowMillis() / day - Millis(options.days)) * day
        config.clientID = SimulatorConfig.demoClientID
        config.clientSecret = SimulatorConfig.demoClientSecret
        let simulator = try await SimulatorServer.start(config)

        let clock = simulator.clock
        let stop = StopFlag()
        let trap = SignalTrap(stop: stop)
        let crawls = options.days * 24 * 60 / options.crawlMinutes
        let collect = CollectOptions(
            databasePath: options.databasePath, crawls: crawls, intervalSeconds: Double(options.crawlMinutes * 60),
            endpoints: HelixEndpoints(baseURL: simulator.rootURL))
        let credentials = Credentials(clientID: SimulatorConfig.demoClientID, clientSecret: SimulatorConfig.demoClientSecret)
        let collectLogger = { var l = logger; l.logLevel = .error; return l }()
        let total = crawls
        let summary: Collector.Summary
        do {
            summary = try await onDedicatedThread {
                try CollectJob.run(
                    collect, credentials: credentials, stop: stop, now: clock.nowFunction,
                    sleep: { clock.advance(by: $0) }, logger: collectLogger,
                    progress: DemoProgress(total: total, report: progress))
            }
        } catch {
            trap.cancel()
            await simulator.stop()
            throw error
        }
        trap.cancel()
        await simulator.stop()
        if stop.isStopped { throw CancellationError() }

        progress("building the site")
        let build = try BuildJob.run(
            BuildOptions(databasePath: options.databasePath, output: options.output, timeZone: "UTC"), logger: logger)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return DemoReport(crawls: summary.complete, failedCrawls: summary.failed, build: build, seconds: seconds)
    }
}

/// Reports "crawl N of M" as the collector goes.
final class DemoProgress: CrawlProgressReporting, @unchecked Sendable {
    private let total: Int
    private let report: @Sendable (String) -> Void
    private var lastCrawl = 0

    init(total: Int, report: @escaping @Sendable (String) -> Void) {
        self.total = total
        self.report = report
    }

    func update(_ p: CrawlProgress) {
        guard p.crawl != lastCrawl else { return }
        lastCrawl = p.crawl
        if p.crawl % 12 == 1 { report("simulated crawl \(p.crawl) of \(total)") }
    }

    func clear() {}
}
