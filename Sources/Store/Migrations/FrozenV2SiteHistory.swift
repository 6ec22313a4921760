import GRDB

/// Migration `v2-site-history`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV2SiteHistory {
    static func migrate(_ db: Database) throws {
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
}
