import Foundation
import Testing

/// The built `twitch-stats` binary run as a child process, so that a trap or a kill ends the
/// child and never the test runner.
struct ChildRun: Sendable {
    var exitStatus: Int32
    /// True when a signal ended the child (a trap, or the test's own kill -9).
    var signalled: Bool
    /// True when the child outlived its time limit and was killed.
    var timedOut: Bool
    var stdout: String
    var stderr: String
    /// Real seconds from start to exit.
    var seconds: Double

    /// Exited by itself with status 0.
    var succeeded: Bool { !signalled && !timedOut && exitStatus == 0 }

    var summary: String {
        let how = timedOut ? "timed out" : signalled ? "killed by signal \(exitStatus)" : "exit status \(exitStatus)"
        return "\(how) after \(String(format: "%.2f", seconds)) s\nstdout: \(stdout.suffix(2_000))\nstderr: \(stderr.suffix(4_000))"
    }
}

final class Child: @unchecked Sendable {
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("twitch-stats")
    }

    /// The environment every child gets: no backtracer (a trap should end the child at once, not
    /// after seconds of symbolication), nothing inherited that could change its behaviour.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ["SWIFT_BACKTRACE": "enable=no", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"] { env["TMPDIR"] = tmp }
        env.merge(extra) { $1 }
        return env
    }

    private let process = Process()
    private let outURL: URL
    private let errURL: URL
    private let started: UInt64

    /// Starts `twitch-stats ARGUMENTS`; its output goes to files in `folder` (a pipe left unread
    /// would block a talkative child).
    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the twitch-stats product first")
        let tag = UUID().uuidString.prefix(8)
        outURL = folder.appendingPathComponent("child-\(tag).out")
        errURL = folder.appendingPathComponent("child-\(tag).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = Self.environment(environment)
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        started = DispatchTime.now().uptimeNanoseconds
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the child without holding a thread of the test pool; kills it after `limit`.
    func wait(limit: Duration) async -> ChildRun {
        let deadline = ContinuousClock.now + limit
        var timedOut = false
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                timedOut = true
                kill9()
                break
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return ChildRun(
            exitStatus: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, stdout: out, stderr: err, seconds: seconds)
    }

    /// Runs `twitch-stats ARGUMENTS` to its end (or its time limit).
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                    limit: Duration = .seconds(120)) async throws -> ChildRun {
        try await Child(arguments, in: folder, environment: environment).wait(limit: limit)
    }

    /// Runs it and sends SIGKILL after `delay` (real time), unless it ended before.
    static func runKilled(after delay: Duration, _ arguments: [String], in folder: URL,
                          environment: [String: String] = [:]) async throws -> ChildRun {
        let child = try Child(arguments, in: folder, environment: environment)
        try? await Task.sleep(for: delay)
        child.kill9()
        return await child.wait(limit: .seconds(60))
    }
}
