import GRDB
import Model

/// A crawl row as a writer sees it.
struct CrawlRef {
    var id: Int64
    var time: Millis
    var consolidated: Bool
    var pruned: Bool
    /// Whether the database already holds observations of this crawl.
    var stored: Bool
}

/// The crawl rows one write touches, by time: found, or created (and reported to the late-data
/// rule) on first use.
final class CrawlRows {
    private let db: Database
    private let lateData: LateDataRule
    private var byTime: [Millis: CrawlRef] = [:]
    /// The crawl of the previous row: rows come grouped by crawl.
    private var last: CrawlRef?
    /// Crawl rows this write created.
    private(set) var created = 0

    init(_ db: Database, lateData: LateDataRule) {
        self.db = db
        self.lateData = lateData
    }

    var times: Dictionary<Millis, CrawlRef>.Keys { byTime.keys }

    /// The crawls touched so far, by row id.
    func byID() -> [Int64: CrawlRef] {
        Dictionary(byTime.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func ref(_ time: Millis, source: String) throws -> CrawlRef {
        if let last, last.time == time { return last }
        let ref = try byTime[time] ?? crawl(at: time, source: source)
        last = ref
        return ref
    }

    /// Records that the crawl's observations are now in the database.
    func markStored(_ crawl: CrawlRef) {
        var crawl = crawl
        crawl.stored = true
        byTime[crawl.time] = crawl
        last = nil
    }

    /// Creates a crawl row for a collector crawl, or updates the one at its time.
    func beginCollected(time: Millis, pages: Int, durationMs: Int64, retries: Int, leftOut: Int) throws {
        let ref = try crawl(at: time, source: "collect")
        try db.execute(
            sql: "UPDATE crawl SET pages = ?, duration_ms = ?, retries = ?, left_out = ? WHERE id = ?",
            arguments: [pages, durationMs, retries, leftOut, ref.id])
    }

    private func crawl(at time: Millis, source: String) throws -> CrawlRef {
        let ref: CrawlRef
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT id, consolidated, raw_pruned, EXISTS(SELECT 1 FROM crawl_observations o WHERE o.crawl = crawl.id)
                FROM crawl WHERE time = ?
                """,
            arguments: [time])
        {
            ref = CrawlRef(id: row[0], time: time, consolidated: row[1] != 0, pruned: row[2] != 0, stored: row[3] != 0)
        } else {
            try db.execute(sql: "INSERT INTO crawl(time, source, pages) VALUES (?, ?, 0)", arguments: [time, source])
            ref = CrawlRef(id: db.lastInsertedRowID, time: time, consolidated: false, pruned: false, stored: false)
            created += 1
            lateData.noteNewCrawl(at: time)
        }
        byTime[time] = ref
        return ref
    }
}

extension Store {
    /// Records a collector crawl that could not finish; it is never counted.
    public static func recordFailedCrawl(_ db: Database, time: Millis, pages: Int, durationMs: Int64, reason: String) throws {
        try db.execute(
            sql: "INSERT INTO crawl_failure(time, pages, duration_ms, reason) VALUES (?, ?, ?, ?)",
            arguments: [time, pages, durationMs, reason])
    }
}
