#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Model
import PostgresStore
import Simulator

/// Three real collector processes (`twitch-stats collect --store postgres://…`) against the
/// simulator at full-Twitch size, taking turns by slots of `--interval` real seconds in one
/// throw-away PostgreSQL. The simulator runs `--speed` times faster than real time, so a slot is
/// `--interval × --speed` simulated seconds (5 minutes by default). Part way through, one
/// collector is killed with SIGKILL and started again; at the end every slot of the run is listed
/// with the crawls that landed in it: none missing, none twice.
struct CollectorsBenchmark {
    let streams: Int
    let interval: Int
    let speed: Double
    let seconds: Int
    let killAfter: Int
    let downFor: Int
    /// `wait`: killed while it waits for its next slot; `crawl`: while it crawls a slot it claimed.
    let killIn: String
    let executable: URL
    /// Keeps the folder with the collectors' logs and spools.
    let keep: Bool

    init(arguments: [String]) {
        let a = BenchArguments(arguments)
        streams = a.int("streams", 100_000)
        interval = a.int("interval", 20)
        speed = a.values["speed"].flatMap(Double.init) ?? 300 / Double(interval)
        seconds = a.int("seconds", 360)
        killAfter = a.int("kill-after", seconds * 2 / 5)
        downFor = a.int("down", 2 * interval)
        killIn = a.string("kill-in", "wait")
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("twitch-stats")
        executable = URL(fileURLWithPath: a.string("twitch-stats", sibling.path))
        keep = a.string("keep", "no") == "yes"
    }

    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw BenchError("\(executable.path): not found; build the twitch-stats product (same configuration) or pass --twitch-stats PATH")
        }
        guard killIn == "wait" || killIn == "crawl" else { throw BenchError("--kill-in: wait or crawl") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-bench-collectors-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if keep { print("logs and spools kept in \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) } }
        let cluster = try ThrowawayPostgres()
        defer { cluster.stop() }
        let location = try cluster.createDatabase("collectors")
        let shared = try SharedCrawlStore(location)
        print("""
            collectors benchmark: 3 collector processes, \(grouped(Double(streams))) streams at peak, a slot every \(interval) s \
            (\(String(format: "%.0f", Double(interval) * speed / 60)) simulated minutes), \(seconds) s; one killed (SIGKILL, while it \
            \(killIn == "wait" ? "waits" : "crawls")) after \(killAfter) s and started again \(downFor) s later

            """)

        let port = 18_000 + Int(getpid() % 1000)
        let simulator = try ChildProcess(
            URL(fileURLWithPath: CommandLine.arguments[0]),
            ["serve", "--streams", String(streams), "--port", String(port), "--speed", String(speed)], log: folder.appendingPathComponent("simulator.log"))
        defer { simulator.stop(signal: SIGKILL) }
        try waitForPort(port)

        let names = ["c1", "c2", "c3"]
        func collector(_ name: String) throws -> ChildProcess {
            try ChildProcess(
                executable,
                ["collect", "--store", cluster.url(database: "collectors"), "--db", folder.appendingPathComponent("spool-\(name).sqlite").path,
                 "--interval", String(interval), "--collector", name,
                 "--api-url", "http://127.0.0.1:\(port)/helix", "--token-url", "http://127.0.0.1:\(port)/oauth2/token"],
                log: folder.appendingPathComponent("\(name).log"),
                environment: ["TWITCH_CLIENT_ID": SimulatorConfig.demoClientID, "TWITCH_CLIENT_SECRET": SimulatorConfig.demoClientSecret])
        }
        let started = Clock.nowMillis()
        var running = try names.map(collector)
        let victim = 0
        let intervalMs = Millis(interval) * 1000

        // The kill: at `killAfter`, once the victim is in the state asked for.
        Thread.sleep(forTimeInterval: Double(killAfter))
        var killedAt: Millis = 0
        var killedSlot: Millis?
        while killedAt == 0 {
            let now = Clock.nowMillis()
            let slot = try shared.claimedSlots().last { $0.collector == names[victim] }?.time
            let landed = try slot.map { s in try shared.crawlOutcomes().contains { $0.collector == names[victim] && $0.time / intervalMs * intervalMs == s } } ?? true
            let crawling = slot.map { $0 <= now } == true && !landed
            if crawling == (killIn == "crawl") {
                running[victim].stop(signal: SIGKILL)
                killedAt = Clock.nowMillis()
                killedSlot = crawling ? slot : nil
            } else {
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        Thread.sleep(forTimeInterval: Double(downFor))
        running[victim] = try collector(names[victim])
        let restartedAt = Clock.nowMillis()
        let remaining = Double(seconds) - Double(restartedAt - started) / 1000
        if remaining > 0 { Thread.sleep(forTimeInterval: remaining) }
        let stoppedAt = Clock.nowMillis()
        for child in running { child.stop(signal: SIGTERM) }
        let statuses = running.map { $0.wait() }

        let slots = try shared.claimedSlots()
        let outcomes = try shared.crawlOutcomes()
        let first = slots.first?.time ?? started
        // Slots that ended before the collectors were stopped; a later one may have been cut short.
        let window = stride(from: first, to: stoppedAt - intervalMs + 1, by: Int(intervalMs)).map { $0 }
        let bySlot = Dictionary(grouping: outcomes) { $0.time / intervalMs * intervalMs }
        let claimant = Dictionary(slots.map { ($0.time, $0.collector) }, uniquingKeysWith: { a, _ in a })
        print("slot (s after start)  claimed by  crawls landed")
        for slot in window {
            let landed = bySlot[slot] ?? []
            let what = landed.map { "\($0.collector) \($0.complete ? "complete" : "failed") \(grouped(Double($0.streams))) streams in \(String(format: "%.1f", Double($0.durationMs) / 1000)) s" }
            let mark = slot == killedSlot ? "   ← the killed collector's slot" : ""
            print(String(format: "%8.0f", Double(slot - started) / 1000).padding(toLength: 22, withPad: " ", startingAt: 0)
                  + (claimant[slot] ?? "–").padding(toLength: 12, withPad: " ", startingAt: 0)
                  + (what.isEmpty ? "none" : what.joined(separator: "; ")) + mark)
        }
        print()
        let inWindow = window.map { bySlot[$0]?.count ?? 0 }
        let complete = outcomes.filter { $0.complete && window.contains($0.time / intervalMs * intervalMs) }
        figure("slots in the run", "\(window.count)")
        figure("slots with exactly one crawl", "\(inWindow.filter { $0 == 1 }.count)")
        figure("slots without a crawl", "\(inWindow.filter { $0 == 0 }.count)", target: killIn == "wait" ? "0" : "≤ 1 (the killed one's)",
               ok: inWindow.filter { $0 == 0 }.count <= (killIn == "wait" ? 0 : 1))
        figure("slots with two or more crawls", "\(inWindow.filter { $0 > 1 }.count)", target: "0", ok: inWindow.allSatisfy { $0 <= 1 })
        for name in names {
            figure("crawls landed by \(name)", "\(outcomes.filter { $0.collector == name && window.contains($0.time / intervalMs * intervalMs) }.count)")
        }
        figure("killed / restarted (s after start)", String(format: "%.0f / %.0f", Double(killedAt - started) / 1000, Double(restartedAt - started) / 1000))
        figure("crawls by the killed one after its restart", "\(outcomes.filter { $0.collector == names[victim] && $0.time > restartedAt }.count)")
        if !complete.isEmpty {
            figure("streams per crawl (average)", grouped(Double(complete.map(\.streams).reduce(0, +)) / Double(complete.count)))
            figure("crawl duration (average, max)", String(format: "%.1f s, %.1f s", Double(complete.map(\.durationMs).reduce(0, +)) / Double(complete.count) / 1000, Double(complete.map(\.durationMs).max() ?? 0) / 1000))
        }
        figure("collector exits after SIGTERM", statuses.map { "\($0)" }.joined(separator: ", "))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A child process of the benchmark, its output in a log file.
final class ChildProcess {
    private let process = Process()

    init(_ executable: URL, _ arguments: [String], log: URL, environment: [String: String] = [:]) throws {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        var env = ["SWIFT_BACKTRACE": "enable=no", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        process.environment = env
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    func stop(signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits for the exit: its status, or the signal that ended it.
    func wait() -> String {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
    }
}
