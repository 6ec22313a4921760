import ArgumentParser
import Foundation
import Model
import Pipeline
import Store

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load raw snapshots (NDJSON or CSV, optionally gzipped) into the database.",
        discussion: """
            NDJSON: one Get Streams object per line with `last_updated` or `observed_at`.
            CSV: a header row with the old pipeline's columns (id, user_id, user_login, user_name, \
            game_id, game_name, type, title, tags, viewer_count, started_at, language, thumbnail_url, \
            tag_ids, is_mature, last_updated). Rows sharing a `last_updated` form one crawl.

            The whole import is one transaction: a bad row stops it with FILE:LINE: FIELD: reason and \
            nothing is written, unless --skip-invalid is given. Importing the same file twice adds nothing. \
            A row no real crawl produces is a bad row: a last_updated before 2011-06-01 or more than \
            10 minutes past this machine's clock, a started_at more than 7 days before it or 10 minutes \
            after it, a viewer_count outside 0-50,000,000. A line or CSV record over 1 MiB and a \
            truncated .gz file stop the import even with --skip-invalid.

            Example: twitch-stats import --db twitch.sqlite streams-2026-03-07.csv.gz more.ndjson
            """
    )

    @Option(help: "The SQLite database file (created if missing).")
    var db: String

    @Flag(help: "Skip invalid rows (and report how many) instead of stopping at the first.")
    var skipInvalid = false

    @Argument(help: "Files to import; `-` reads standard input. `.gz` files are read directly.")
    var files: [String]

    func run() throws {
        let store = try Store(path: db)
        let report = try ImportJob.run(store: store, paths: files, skipInvalid: skipInvalid, progress: .forTerminal())
        var line = "imported \(report.rows) rows from \(report.files) file(s): \(report.writer.written) observations written"
        if report.writer.newCrawls > 0 { line += ", \(report.writer.newCrawls) new crawls" }
        if report.writer.unchanged > 0 { line += ", \(report.writer.unchanged) already present" }
        if report.writer.skippedPruned > 0 {
            line += ", \(report.writer.skippedPruned) skipped (crawls already consolidated and pruned)"
        }
        if report.skippedInvalid > 0 { line += ", \(report.skippedInvalid) invalid rows skipped" }
        if report.writer.forcesRecompute { line += "; older than consolidated data: the next build recomputes everything" }
        print(line)
    }
}
