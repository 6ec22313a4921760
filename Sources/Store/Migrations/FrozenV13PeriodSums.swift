import GRDB

/// Migration `v13-period-sums`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV13PeriodSums {
    static func migrate(_ db: Database) throws {
        // Each reported day's and month's period sums (see PeriodSumsStore): a year or a window
        // merges a dozen of them instead of reading every day part of the year. Existing
        // databases sum their days on the first build that needs them.
        try db.execute(sql: """
            CREATE TABLE period_sums (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                days TEXT NOT NULL,
                data BLOB NOT NULL
            );
            """)
    }
}
