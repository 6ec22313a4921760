import ArgumentParser
import Foundation
import Pipeline

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline against a simulated Twitch and build the site.",
        discussion: """
            Starts the simulator on a free loopback port, runs the real collector against it over HTTP
            for the simulated days (a crawl every 5 simulated minutes), builds the site into the output
            folder and tells you what to open. No Twitch keys needed; nothing leaves this machine.
            The demo's database is kept beside the output folder (.twitch-stats-demo.sqlite).

            Example: twitch-stats demo --out site --days 7 --streams 2000
            """
    )

    @Option(help: "The output folder.")
    var out: String = "site"

    @Option(help: "Simulated days to collect.")
    var days: Int = 7

    @Option(help: "Live streams at the simulated daily peak.")
    var streams: Int = 2_000

    @Option(help: "Seed of the simulated world (same seed, same world).")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...60).contains(days) else { throw ValidationError("--days must be between 1 and 60.") }
        guard (10...200_000).contains(streams) else { throw ValidationError("--streams must be between 10 and 200,000.") }
    }

    func run() async throws {
        LogFormat.text.bootstrap(level: .notice)
        let output = URL(fileURLWithPath: out)
        let terminal = isatty(STDERR_FILENO) != 0
        let report = try await DemoJob.run(DemoOptions(output: output, days: days, streams: streams, seed: seed)) { line in
            if terminal { writeStandardError("\r\u{1B}[K" + line) }
        }
        if terminal { writeStandardError("\r\u{1B}[K") }
        print("collected \(report.crawls) simulated crawls (\(report.failedCrawls) failed) over \(days) days; "
            + "\(report.build.reportedDays.count) days reported; \(String(format: "%.1f", report.seconds)) s "
            + "(collecting \(String(format: "%.1f", report.collectSeconds)) s, building "
            + "\(String(format: "%.1f", report.seconds - report.collectSeconds)) s: "
            + report.build.stepSeconds.map { "\($0.step) \(String(format: "%.1f", $0.seconds))" }.joined(separator: ", ") + ")")
        print("open \(output.appendingPathComponent("index.html").path)")
    }
}
