import GRDB

/// Migration `v10-dashboards`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV10Dashboards {
    static func migrate(_ db: Database) throws {
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
}
