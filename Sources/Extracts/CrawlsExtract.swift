import Metrics
import Model

/// `data/D/crawls.csv`: every crawl of a day, complete or failed, with the time since the
/// complete crawl before and whether that was a gap (see `DayCoverage`).
public enum CrawlsExtract {
    public static let name = "crawls"

    public static func table() -> ExtractTable<DayCoverage.Crawl> {
        ExtractTable(
            name: name,
            columns: ["crawl_time", "status", "pages", "streams", "left_out", "duration_s", "reason",
                      "since_previous_s", "after_gap"]
        ) { c, w in
            w.time(c.row.time); w.text(c.row.complete ? "complete" : "failed"); w.integer(c.row.pages)
            w.integer(c.row.streams); w.integer(c.row.leftOut); w.decimal(Double(c.row.durationMs) / 1000)
            w.text(c.row.reason)
            if let since = c.sincePreviousMs { w.decimal(Double(since) / 1000) } else { w.text("") }
            w.text(c.afterGap ? "true" : "false")
        }
    }

    public static func file(_ coverage: DayCoverage) -> ExtractFile {
        let table = table()
        return ExtractFile(path: "data/\(CivilDate(dayNumber: coverage.day).iso)/\(name).csv", format: .csv) {
            try table.write(coverage.crawls, as: .csv, to: $0)
        }
    }
}
