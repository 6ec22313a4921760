import Foundation
import Logging
import Model
import Pipeline
import PostgresStore
import Store
import SyntheticData

/// The shared PostgreSQL store at full-Twitch size: a day of crawls (288 at 5 minutes, about
/// 100,000 streams each) landed as collectors land them, the rows and bytes they take, and the
/// time a build needs to pull them into a new local SQLite store (target ≤ 60 s). Runs against a
/// throw-away cluster unless `--store` names an empty database.
struct SharedStoreBenchmark {
    let streams: Int
    let crawls: Int
    let storeURL: String?
    /// Also pulls the crawls the collector's way (every observation looked up), for comparison.
    let compare: Bool
    /// Pulls the landed day this many times, each into a new local store as a builder of its
    /// own: repeated figures over one landing show the host's spread.
    let pulls: Int

    init(arguments: [String]) {
        let a = BenchArguments(arguments)
        streams = a.int("streams", 100_000)
        crawls = a.int("crawls", 288)
        storeURL = a.values["store"]
        compare = a.string("compare", "no") == "yes"
        pulls = a.int("pulls", 1)
    }

    func run() throws {
        let cluster = storeURL == nil ? try ThrowawayPostgres() : nil
        defer { cluster?.stop() }
        let location = try storeURL.map { try PostgresLocation(url: $0) } ?? cluster!.createDatabase("bench")
        let shared = try SharedCrawlStore(location)
        print("shared store benchmark: \(crawls) crawls of \(grouped(Double(streams))) live streams into PostgreSQL, then one pull\n")

        var twitch = SyntheticTwitch(liveStreams: streams, categories: 6_000)
        var landing = 0.0
        var packing = 0.0
        var observations = 0
        for n in 0..<crawls {
            let crawl = twitch.nextCrawl()
            observations += crawl.observations.count
            var packed: PackedCrawl!
            packing += seconds {
                packed = PackedCrawl(
                    time: crawl.time, collector: "c\(n % 3)", clientLabel: "…\(n % 3)", status: .complete, pages: crawl.pages,
                    streams: crawl.observations.count, durationMs: 60_000, retries: 0,
                    data: PackedCrawl.pack(crawl.observations, crawlTime: crawl.time))
            }
            landing += try seconds { try shared.land(packed) }
        }
        let totals = try shared.totals()
        let onDisk = try shared.connection.execute("SELECT pg_database_size(current_database())").int(0, 0)
        let day = Double(crawls) / 288
        figure("observations landed", grouped(Double(observations)))
        figure("packing per crawl (collector CPU)", String(format: "%.3f s", packing / Double(crawls)))
        figure("landing per crawl (one transaction)", String(format: "%.3f s", landing / Double(crawls)))
        // A crawl row, its packed observations and its slot.
        figure("rows per day in PostgreSQL", grouped(Double(crawls * 3) / day))
        figure("packed bytes per observation", String(format: "%.1f", Double(totals.observationBytes) / Double(observations)))
        figure("bytes per day (observations, as stored)", String(format: "%.2f GB", Double(totals.observationBytes) / day / 1e9))
        figure("database size per day", String(format: "%.2f GB", Double(onDisk) / day / 1e9))

        for n in 0..<pulls {
            if pulls > 1 { print("\npull \(n + 1) of \(pulls)") }
            try pull(location, builder: "bench\(n)", observations: observations, day: day, compareAfter: compare && n == pulls - 1)
        }
    }

    private func pull(_ location: PostgresLocation, builder: String, observations: Int, day: Double, compareAfter: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-bench-pull-\(getpid())-\(builder)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("local.sqlite").path)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        var report = PullReport()
        let cpuBefore = cpuSeconds()
        let pull = try seconds {
            report = try PullJob.run(PullOptions(location: location, builder: builder), store: store, keepRawDays: 7, logger: logger)
        }
        let cpu = cpuSeconds() - cpuBefore
        let perDay = pull / day
        figure("pulled crawls", "\(report.stored)")
        figure("pull time", String(format: "%.1f s", pull))
        figure("pull time for a full day", String(format: "%.1f s", perDay), target: "≤ 60 s", ok: perDay <= 60)
        figure("pull: fetching and unpacking (overlapped)", String(format: "%.1f s", report.fetchSeconds))
        figure("pull: storing in SQLite", String(format: "%.1f s", report.storeSeconds))
        // On a busy machine the wall times above include waiting for a core; CPU time does not.
        figure("pull CPU time (both threads)", String(format: "%.1f s (%.1f s a full day)", cpu, cpu / day))
        figure("pull rate", "\(grouped(Double(observations) / pull)) observations/s")
    
        if compareAfter { try compareWithCollectorsPath(location, folder: folder, pulled: store, perDay: day) }
    }

    /// Stores the same crawls as `ObservationWriter.add` stores a collector's crawl (the pull's
    /// path before it carried ids by stream token), in one thread, and checks the content is the same.
    private func compareWithCollectorsPath(_ location: PostgresLocation, folder: URL, pulled: Store, perDay day: Double) throws {
        let shared = try SharedCrawlStore(location)
        let reference = try Store(path: folder.appendingPathComponent("reference.sqlite").path)
        let cache = ObservationWriter.Cache()
        var storing = 0.0
        var storingCPU = 0.0
        let cpuBefore = cpuSeconds()
        let wall = try seconds {
            for listed in try shared.unpulled(by: "reference") {
                let observations = try PackedCrawl.unpack(try shared.observations(ofCrawl: listed.id), crawlTime: listed.crawl.time)
                let cpu = cpuSeconds()
                storing += try seconds { _ = try reference.storePulled(listed.crawl, observations: observations, cache: cache) }
                storingCPU += cpuSeconds() - cpu
            }
        }
        let cpu = cpuSeconds() - cpuBefore
        figure("collector's path: pull time, one thread", String(format: "%.1f s (%.1f s a full day)", wall, wall / day))
        figure("collector's path: storing in SQLite", String(format: "%.1f s, %.1f s of CPU", storing, storingCPU))
        figure("collector's path: CPU time", String(format: "%.1f s (%.1f s a full day)", cpu, cpu / day))
        let same = try reference.rawTablesDigest() == pulled.rawTablesDigest()
        figure("same tables both ways", same ? "yes" : "NO", target: "yes", ok: same)
    }
}
