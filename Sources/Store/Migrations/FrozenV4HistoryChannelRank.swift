import GRDB

/// Migration `v4-history-channel-rank`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV4HistoryChannelRank {
    static func migrate(_ db: Database) throws {
        // Rankings over a window read each day's channels in rank order (see TopChannels) and
        // look channels up day by day. The index by user went: every recorded day added a row
        // to nearly every one of its pages, seconds of writing a day once the history held a month.
        try db.execute(sql: """
            CREATE INDEX history_channel_rank ON history_channel(day, rank);
            DROP INDEX history_channel_user;
            """)
    }
}
