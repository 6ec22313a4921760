import Foundation
import Helix
import Logging
import Model
import PostgresStore
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
    /// Set: this many collectors take turns landing crawls in a shared PostgreSQL store, and the
    /// build pulls them from there.
    public var collectors: Int?
    /// The shared store for `collectors`; nil starts a throw-away PostgreSQL for the demo.
    public var store: PostgresLocation?

    public init(output: URL, days: Int = 7, streams: Int = 2_000, seed: UInt64 = 1, crawlMinutes: Int = 5,
                databasePath: String? = nil, collectors: Int? = nil, store: PostgresLocation? = nil) {
        self.output = output
        self.days = days
        self.streams = streams
        self.seed = seed
        self.crawlMinutes = crawlMinutes
        self.databasePath = databasePath
            ?? output.deletingLastPathComponent().appendingPathComponent(".twitch-stats-demo.sqlite").path
        self.collectors = collectors
        self.store = store
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

/// `twitch-stats demo`: starts the simulator on free loopback ports, runs the real collector
/// against it over HTTP for the simulated days (the virtual clock jumps between crawls), and
/// builds the site. Everything a newcomer needs to see the product without Twitch keys.
///
/// A crawl is a chain of requests, each waiting for the one before, so one collector keeps only
/// one core busy. The demo therefore runs two collectors side by side, each against its own
/// listener and virtual clock over one shared world, taking every other crawl slot: together they
/// crawl every `crawlMinutes`, into one database, as two collectors backfilling would.
/// Nothing is consolidated until both have finished: the lanes' crawls reach the database a
/// little out of time order, which a consolidation in between would have to treat as late data.
public enum DemoJob {
    /// Collectors crawling side by side (one per core on the 2-core machines the demo targets).
    static let lanes = 2
    /// The demo's shared store: the one given, or a throw-away cluster kept alive by `cluster`.
    private struct SharedStore {
        var location: PostgresLocation
        var cluster: ThrowawayPostgres?
    }

    public static func run(
        _ options: DemoOptions, logger: Logger = Logger(label: "twitch-stats.demo"),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> DemoReport {
        let started = DispatchTime.now().uptimeNanoseconds
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: options.databasePath + suffix) }

        var config = SimulatorConfig()
        config.streams = options.streams
        config.seed = options.seed
        config.speed = nil  // manual: each collector's waits move its own clock
        let day: Millis = 86_400_000
        let epoch = (Clock.nowMillis() / day - Millis(options.days)) * day
        config.start = epoch
        config.clientID = SimulatorConfig.demoClientID
        config.clientSecret = SimulatorConfig.demoClientSecret
        let world = World(seed: config.seed, streams: config.streams, epoch: epoch)
        let crawls = options.days * 24 * 60 / options.crawlMinutes
        let slot = Millis(options.crawlMinutes) * 60_000
        let shared = try sharedStore(options, progress: progress)
        defer { shared?.cluster?.stop() }
        let lanes = options.collectors ?? Self.lanes
        var simulators: [RunningSimulator] = []
        for lane in 0..<lanes {
            var laneConfig = config
            // Collectors sharing a store all start at the first slot and take turns by claiming slots.
            laneConfig.start = epoch + (shared == nil ? Millis(lane) * slot : 0)
            simulators.append(try await SimulatorServer.start(laneConfig, world: world))
        }

        let stop = StopFlag()
        let trap = SignalTrap(stop: stop)
        let credentials = Credentials(clientID: SimulatorConfig.demoClientID, clientSecret: SimulatorConfig.demoClientSecret)
        let collectLogger = { var l = logger; l.logLevel = .error; return l }()
        let buildOptions = BuildOptions(
            databasePath: options.databasePath, output: options.output, timeZone: "UTC",
            source: shared.map { PullOptions(location: $0.location, builder: "demo") })
        let counter = DemoProgress(total: crawls, report: progress)
        let summaries: [Collector.Summary]
        do {
            summaries = try await withThrowingTaskGroup(of: Collector.Summary.self) { group in
                for (lane, simulator) in simulators.enumerated() {
                    var collect = CollectOptions(
                        databasePath: options.databasePath, crawls: (crawls - lane + lanes - 1) / lanes,
                        intervalSeconds: Double(options.crawlMinutes * 60 * lanes),
                        endpoints: HelixEndpoints(baseURL: simulator.rootURL))
                    if let shared {
                        collect.databasePath = options.databasePath + ".spool-\(lane)"
                        collect.crawls = nil
                        collect.intervalSeconds = Double(options.crawlMinutes * 60)
                        collect.shared = SharedStoreOptions(
                            location: shared.location, collector: "demo-\(lane + 1)", clientLabel: "demo",
                            slotsUntil: epoch + Millis(options.days) * day)
                    }
                    let clock = simulator.clock
                    group.addTask { [collect] in
                        try await onDedicatedThread {
                            try CollectJob.run(
                                collect, credentials: credentials, stop: stop, now: clock.nowFunction,
                                sleep: { clock.advance(by: $0) }, logger: collectLogger,
                                progress: LaneProgress(counter))
                        }
                    }
                }
                do {
                    return try await group.reduce(into: []) { $0.append($1) }
                } catch {
                    stop.stop()  // the other lane ends at its next check
                    throw error
                }
            }
        } catch {
            trap.cancel()
            for simulator in simulators { await simulator.stop() }
            throw error
        }
        trap.cancel()
        for simulator in simulators { await simulator.stop() }
        if stop.isStopped { throw CancellationError() }
        let collectSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9

        progress("building the site")
        let build = try BuildJob.run(buildOptions, logger: logger)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return DemoReport(crawls: summaries.reduce(0) { $0 + $1.complete }, failedCrawls: summaries.reduce(0) { $0 + $1.failed },
                          build: build, seconds: seconds, collectSeconds: collectSeconds)
    }

    private static func sharedStore(_ options: DemoOptions, progress: @Sendable (String) -> Void) throws -> SharedStore? {
        guard options.collectors != nil else { return nil }
        for suffix in ["", "-wal", "-shm"] {
            for lane in 0..<(options.collectors ?? 0) {
                try? FileManager.default.removeItem(atPath: options.databasePath + ".spool-\(lane)" + suffix)
            }
        }
        if let store = options.store {
            // The demo's slots and crawls are dated in the simulated past: a store that already
            // holds crawls (an earlier demo's) would have its slots taken. Nothing is deleted.
            guard try SharedCrawlStore(store).totals().complete == 0 else {
                throw PostgresError.invalid("\(store.redacted): demo --store needs an empty database (it holds crawls already)")
            }
            return SharedStore(location: store, cluster: nil)
        }
        progress("starting a throw-away PostgreSQL")
        let cluster = try ThrowawayPostgres()
        return SharedStore(location: try cluster.createDatabase("demo"), cluster: cluster)
    }
}

/// Counts crawls across the lanes and reports "crawl N of M" as they go.
final class DemoProgress: @unchecked Sendable {
    private let total: Int
    private let report: @Sendable (String) -> Void
    private let lock = NSLock()
    private var started = 0

    init(total: Int, report: @escaping @Sendable (String) -> Void) {
        self.total = total
        self.report = report
    }

    /// A lane began a crawl.
    func crawlStarted() {
        let crawl = lock.withLock { started += 1; return started }
        if crawl % 12 == 1 { report("simulated crawl \(crawl) of \(total)") }
    }
}

/// One collector's progress reporter: tells the shared count when its crawls begin.
final class LaneProgress: CrawlProgressReporting, @unchecked Sendable {
    private let counter: DemoProgress
    private var lastCrawl = 0

    init(_ counter: DemoProgress) { self.counter = counter }

    func update(_ p: CrawlProgress) {
        guard p.crawl != lastCrawl else { return }
        lastCrawl = p.crawl
        counter.crawlStarted()
    }

    func clear() {}
}
