import GRDB

/// Migration `v11-pulled-crawls`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV11PulledCrawls {
    static func migrate(_ db: Database) throws {
        // Crawls a build pulled from a shared PostgreSQL store (see PulledCrawls), and crawl
        // outcomes a collector keeps while that store is out of reach (see SpooledCrawls).
        try db.execute(sql: """
            CREATE TABLE pulled_crawl (
                collector TEXT NOT NULL,
                time INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                PRIMARY KEY (collector, time)
            ) WITHOUT ROWID;
            CREATE TABLE spooled_crawl (
                id INTEGER PRIMARY KEY,
                collector TEXT NOT NULL,
                time INTEGER NOT NULL,
                client_label TEXT NOT NULL,
                status TEXT NOT NULL,
                pages INTEGER NOT NULL,
                streams INTEGER NOT NULL,
                left_out INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL,
                retries INTEGER NOT NULL,
                reason TEXT,
                data BLOB NOT NULL,
                UNIQUE (collector, time)
            );
            """)
    }
}
