import Foundation
import GRDB
import Model

/// Crawl outcomes a collector keeps in its local SQLite file while the shared PostgreSQL store is
/// out of reach, oldest first, until they are uploaded.
extension Store {
    public func spool(_ crawl: PackedCrawl) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO spooled_crawl
                        (collector, time, client_label, status, pages, streams, left_out, duration_ms, retries, reason, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    crawl.collector, crawl.time, crawl.clientLabel, crawl.status.rawValue, crawl.pages, crawl.streams,
                    crawl.leftOut, crawl.durationMs, crawl.retries, crawl.reason, Data(crawl.data),
                ])
        }
    }

    /// How many outcomes wait in the spool.
    public func spooledCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM spooled_crawl") ?? 0 }
    }

    /// The oldest spooled outcome and its spool id, or nil when the spool is empty.
    public func oldestSpooled() throws -> (id: Int64, crawl: PackedCrawl)? {
        try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, collector, time, client_label, status, pages, streams, left_out, duration_ms, retries, reason, data
                    FROM spooled_crawl ORDER BY time, id LIMIT 1
                    """)
            else { return nil }
            let data: Data = row[11]
            return (row[0], PackedCrawl(
                time: row[2], collector: row[1], clientLabel: row[3],
                status: PackedCrawl.Status(rawValue: row[4]) ?? .failed, pages: row[5], streams: row[6], leftOut: row[7],
                durationMs: row[8], retries: row[9], reason: row[10], data: [UInt8](data)))
        }
    }

    public func removeSpooled(_ id: Int64) throws {
        try write { db in try db.execute(sql: "DELETE FROM spooled_crawl WHERE id = ?", arguments: [id]) }
    }
}
