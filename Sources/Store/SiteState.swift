import GRDB

/// Small values the site build keeps between builds (`site_state`): what the published pages were
/// rendered with (their settings, their base URL), for the next build and for `mail` to compare with.
extension Store {
    /// A value the site build recorded under `key`.
    public func siteState(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM site_state WHERE key = ?", arguments: [key]) }
    }

    public func setSiteState(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO site_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value])
        }
    }
}
