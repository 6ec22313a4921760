import GRDB
import Model

/// Small named values that belong to the database as a whole.
public enum MetaKey: String, Sendable {
    /// The report time zone the consolidated tables were computed in.
    case timeZone = "time_zone"
    /// Crawl time of the newest consolidated crawl.
    case consolidatedThrough = "consolidated_through"
    /// Crawl time of the newest crawl a running consolidation pass took on. The pass commits in
    /// chunks, so data written meanwhile at or before this time counts as late, as it would once
    /// the pass is done. Left behind by a pass that failed, until the next pass replaces it.
    case consolidatingThrough = "consolidating_through"
    /// Raw observations of crawls before this time were pruned.
    case prunedBefore = "pruned_before"
    /// Set when late data arrived while every raw observation was still kept.
    case recomputeNeeded = "recompute_needed"
    /// Set by a recompute until a build has published a site written from scratch.
    case fullRewritePending = "full_rewrite_pending"
}

extension Store {
    public func meta(_ key: MetaKey) throws -> String? {
        try read { db in try Self.meta(db, key) }
    }

    public func setMeta(_ key: MetaKey, _ value: String?) throws {
        try write { db in try Self.setMeta(db, key, value) }
    }

    static func meta(_ db: Database, _ key: MetaKey) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key.rawValue])
    }

    static func setMeta(_ db: Database, _ key: MetaKey, _ value: String?) throws {
        if let value {
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key.rawValue, value])
        } else {
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key.rawValue])
        }
    }

    static func metaMillis(_ db: Database, _ key: MetaKey) throws -> Millis? {
        try meta(db, key).flatMap { Millis($0) }
    }
}
