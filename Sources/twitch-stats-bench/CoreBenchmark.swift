import Consolidation
import Foundation
import Model
import Pipeline
import Store
import SyntheticData

/// Import and build throughput on data shaped like full Twitch (~100,000 live streams a crawl).
struct CoreBenchmark {
    let importObservations: Int
    let buildObservations: Int
    let streams: Int
    /// Categories of the build's world: full Twitch has thousands live at once (the simulator's
    /// world at full size has 6,000), and the site has a page for each.
    let categories: Int
    let dir: URL
    let keep: Bool
    /// Stop once the build database is filled (to profile `twitch-stats build` on it).
    let prepareOnly: Bool
    /// A prepared build database to consolidate a copy of, timing only that step.
    let consolidateOnly: String?
    /// Only build this existing database into `out` and report the steps (to measure the build
    /// steps again and again on copies of one prepared database).
    let existingDatabase: String?
    let existingOutput: String?
    /// The target of `--build-db`'s build: 30 s for a full day, 45 s for one on top of a year.
    let targetSeconds: Double

    init(arguments: [String]) {
        let a = BenchArguments(arguments)
        importObservations = a.int("import", 2_000_000)
        buildObservations = a.int("build", 10_000_000)
        streams = a.int("streams", 100_000)
        categories = a.int("categories", 6_000)
        dir = URL(fileURLWithPath: a.string("dir", NSTemporaryDirectory() + "twitch-stats-bench"))
        keep = a.string("keep", "no") == "yes"
        prepareOnly = a.string("prepare-only", "no") == "yes"
        consolidateOnly = a.values["consolidate-only"]
        existingDatabase = a.values["build-db"]
        existingOutput = a.values["out"]
        targetSeconds = Double(a.int("target-seconds", 30))
    }

    func run() throws {
        if let consolidateOnly { return try consolidate(copyOf: consolidateOnly) }
        if let existingDatabase {
            return try buildOnly(database: existingDatabase, output: existingOutput ?? dir.appendingPathComponent("site").path)
        }
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
        print("core benchmark: \(grouped(Double(streams))) live streams a crawl, \(grouped(Double(categories))) categories in the build's world; release build recommended\n")

        // 1. Import: NDJSON in the old pipeline's shape, parsed, validated and stored.
        let ndjson = dir.appendingPathComponent("import.ndjson")
        var world = SyntheticTwitch(liveStreams: streams, seed: 42)
        var written = 0
        _ = FileManager.default.createFile(atPath: ndjson.path, contents: nil)
        let handle = try FileHandle(forWritingTo: ndjson)
        while written < importObservations {
            let crawl = world.nextCrawl()
            var text = ""
            text.reserveCapacity(crawl.observations.count * 520)
            for o in crawl.observations.prefix(importObservations - written) { text += NDJSONLine.line(o) }
            written += min(crawl.observations.count, importObservations - written)
            handle.write(Data(text.utf8))
        }
        try handle.close()
        let importDB = dir.appendingPathComponent("import.sqlite").path
        var importReport = ImportReport()
        let importCPUBefore = cpuSeconds()
        let importTime = try seconds {
            importReport = try ImportJob.run(store: try Store(path: importDB), paths: [ndjson.path], skipInvalid: false)
        }
        let importCPU = cpuSeconds() - importCPUBefore
        let importStore = try Store(path: importDB)
        try importStore.compact()
        let importRate = Double(importReport.rows) / importTime
        figure("import (NDJSON) observations", grouped(Double(importReport.rows)))
        figure("import throughput", "\(grouped(importRate)) obs/s", target: "≥ 300,000 obs/s", ok: importRate >= 300_000)
        figure("import CPU (both threads)", String(format: "%.2f s", importCPU))
        let bytesPerObservation = Double(importStore.sizeOnDisk()) / Double(importReport.writer.written)
        figure("database bytes per raw observation", String(format: "%.1f B", bytesPerObservation), target: "≤ 40 B",
               ok: bytesPerObservation <= 40)
        figure("peak resident memory after import", String(format: "%.0f MB", peakResidentMB()))

        // 2. Build: a larger database filled the collector's way (whole crawls), then one build.
        let buildDB = dir.appendingPathComponent("build.sqlite").path
        let buildStore = try Store(path: buildDB)
        var stored = 0
        var world2 = SyntheticTwitch(liveStreams: streams, seed: 7, categories: categories)
        var storeTime = 0.0
        let cache = ObservationWriter.Cache()
        while stored < buildObservations {
            let crawl = world2.nextCrawl()
            storeTime += try seconds { try buildStore.storeCollected(crawl, cache: cache) }
            stored += crawl.observations.count
        }
        figure("stored crawls (collector path)", "\(grouped(Double(stored))) obs",
               target: "", ok: nil)
        figure("store throughput (collector path)", "\(grouped(Double(stored) / storeTime)) obs/s")
        if prepareOnly { return }
        let out = dir.appendingPathComponent("site")
        var buildReport = BuildReport()
        let buildTime = try seconds {
            buildReport = try BuildJob.run(BuildOptions(databasePath: buildDB, output: out, keepRawDays: 7))
        }
        figure("build of \(grouped(Double(stored))) observations", String(format: "%.1f s", buildTime),
               target: Self.buildTarget(stored), ok: stored >= 10_000_000 ? buildTime <= 30 : nil)
        for (step, time, _) in buildReport.stepSeconds {
            figure("  step: \(step)", String(format: "%.1f s", time))
        }
        figure("build throughput", "\(grouped(Double(buildReport.consolidation.observations) / buildTime)) obs/s")
        figure("days reported / written", "\(buildReport.reportedDays.count) / \(buildReport.writtenDays.count)")
        figure("peak resident memory (whole run)", String(format: "%.0f MB", peakResidentMB()))
    }

    /// Consolidates a copy of a build database prepared with `--keep yes --prepare-only yes`, so
    /// the consolidate step can be measured and profiled without the rest of the build.
    private func consolidate(copyOf path: String) throws {
        let copy = NSTemporaryDirectory() + "twitch-stats-consolidate-\(getpid()).sqlite"
        defer {
            if keep { print("consolidated copy kept: \(copy)") } else {
                for suffix in ["", "-wal", "-shm", ".migrate-lock"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
            }
        }
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            try? FileManager.default.removeItem(atPath: copy + suffix)
            try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
        }
        let store = try Store(path: copy)
        var report = ConsolidationReport()
        let cpuBefore = cpuSeconds()
        let time = try seconds {
            report = try Consolidator.run(store: store, calendar: ReportCalendar(identifier: "UTC")!, keepRawDays: 7)
        }
        figure("consolidate \(grouped(Double(report.observations))) obs", String(format: "%.2f s", time))
        figure("consolidate throughput", "\(grouped(Double(report.observations) / time)) obs/s")
        figure("consolidate CPU", String(format: "%.2f s", cpuSeconds() - cpuBefore))
        figure("days dirty", "\(report.dirtyDays.count)")
    }

    /// Issue 2 asks for 10M observations in ≤ 30 s; issue 5 for a full-Twitch day (24 h of
    /// 5-minute crawls of ~100,000 streams) in ≤ 30 s.
    static func buildTarget(_ observations: Int) -> String {
        observations >= 28_000_000 ? "≤ 30 s (full day)" : "≤ 30 s for 10M"
    }

    /// Builds an existing database into `output`, reporting each step's wall and CPU time.
    private func buildOnly(database: String, output: String) throws {
        let cpuBefore = cpuSeconds()
        var buildReport = BuildReport()
        let buildTime = try seconds {
            buildReport = try BuildJob.run(BuildOptions(
                databasePath: database, output: URL(fileURLWithPath: output), keepRawDays: 7))
        }
        let observations = buildReport.consolidation.observations
        figure("build of \(database) (\(grouped(Double(observations))) new obs)", String(format: "%.1f s", buildTime),
               target: observations >= 10_000_000 ? String(format: "≤ %.0f s", targetSeconds) : "",
               ok: observations >= 10_000_000 ? buildTime <= targetSeconds : nil)
        figure("  CPU (user + system)", String(format: "%.1f s", cpuSeconds() - cpuBefore))
        for (step, time, cpu) in buildReport.stepSeconds {
            figure("  step: \(step)", String(format: "%.2f s (CPU %.2f s)", time, cpu))
        }
        figure("days reported / written", "\(buildReport.reportedDays.count) / \(buildReport.writtenDays.count)")
        figure("files changed", "\(buildReport.changedFiles)")
        figure("periods before ranked ahead / used", "\(buildReport.periodsBeforeRankedAhead.ranked) / \(buildReport.periodsBeforeRankedAhead.used)")
        figure("stream pages rendered / kept", "\(buildReport.streamPages.rendered) / \(buildReport.streamPages.kept)")
        let memory = peakResidentMB()
        figure("peak resident memory", String(format: "%.0f MB", memory), target: "≤ 3,072 MB", ok: memory <= 3072)
    }
}
