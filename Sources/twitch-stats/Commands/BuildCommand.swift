import ArgumentParser
import Foundation
import Logging
import Model
import Pipeline
import PostgresStore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Consolidate new observations and write the static site and extracts.",
        discussion: """
            Consolidation is incremental: only new crawls are processed and only days whose numbers \
            changed are rewritten. The site is assembled beside the output folder and swapped in whole; \
            a build with nothing new changes no file.

            With --source, the crawls several collectors landed in a shared PostgreSQL store are first \
            copied into the local database (only those not pulled before), then built as usual.

            Example: twitch-stats build --db twitch.sqlite --out site --timezone America/New_York \\
                       --base-url https://stats.example.org/
            """
    )

    @Option(help: "The SQLite database file.")
    var db: String

    @OptionGroup var site: SiteFolderOption

    @Option(help: "The report time zone, an IANA name. Recorded by the first build.")
    var timezone: String = "UTC"

    @Option(help: "The absolute URL the site is served from; used for links in the email digest.")
    var baseURL: String?

    @Option(help: "Keep raw observations this many days (before the newest crawl) once consolidated.")
    var keepRaw: Int = 7

    @Option(help: "A folder of Mustache templates overriding the built-in ones.")
    var templates: String?

    @Option(help: "Write a page for each of the top N channels by hours watched.")
    var channelPages: Int = 1000

    @Option(help: "A shared PostgreSQL store (postgres://USER@HOST:PORT/DB?sslmode=…) to pull new crawls from first. The password comes from PGPASSWORD, ~/.pgpass or --source-password-file.")
    var source: String?

    @Option(help: "A file whose first line is the --source password (mode 600).")
    var sourcePasswordFile: String?

    @Option(help: "This builder's name in the shared store (default: the host name); the store prunes a crawl once every builder pulled it.")
    var builder: String?

    func validate() throws {
        if ReportCalendar(identifier: timezone) == nil {
            throw ValidationError("Unknown time zone '\(timezone)'. Use an IANA name such as UTC or Europe/Berlin.")
        }
        if keepRaw < 0 { throw ValidationError("--keep-raw must be 0 or more days.") }
        if channelPages < 0 { throw ValidationError("--channel-pages must be 0 or more.") }
        if let source { _ = try PostgresLocation(url: source) }
        try BaseURLOption.validate(baseURL)
    }

    func run() throws {
        let pull = try source.map {
            PullOptions(location: try PostgresLocation(url: $0, passwordFile: sourcePasswordFile),
                        builder: builder ?? SharedStoreOptions.hostName())
        }
        let options = BuildOptions(
            databasePath: db, output: URL(fileURLWithPath: site.out), timeZone: timezone, baseURL: baseURL,
            keepRawDays: keepRaw, templates: templates.map { URL(fileURLWithPath: $0) }, channelPages: channelPages,
            source: pull)
        let report = try BuildJob.run(options, progress: .forTerminal())
        let c = report.consolidation
        var line = ""
        if let p = report.pull {
            line += "pulled \(p.stored) crawls (\(p.failed) failed, \(p.refused) refused as too late); "
        }
        line += "consolidated \(c.crawls) crawls (\(c.observations) observations)"
        if c.recomputed { line += ", recomputed from raw" }
        line += "; \(report.reportedDays.count) days reported, \(report.writtenDays.count) rewritten"
        line += report.published ? "; published \(site.out) (\(report.changedFiles) files changed)" : "; \(site.out) unchanged"
        print(line)
    }
}
