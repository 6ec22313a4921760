import GRDB

/// Migration `v9-periods`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV9Periods {
    static func migrate(_ db: Database) throws {
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
}
