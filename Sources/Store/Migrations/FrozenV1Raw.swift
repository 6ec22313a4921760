import GRDB

/// Migration `v1-raw`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV1Raw {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

            -- One row per complete crawl. Totals are filled in by consolidation.
            CREATE TABLE crawl (
                id INTEGER PRIMARY KEY,
                time INTEGER NOT NULL UNIQUE,
                source TEXT NOT NULL,
                pages INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL DEFAULT 0,
                retries INTEGER NOT NULL DEFAULT 0,
                consolidated INTEGER NOT NULL DEFAULT 0,
                raw_pruned INTEGER NOT NULL DEFAULT 0,
                streams INTEGER,
                viewers INTEGER,
                channels INTEGER
            );

            -- Crawls the collector could not finish: kept for the record, never counted.
            CREATE TABLE crawl_failure (
                id INTEGER PRIMARY KEY,
                time INTEGER NOT NULL,
                pages INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL,
                reason TEXT NOT NULL
            );

            -- A broadcast. Its state columns carry consolidation over from one build to the next.
            CREATE TABLE stream (
                id INTEGER PRIMARY KEY,
                stream_id TEXT NOT NULL UNIQUE,
                user_id TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                last_seen INTEGER,
                segments INTEGER NOT NULL DEFAULT 0,
                last_game_id TEXT
            );
            CREATE INDEX stream_user ON stream(user_id);

            -- What rarely changes within a stream, stored once and referenced by observations.
            CREATE TABLE facts (
                id INTEGER PRIMARY KEY,
                hash INTEGER NOT NULL,
                user_login TEXT NOT NULL,
                user_name TEXT NOT NULL,
                game_id TEXT NOT NULL,
                game_name TEXT NOT NULL,
                language TEXT NOT NULL,
                title TEXT NOT NULL,
                tags TEXT NOT NULL,
                is_mature INTEGER NOT NULL,
                type TEXT NOT NULL
            );
            CREATE INDEX facts_hash ON facts(hash);

            -- The kept observation of each stream in each crawl (the last sighting wins), packed
            -- into one blob per crawl (see ObservationBlob): observed_at = crawl time + offset.
            CREATE TABLE crawl_observations (
                crawl INTEGER PRIMARY KEY,
                count INTEGER NOT NULL,
                data BLOB NOT NULL
            );
            """)
    }
}
