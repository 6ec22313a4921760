import Metrics
import Model

/// `data/D/crawls.csv`: every crawl of a day, complete or failed, with the time since the
/// complete crawl before and whether that was a gap (see `DayCoverage`).
public enum CrawlsExtract {
    public static let name = "crawls"

    public static func table() -> ExtractTable<DayCoverage.Crawl> {
        ExtractTable(name: name, columns: [
            .init("crawl_time") { c, w in w.time(c.row.time) },
            .init("status") { c, w in w.text(c.row.complete ? "complete" : "failed") },
            .init("pages") { c, w in w.integer(c.row.pages) },
            .init("streams") { c, w in w.integer(c.row.streams) },
            .init("left_out") { c, w in w.integer(c.row.leftOut) },
            .init("duration_s") { c, w in w.decimal(Double(c.row.durationMs) / 1000) },
            .init("reason") { c, w in w.text(c.row.reason) },
            // A failed crawl, or a complete one with none before it, has no time since: an empty cell.
            .init("since_previous_s") { c, w in
                if let since = c.sincePreviousMs { w.decimal(Double(since) / 1000) } else { w.text("") }
            },
            .init("after_gap") { c, w in w.text(c.afterGap ? "true" : "false") },
        ])
    }

    public static func file(_ coverage: DayCoverage) -> ExtractFile {
        let table = table()
        return ExtractFile(path: "data/\(CivilDate(dayNumber: coverage.day).iso)/\(name).csv", format: .csv) {
            try table.write(coverage.crawls, as: .csv, to: $0)
        }
    }
}
