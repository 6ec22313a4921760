import ArgumentParser
import Foundation
import Model
import Pipeline
import PostgresStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline against a simulated Twitch and build the site.",
        discussion: """
            Starts the simulator on a free loopback port, runs the real collector against it over HTTP \
            for the simulated days (a crawl every 5 simulated minutes), builds the site into the output \
            folder and tells you what to open. No Twitch keys needed; nothing leaves this machine. \
            The demo's database is kept beside the output folder (.twitch-stats-demo.sqlite).

            With --collectors N, N collectors take turns landing crawls in a PostgreSQL store (a \
            throw-away cluster the demo starts and stops, or --store) and the build pulls them from it: \
            the scale-out set-up on one machine.

            Example: twitch-stats demo --out site --days 7 --streams 2000
            Scale-out: twitch-stats demo --out site --days 2 --collectors 3
            """
    )

    @OptionGroup var site: SiteFolderOption

    @Option(help: "Simulated days to collect.")
    var days: Int = 7

    @Option(help: "Live streams at the simulated daily peak.")
    var streams: Int = 2_000

    @Option(help: "Seed of the simulated world (same seed, same world).")
    var seed: UInt64 = 1

    @Option(help: "Run this many collectors taking turns into a shared PostgreSQL store, and build from it (default: two collectors into SQLite).")
    var collectors: Int?

    @Option(help: "With --collectors: an empty PostgreSQL database to use (postgres://USER@HOST:PORT/DB) instead of a throw-away cluster the demo starts.")
    var store: String?

    func validate() throws {
        guard (1...60).contains(days) else { throw ValidationError("--days must be between 1 and 60.") }
        if let collectors, !(1...8).contains(collectors) { throw ValidationError("--collectors must be between 1 and 8.") }
        if store != nil && collectors == nil { throw ValidationError("--store needs --collectors.") }
        if let store { _ = try PostgresLocation(url: store) }
        guard (10...200_000).contains(streams) else { throw ValidationError("--streams must be between 10 and 200,000.") }
    }

    func run() async throws {
        LogFormat.text.bootstrap(level: .notice)
        let output = URL(fileURLWithPath: site.out)
        let status = StatusLine.forTerminal(minimumInterval: 0)
        let report = try await DemoJob.run(DemoOptions(
            output: output, days: days, streams: streams, seed: seed, collectors: collectors,
            store: try store.map { try PostgresLocation(url: $0) })) { line in
            status?.update(line)
        }
        status?.finish()
        print("collected \(report.crawls) simulated crawls (\(report.failedCrawls) failed) over \(days) days; "
            + "\(report.build.reportedDays.count) days reported; \(String(format: "%.1f", report.seconds)) s "
            + "(collecting \(String(format: "%.1f", report.collectSeconds)) s, building "
            + "\(String(format: "%.1f", report.seconds - report.collectSeconds)) s: "
            + report.build.stepSeconds.map { "\($0.step) \(String(format: "%.1f", $0.seconds))" }.joined(separator: ", ") + ")")
        print("open \(output.appendingPathComponent("index.html").path)")
    }
}
