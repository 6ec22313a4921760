import Foundation
import Helix
import Logging
import Model
import Pipeline
import Simulator
import TestSupport
import Testing

/// Three simulated days of the simulator with faults, crawled by the collector while a build runs
/// every simulated hour on the same database (as `twitch-stats build`, a process of its own, as
/// the systemd timer runs it). Virtual time moves only by the collector's waits, as in the demo,
/// so the three days take seconds.
///
/// The collector's resident memory is read from this process, so the soak runs in a test process
/// of its own (the suite's other tests would make the numbers move): `soakOfThreeSimulatedDays`
/// starts this test binary again for `soakBody` alone.
@Suite struct SoakTests {
    static let childVariable = "TWITCH_STATS_SOAK_CHILD"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "resident memory is read from /proc"))
    func soakOfThreeSimulatedDays() async throws {
        let turn = await Turns.take()
        defer { turn.done() }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        let scratch = try ScratchFolder()
        let process = Process()
        process.executableURL = testBinary
        process.arguments = ["--testing-library", "swift-testing", "--filter", "SoakTests/soakBody"]
        process.environment = Child.environment([Self.childVariable: "1"])
        let output = scratch.url.appendingPathComponent("soak.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        let deadline = ContinuousClock.now + .seconds(480)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "the soak failed:\n\(log.suffix(6_000))")
        #expect(log.contains("soakBody") && log.contains("passed"), "the soak did not run:\n\(log.suffix(3_000))")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[SoakTests.childVariable] != nil))
    func soakBody() async throws {
        let soak = try await Soak.run(Soak.Settings())
        let label = "soak (seed \(soak.settings.seed))"

        // Every complete crawl stored, every failed one recorded.
        #expect(soak.summary.complete == soak.settings.crawls, "\(label): \(soak.summary)")
        #expect(soak.storedComplete == soak.summary.complete, "\(label): \(soak.storedComplete) crawls stored, \(soak.summary.complete) complete")
        #expect(soak.storedFailed == soak.summary.failed, "\(label): \(soak.storedFailed) failures recorded, \(soak.summary.failed) failed")
        #expect(soak.integrity == ["ok"], "\(label)")

        // A build every simulated hour, each one finished without an error.
        #expect(soak.builds.count >= soak.settings.days * 24, "\(label): \(soak.builds.count) builds")
        for build in soak.builds where !build.succeeded { Issue.record("\(label): a build failed: \(build.summary)") }

        // Nobody was refused the database.
        let locked = (soak.logs + soak.failureReasons + soak.builds.map(\.stderr)).filter {
            $0.localizedCaseInsensitiveContains("database is locked") || $0.localizedCaseInsensitiveContains("SQLITE_BUSY")
        }
        #expect(locked.isEmpty, "\(label): \(locked.prefix(3))")

        // Resident memory flat from crawl to crawl once warmed up (the first simulated day): the
        // last day's median within a few megabytes of the second day's.
        let perDay = soak.settings.crawls / soak.settings.days
        let second = soak.residentKB.dropFirst(perDay).prefix(perDay)
        let last = soak.residentKB.suffix(perDay)
        let growth = median(last) - median(second)
        #expect(growth <= Soak.allowedGrowthKB,
                "\(label): resident memory grew \(growth) KB from day 2 to day 3 (day 2 median \(median(second)) KB, samples \(soak.residentKB.enumerated().filter { $0.offset % 24 == 0 }.map(\.element)))")
        print("soak: \(soak.summary.complete) crawls (\(soak.summary.failed) failed), \(soak.builds.count) builds, "
              + "resident \(median(second)) KB on day 2, \(median(last)) KB on day 3, \(soak.seconds) s; "
              + "builds took \(soak.builds.map { Int($0.seconds * 1000) }) ms")
    }

    func median(_ values: some Collection<Int>) -> Int {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// The soak itself: simulator, collector and hourly builds.
enum Soak {
    /// What the collector may gain from the second simulated day to the third.
    static let allowedGrowthKB = 8 * 1024

    struct Settings {
        var days = 3
        var streams = 100
        var crawlMinutes = 15
        var seed: UInt64 = FuzzSettings.seed
        var faultRate = 0.03
        var crawls: Int { days * 24 * 60 / crawlMinutes }
    }

    struct Result {
        var settings: Settings
        var summary: Collector.Summary
        var storedComplete: Int
        var storedFailed: Int
        var failureReasons: [String]
        var integrity: [String]
        var builds: [ChildRun]
        var logs: [String]
        var residentKB: [Int]
        var seconds: Double
    }

    static func run(_ settings: Settings) async throws -> Result {
        let started = DispatchTime.now().uptimeNanoseconds
        let scratch = try ScratchFolder(inMemory: true)
        let db = scratch.path("soak.sqlite")
        let day: Millis = 86_400_000
        var config = SimulatorConfig()
        config.streams = settings.streams
        config.seed = settings.seed
        config.speed = nil
        // Ends at the last midnight: every crawl time is in the past by the machine's clock.
        config.start = (Clock.nowMillis() / day - Millis(settings.days)) * day
        config.faultRate = settings.faultRate
        config.slowResponseSeconds = 0.2
        let simulator = try await SimulatorServer.start(config)
        let clock = simulator.clock

        let logs = LogLines()
        let logger = Logger(label: "soak") { _ in logs }
        let memory = ResidentMemory()
        let builds = HourlyBuilds(database: db, output: scratch.url.appendingPathComponent("site"), folder: scratch.url,
                                  firstHour: config.start / 3_600_000)
        let options = CollectOptions(
            databasePath: db, crawls: settings.crawls, intervalSeconds: Double(settings.crawlMinutes * 60),
            endpoints: HelixEndpoints(baseURL: simulator.rootURL))
        let summary: Collector.Summary
        do {
            summary = try await onDedicatedThread {
                try CollectJob.run(
                    options, credentials: Credentials(clientID: "soak", clientSecret: "soak-secret"), stop: StopFlag(),
                    now: clock.nowFunction,
                    sleep: { wait in
                        clock.advance(by: wait)
                        builds.reached(clock.now())
                    },
                    logger: logger, progress: memory)
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
        let finished = builds.finish()
        let counts = try await DatabaseCheck.crawlCounts(db)
        return Result(
            settings: settings, summary: summary, storedComplete: counts.complete, storedFailed: counts.failed,
            failureReasons: try await DatabaseCheck.failureReasons(db), integrity: try await DatabaseCheck.integrity(db),
            builds: finished, logs: logs.lines, residentKB: memory.samples,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }
}

/// Starts `twitch-stats build` each time the simulated clock enters a new hour. A build still
/// running when the next hour comes is waited for first, so there is one build per hour and
/// never two at once, while the collector goes on crawling during each.
final class HourlyBuilds: @unchecked Sendable {
    private let database: String
    private let output: URL
    private let folder: URL
    private var hour: Int64
    private let lock = NSLock()
    /// Signalled when the build in progress has ended.
    private var running: DispatchSemaphore?
    private var results: [ChildRun] = []

    init(database: String, output: URL, folder: URL, firstHour: Int64) {
        self.database = database
        self.output = output
        self.folder = folder
        hour = firstHour
    }

    /// Called by the collector's thread after every wait.
    func reached(_ now: Millis) {
        let current = now / 3_600_000
        guard current > hour else { return }
        hour = current
        startBuild()
    }

    /// Waits for the build in progress, then builds the hour the collector ended in.
    func finish() -> [ChildRun] {
        startBuild()
        waitForRunning()
        return lock.withLock { results }
    }

    private func startBuild() {
        waitForRunning()
        let arguments = ["build", "--db", database, "--out", output.path, "--keep-raw", "1", "--channel-pages", "10"]
        let child: Child
        do {
            child = try Child(arguments, in: folder)
        } catch {
            let failed = ChildRun(exitStatus: -1, signalled: false, timedOut: false, stdout: "", stderr: "\(error)", seconds: 0)
            lock.withLock { results.append(failed) }
            return
        }
        let done = DispatchSemaphore(value: 0)
        running = done
        Task.detached { [self] in
            let run = await child.wait(limit: .seconds(120))
            lock.withLock { results.append(run) }
            done.signal()
        }
    }

    private func waitForRunning() {
        running?.wait()
        running = nil
    }
}

/// This process's resident memory (VmRSS) at the start of every crawl.
final class ResidentMemory: CrawlProgressReporting, @unchecked Sendable {
    private var lastCrawl = 0
    private(set) var samples: [Int] = []

    func update(_ progress: CrawlProgress) {
        guard progress.crawl != lastCrawl else { return }
        lastCrawl = progress.crawl
        samples.append(Self.current())
    }

    func clear() {}

    static func current() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// Every log line the collector wrote, as text with its metadata.
final class LogLines: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { lock.withLock { stored } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = "\(event.level) \(event.message) \(event.metadata ?? [:])"
        lock.withLock { stored.append(text) }
    }
}
