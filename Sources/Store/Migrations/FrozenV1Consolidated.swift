import GRDB

/// Migration `v1-consolidated`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV1Consolidated {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- Seconds and viewer-seconds (in ms) of a stream's interval parts inside one day,
            -- split by the game and language it was counted with; latest_* is the latest
            -- observation whose interval has a positive part here (names come from it).
            CREATE TABLE day_part (
                day INTEGER NOT NULL,
                stream INTEGER NOT NULL,
                game_id TEXT NOT NULL,
                language TEXT NOT NULL,
                user_id TEXT NOT NULL,
                seconds_ms INTEGER NOT NULL,
                watch_ms INTEGER NOT NULL,
                latest_at INTEGER NOT NULL,
                latest_facts INTEGER NOT NULL,
                PRIMARY KEY (day, stream, game_id, language)
            ) WITHOUT ROWID;

            -- Highest viewer count of a stream over the crawls whose crawl time is in the day.
            CREATE TABLE day_stream_peak (
                day INTEGER NOT NULL,
                stream INTEGER NOT NULL,
                user_id TEXT NOT NULL,
                peak INTEGER NOT NULL,
                PRIMARY KEY (day, stream)
            ) WITHOUT ROWID;

            -- Concurrent viewers and channels per crawl, by game and by language.
            CREATE TABLE crawl_game (
                crawl_time INTEGER NOT NULL,
                game_id TEXT NOT NULL,
                viewers INTEGER NOT NULL,
                channels INTEGER NOT NULL,
                PRIMARY KEY (crawl_time, game_id)
            ) WITHOUT ROWID;
            CREATE TABLE crawl_language (
                crawl_time INTEGER NOT NULL,
                language TEXT NOT NULL,
                viewers INTEGER NOT NULL,
                channels INTEGER NOT NULL,
                PRIMARY KEY (crawl_time, language)
            ) WITHOUT ROWID;

            -- Maximal runs of a stream's observations with one game (METRICS.md §5).
            CREATE TABLE segment (
                stream INTEGER NOT NULL,
                segment INTEGER NOT NULL,
                day INTEGER NOT NULL,
                game_id TEXT NOT NULL,
                facts INTEGER NOT NULL,
                first_seen INTEGER NOT NULL,
                last_seen INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL,
                watch_ms INTEGER NOT NULL,
                peak INTEGER NOT NULL,
                PRIMARY KEY (stream, segment)
            ) WITHOUT ROWID;
            CREATE INDEX segment_day ON segment(day);

            -- Days whose numbers changed since the last published build.
            CREATE TABLE dirty_day (day INTEGER PRIMARY KEY) WITHOUT ROWID;
            """)
    }
}
