import ArgumentParser
import Foundation
import Logging
import Model
import Pipeline

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Consolidate new observations and write the static site and extracts.",
        discussion: """
            Consolidation is incremental: only new crawls are processed and only days whose numbers
            changed are rewritten. The site is assembled beside the output folder and swapped in whole;
            a build with nothing new changes no file.

            Example: twitch-stats build --db twitch.sqlite --out site --timezone America/New_York \\
                       --base-url https://stats.example.org/
            """
    )

    @Option(help: "The SQLite database file.")
    var db: String

    @Option(help: "The output folder.")
    var out: String = "site"

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

    func validate() throws {
        if ReportCalendar(identifier: timezone) == nil {
            throw ValidationError("Unknown time zone '\(timezone)'. Use an IANA name such as UTC or Europe/Berlin.")
        }
        if keepRaw < 0 { throw ValidationError("--keep-raw must be 0 or more days.") }
        if channelPages < 0 { throw ValidationError("--channel-pages must be 0 or more.") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must be an absolute http(s) URL.")
        }
    }

    func run() throws {
        let options = BuildOptions(
            databasePath: db, output: URL(fileURLWithPath: out), timeZone: timezone, baseURL: baseURL,
            keepRawDays: keepRaw, templates: templates.map { URL(fileURLWithPath: $0) }, channelPages: channelPages)
        let report = try BuildJob.run(options, progress: .forTerminal())
        let c = report.consolidation
        var line = "consolidated \(c.crawls) crawls (\(c.observations) observations)"
        if c.recomputed { line += ", recomputed from raw" }
        line += "; \(report.reportedDays.count) days reported, \(report.writtenDays.count) rewritten"
        line += report.published ? "; published \(out) (\(report.changedFiles) files changed)" : "; \(out) unchanged"
        print(line)
    }
}
