import GRDB

/// The schema, as named migrations applied in order. Released migrations are never edited;
/// a change is a new migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-raw") { db in
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
        migrator.registerMigration("v1-consolidated") { db in
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
        migrator.registerMigration("v2-site-history") { db in
            try db.execute(sql: """
                -- A compact copy of each reported day's tables, written when the day is rewritten,
                -- so trends, rank history and rollups never recompute old days.
                CREATE TABLE history_day (
                    day INTEGER PRIMARY KEY,
                    length_s INTEGER NOT NULL,
                    crawls INTEGER NOT NULL,
                    watch_ms INTEGER NOT NULL,
                    seconds_ms INTEGER NOT NULL,
                    peak_viewers INTEGER NOT NULL,
                    peak_channels INTEGER NOT NULL,
                    channels INTEGER NOT NULL,
                    games INTEGER NOT NULL,
                    streams INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE history_game (
                    day INTEGER NOT NULL,
                    game_id TEXT NOT NULL,
                    game_name TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    watch_ms INTEGER NOT NULL,
                    seconds_ms INTEGER NOT NULL,
                    peak_viewers INTEGER NOT NULL,
                    peak_channels INTEGER NOT NULL,
                    streamers INTEGER NOT NULL,
                    PRIMARY KEY (day, game_id)
                ) WITHOUT ROWID;
                CREATE TABLE history_channel (
                    day INTEGER NOT NULL,
                    user_id TEXT NOT NULL,
                    user_login TEXT NOT NULL,
                    user_name TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    watch_ms INTEGER NOT NULL,
                    seconds_ms INTEGER NOT NULL,
                    peak_viewers INTEGER NOT NULL,
                    streams INTEGER NOT NULL,
                    main_game_id TEXT NOT NULL,
                    main_game_name TEXT NOT NULL,
                    language TEXT NOT NULL,
                    PRIMARY KEY (day, user_id)
                ) WITHOUT ROWID;
                CREATE INDEX history_channel_user ON history_channel(user_id, day);
                -- Small values the site build keeps between builds (the settings its pages were rendered with).
                CREATE TABLE site_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE history_language (
                    day INTEGER NOT NULL,
                    language TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    watch_ms INTEGER NOT NULL,
                    seconds_ms INTEGER NOT NULL,
                    peak_viewers INTEGER NOT NULL,
                    peak_channels INTEGER NOT NULL,
                    channels INTEGER NOT NULL,
                    PRIMARY KEY (day, language)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-stream-state-in-segments") { db in
            // A stream's newest segment carries its consolidation state (when it was last seen, how
            // many segments, its last game): the copies in its own row were written for nothing.
            try db.execute(sql: """
                ALTER TABLE stream DROP COLUMN last_seen;
                ALTER TABLE stream DROP COLUMN segments;
                ALTER TABLE stream DROP COLUMN last_game_id;
                """)
        }
        migrator.registerMigration("v4-history-channel-rank") { db in
            // Rankings over a window read each day's channels in rank order (see TopChannels) and
            // look channels up day by day. The index by user went: every recorded day added a row
            // to nearly every one of its pages, seconds of writing a day once the history held a month.
            try db.execute(sql: """
                CREATE INDEX history_channel_rank ON history_channel(day, rank);
                DROP INDEX history_channel_user;
                """)
        }
        migrator.registerMigration("v5-crawl-share-blobs") { db in
            // A crawl's shares by game and by language, one blob each (see CrawlShareBlob) instead
            // of a row per game: thousands of games are live in each crawl of full Twitch.
            try db.execute(sql: """
                CREATE TABLE crawl_share (
                    crawl_time INTEGER PRIMARY KEY,
                    games BLOB NOT NULL,
                    languages BLOB NOT NULL
                );
                """)
            try CrawlShareBlob.convertTables(db)
            try db.execute(sql: "DROP TABLE crawl_game; DROP TABLE crawl_language;")
        }
        migrator.registerMigration("v6-day-segment-streams") { db in
            // A day's segments are found through the streams that have some (see DaySegmentStreams)
            // instead of an index by day.
            try db.execute(sql: """
                CREATE TABLE day_segment_streams (
                    day INTEGER PRIMARY KEY,
                    segments INTEGER NOT NULL,
                    streams BLOB NOT NULL
                );
                """)
            try DaySegmentStreams.fillFromSegments(db)
            try db.execute(sql: "DROP INDEX segment_day")
        }
        migrator.registerMigration("v7-day-channel-peaks") { db in
            // Peaks by channel, one blob per day (see DayChannelPeaks), instead of a row per stream.
            try db.execute(sql: """
                CREATE TABLE day_channel_peaks (
                    day INTEGER PRIMARY KEY,
                    peaks BLOB NOT NULL
                );
                """)
            try DayChannelPeaks.fillFromStreamPeaks(db)
            try db.execute(sql: "DROP TABLE day_stream_peak")
        }
        migrator.registerMigration("v8-crawl-left-out") { db in
            // Streams the collector left out of a crawl because they broke a plausibility rule
            // (METRICS.md §1): the crawl is stored without them, and says how many there were.
            try db.execute(sql: "ALTER TABLE crawl ADD COLUMN left_out INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v9-periods") { db in
            // Each game's and channel's row in each month, year and 7-, 30- and 90-day window, with
            // the period before: the game and channel pages' monthly history and their "this
            // period against the one before". Written when the period's extracts are; channels only
            // near the top of each period (see PeriodRecorder).
            try db.execute(sql: """
                CREATE TABLE period_game (
                    game_id TEXT NOT NULL,
                    period TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    previous_rank INTEGER,
                    watch_ms INTEGER NOT NULL,
                    seconds_ms INTEGER NOT NULL,
                    peak_viewers INTEGER NOT NULL,
                    length_s INTEGER NOT NULL,
                    previous_watch_ms INTEGER,
                    previous_seconds_ms INTEGER,
                    previous_length_s INTEGER NOT NULL,
                    PRIMARY KEY (game_id, period)
                ) WITHOUT ROWID;
                CREATE INDEX period_game_period ON period_game(period);
                CREATE TABLE period_channel (
                    user_id TEXT NOT NULL,
                    period TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    previous_rank INTEGER,
                    watch_ms INTEGER NOT NULL,
                    seconds_ms INTEGER NOT NULL,
                    peak_viewers INTEGER NOT NULL,
                    length_s INTEGER NOT NULL,
                    previous_watch_ms INTEGER,
                    previous_seconds_ms INTEGER,
                    previous_length_s INTEGER NOT NULL,
                    PRIMARY KEY (user_id, period)
                ) WITHOUT ROWID;
                CREATE INDEX period_channel_period ON period_channel(period);
                """)
        }
        migrator.registerMigration("v10-dashboards") { db in
            // The pages of each language: its games per day (see LanguageHistory), and its channels
            // read in rank order by TopChannels. Index entries of one day are appended together,
            // as for history_channel_rank. The days of the longest window are marked changed so that
            // the next build records their games by language.
            try db.execute(sql: """
                CREATE TABLE history_language_game (
                    day INTEGER NOT NULL,
                    language TEXT NOT NULL,
                    game_id TEXT NOT NULL,
                    game_name TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    watch_ms INTEGER NOT NULL,
                    seconds_ms INTEGER NOT NULL,
                    channels INTEGER NOT NULL,
                    PRIMARY KEY (day, language, game_id)
                ) WITHOUT ROWID;
                CREATE INDEX history_channel_language ON history_channel(day, language, rank);
                -- Every stream's hours watched on a day, most first (see StreamWatchBlob): a stream
                -- page's rank among the day's streams.
                CREATE TABLE history_stream_watch (
                    day INTEGER PRIMARY KEY,
                    streams BLOB NOT NULL
                );
                INSERT OR IGNORE INTO dirty_day(day)
                    SELECT day FROM history_day WHERE day > (SELECT MAX(day) FROM history_day) - 31;
                """)
        }
        migrator.registerMigration("v11-pulled-crawls") { db in
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
        migrator.registerMigration("v12-mail-sent") { db in
            // Who was sent which day's digest (see SentMail): a retry of `mail` skips them.
            try db.execute(sql: """
                CREATE TABLE mail_sent (
                    day INTEGER NOT NULL,
                    recipient TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    sent_at INTEGER NOT NULL,
                    PRIMARY KEY (day, recipient)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v13-period-sums") { db in
            // Each reported day's and month's period sums (see PeriodSumsStore): a year or a
            // window merges a dozen of them instead of reading every day part of the year.
            try db.execute(sql: """
                CREATE TABLE period_sums (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    days TEXT NOT NULL,
                    data BLOB NOT NULL
                );
                """)
        }
        return migrator
    }
}
