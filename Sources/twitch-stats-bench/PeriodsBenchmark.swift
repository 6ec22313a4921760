import Foundation
import Model
import Pipeline
import Store
import SyntheticData

/// A year of history and one full-Twitch day on top (issue 13): `--days` days of crawls every
/// five minutes at `--streams` live streams (a tenth of full Twitch by default) stored the
/// collector's way and built every `--build-every` days like a nightly build that fell behind,
/// then a day of `--full-streams` streams and the build that matters, timed, with its peak memory.
/// The builds along the way show how a build's cost follows the history's length; the database
/// size is given per day of history.
struct PeriodsBenchmark {
    let days: Int
    let streams: Int
    let fullStreams: Int
    let buildEvery: Int
    /// Minutes between the history's crawls (the full day is always crawled every 5 minutes):
    /// 15 stores a year a third as fast, and the periods read consolidated days, not crawls.
    let crawlMinutes: Int
    let dir: URL
    let keep: Bool
    /// `history`: store the history (and its builds; `--build-every 0` for none) and stop, keeping
    /// the folder; `catch-up`: build what the kept history's builds left; `top`: that, then the
    /// quiet day and the full day. A year is stored once and the nightly cost measured as often as
    /// the code changes, each phase in a process of its own (so its peak memory is its own).
    let phase: String
    /// Stores the full day and stops, for profiling its build (`core --build-db`) on copies.
    let stopBeforeFullBuild: Bool

    init(arguments: [String]) {
        let a = BenchArguments(arguments)
        days = a.int("days", 365)
        streams = a.int("streams", 10_000)
        fullStreams = a.int("full-streams", 100_000)
        buildEvery = max(0, a.int("build-every", 30))
        crawlMinutes = min(60, max(1, a.int("crawl-minutes", 5)))
        dir = URL(fileURLWithPath: a.string("dir", NSTemporaryDirectory() + "twitch-stats-bench-periods"))
        phase = a.string("phase", "all")
        stopBeforeFullBuild = a.string("stop-before-full-build", "no") == "yes"
        keep = a.string("keep", "no") == "yes" || phase != "all"
    }

    func run() throws {
        guard ["all", "history", "catch-up", "top"].contains(phase) else {
            print("--phase \(phase): expected all, history, catch-up or top")
            exit(2)
        }
        let database = dir.appendingPathComponent("history.sqlite").path
        if phase == "all" || phase == "history" {
            try? FileManager.default.removeItem(at: dir)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } else if !FileManager.default.fileExists(atPath: database) {
            print("no history in \(dir.path): run `periods --phase history` first")
            exit(2)
        }
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
        print("periods benchmark: \(days) days at \(grouped(Double(streams))) live streams every \(crawlMinutes) min, then a day at "
              + "\(grouped(Double(fullStreams))); release build recommended\n")
        let out = dir.appendingPathComponent("site")
        let store = try Store(path: database)
        // Whole days in the past: the last one ends before now, as crawls from the future are refused.
        let today = Int(Date().timeIntervalSince1970 / 86_400)
        // An earlier `top` on this history left its full day's last crawl at the next midnight,
        // in the future when it ran the same day: look past today for it.
        let lastKept = phase == "top" ? try store.crawlLog(from: Millis(today - 10) * 86_400_000, to: Millis(today + 30) * 86_400_000).last?.time : nil
        let first = lastKept.map { Int($0 / 86_400_000) + 1 } ?? today - days - 1
        // The kept history ends the day before `top`'s first; its streams get ids of their own.
        var world = SyntheticTwitch(liveStreams: streams, crawlIntervalMs: Int64(crawlMinutes) * 60_000,
                                    start: Millis(first) * 86_400_000, seed: phase == "top" ? 14 : 13, categories: 6_000,
                                    firstStreamID: phase == "top" ? 1_000_000_000 : 1_000_000)
        let cache = ObservationWriter.Cache()

        func storeDay() throws -> Int {
            var stored = 0
            for _ in 0..<(86_400_000 / Int(world.crawlIntervalMs)) {
                let crawl = world.nextCrawl()
                try store.storeCollected(crawl, cache: cache)
                stored += crawl.observations.count
            }
            return stored
        }
        func build() throws -> (seconds: Double, report: BuildReport) {
            var report = BuildReport()
            let time = try seconds { report = try BuildJob.run(BuildOptions(databasePath: database, output: out)) }
            return (time, report)
        }

        func printSteps(_ report: BuildReport) {
            for (step, time, cpu) in report.stepSeconds where time >= 0.05 {
                figure("  step: \(step)", String(format: "%.2f s (CPU %.2f s)", time, cpu))
            }
        }

        if phase == "top" || phase == "catch-up" {
            // Whatever the kept history's last builds left (none when it was stored without them).
            let (time, report) = try build()
            figure("catching up (\(report.writtenDays.count) new days)", String(format: "%.1f s", time))
            printSteps(report)
        } else {
            var observations = 0
            for day in 1...days {
                observations += try storeDay()
                if buildEvery > 0 && (day % buildEvery == 0 || day == days) {
                    let (time, report) = try build()
                    figure("build after day \(day) (\(report.writtenDays.count) new days)", String(format: "%.1f s", time))
                    printSteps(report)
                }
            }
            figure("history observations", grouped(Double(observations)))
        }
        // VACUUM writes a whole copy of the database into a temporary file, then copies it back
        // through the write-ahead log: a year's history needs twice its size free (SQLite's
        // temporary files are on this file system here), and a full disk would end the run here.
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: dir.path)[.systemFreeSize] as? NSNumber)?.int64Value
        let needed = store.sizeOnDisk() * 22 / 10
        if let free, free < needed {
            print(String(format: "not compacted: VACUUM needs about %.1f GB free in %@, %.1f GB are", Double(needed) / 1e9, dir.path, Double(free) / 1e9))
        } else {
            try store.compact()
        }
        let size = Double(store.sizeOnDisk())
        figure("database size", String(format: "%.0f MB", size / 1e6))
        figure("database size per day of history", String(format: "%.1f MB", size / 1e6 / Double(days)))
        if phase == "history" || phase == "catch-up" { return }

        // One more quiet day: the nightly cost on top of the whole history.
        _ = try storeDay()
        let (nightly, nightlyReport) = try build()
        figure("nightly build, one quiet day", String(format: "%.1f s", nightly))
        printSteps(nightlyReport)

        world.grow(to: fullStreams)
        world.crawlIntervalMs = 300_000
        let fullObservations = try storeDay()
        // The next day's first crawl completes the full day, so that the windows end with it, as
        // they do for a nightly build run after midnight.
        try store.storeCollected(world.nextCrawl(), cache: cache)
        if stopBeforeFullBuild {
            print("stored the full day; its build is left to `core --build-db \(database) --out \(out.path)`")
            return
        }
        // Its build in a process of its own, so that the peak memory is the build's alone (this
        // one has stored a year of crawls).
        print("full day on top: \(grouped(Double(fullObservations))) observations, built by `core --build-db`:")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["core", "--build-db", database, "--out", out.path, "--target-seconds", "45"]
        try child.run()
        child.waitUntilExit()
        if child.terminationStatus != 0 { exit(child.terminationStatus) }
    }
}
