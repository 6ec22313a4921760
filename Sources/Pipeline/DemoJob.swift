import Consolidation
import Foundation
import Helix
import Logging
import Model
import Simulator
import Store

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
    /// Wall time of the whole demo, and of its collecting part (simulator and collector).
    public var seconds: Double
    public var collectSeconds: Double
}

/// `twitch-stats demo`: starts the simulator on a free loopback port, runs the real collector
/// against it over HTTP for the simulated days (the virtual clock jumps between crawls), and
/// builds the site. Everything a newcomer needs to see the product without Twitch keys.
///
/// Each simulated day is consolidated on another thread as soon as its crawls are in, while the
/// next day is being collected, so the final build only has the last day left to consolidate.
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
        let buildOptions = BuildOptions(databasePath: options.databasePath, output: options.output, timeZone: "UTC")
        let consolidator = try BackgroundConsolidation(options: buildOptions)
        let crawlsPerDay = 24 * 60 / options.crawlMinutes
        let summary: Collector.Summary
        do {
            summary = try await onDedicatedThread {
                try CollectJob.run(
                    collect, credentials: credentials, stop: stop, now: clock.nowFunction,
                    sleep: { clock.advance(by: $0) }, logger: collectLogger,
                    progress: DemoProgress(total: total, crawlsPerDay: crawlsPerDay, report: progress,
                                           dayDone: { consolidator.schedule() }))
            }
        } catch {
            trap.cancel()
            await simulator.stop()
            _ = try? consolidator.finish()
            throw error
        }
        trap.cancel()
        await simulator.stop()
        try consolidator.finish()
        if stop.isStopped { throw CancellationError() }
        let collectSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9

        progress("building the site")
        let build = try BuildJob.run(buildOptions, logger: logger)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return DemoReport(crawls: summary.complete, failedCrawls: summary.failed, build: build, seconds: seconds,
                          collectSeconds: collectSeconds)
    }
}

/// Consolidates what the collector has stored so far, on a queue of its own, while collecting
/// goes on. Consolidation is incremental (METRICS.md §7): doing it day by day gives exactly the
/// numbers one pass at the end gives, and the final build finds little left to do.
final class BackgroundConsolidation: @unchecked Sendable {
    private let store: Store
    private let calendar: ReportCalendar
    private let keepRawDays: Int
    private let queue = DispatchQueue(label: "twitch-stats.demo.consolidate")
    private let lock = NSLock()
    private var firstError: Error?

    init(options: BuildOptions) throws {
        guard let calendar = ReportCalendar(identifier: options.timeZone) else {
            throw BuildError.unknownTimeZone(options.timeZone)
        }
        store = try Store(path: options.databasePath)
        self.calendar = calendar
        keepRawDays = options.keepRawDays
    }

    /// Queues a pass over the crawls stored by now; returns at once.
    func schedule() {
        queue.async { [self] in
            guard lock.withLock({ firstError == nil }) else { return }
            do {
                _ = try Consolidator.run(store: store, calendar: calendar, keepRawDays: keepRawDays)
            } catch {
                lock.withLock { firstError = error }
            }
        }
    }

    /// Waits for the queued passes; throws the first one's error, if any.
    func finish() throws {
        queue.sync {}
        if let error = lock.withLock({ firstError }) { throw error }
    }
}

/// Reports "crawl N of M" as the collector goes, and says when a simulated day's crawls are done.
final class DemoProgress: CrawlProgressReporting, @unchecked Sendable {
    private let total: Int
    private let crawlsPerDay: Int
    private let report: @Sendable (String) -> Void
    private let dayDone: () -> Void
    private var lastCrawl = 0

    init(total: Int, crawlsPerDay: Int, report: @escaping @Sendable (String) -> Void, dayDone: @escaping () -> Void) {
        self.total = total
        self.crawlsPerDay = max(1, crawlsPerDay)
        self.report = report
        self.dayDone = dayDone
    }

    func update(_ p: CrawlProgress) {
        guard p.crawl != lastCrawl else { return }
        lastCrawl = p.crawl
        if p.crawl % 12 == 1 { report("simulated crawl \(p.crawl) of \(total)") }
        // The first page of a day's first crawl: the day before is collected.
        if p.crawl > 1 && (p.crawl - 1) % crawlsPerDay == 0 { dayDone() }
    }

    func clear() {}
}
