import GRDB

/// Migration `v8-crawl-left-out`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV8CrawlLeftOut {
    static func migrate(_ db: Database) throws {
        // Streams the collector left out of a crawl because they broke a plausibility rule
        // (METRICS.md §1): the crawl is stored without them, and says how many there were.
        try db.execute(sql: "ALTER TABLE crawl ADD COLUMN left_out INTEGER NOT NULL DEFAULT 0")
    }
}
