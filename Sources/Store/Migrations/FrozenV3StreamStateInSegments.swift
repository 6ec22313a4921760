import GRDB

/// Migration `v3-stream-state-in-segments`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV3StreamStateInSegments {
    static func migrate(_ db: Database) throws {
        // A stream's newest segment carries its consolidation state (when it was last seen, how
        // many segments, its last game): the copies in its own row were written for nothing.
        try db.execute(sql: """
            ALTER TABLE stream DROP COLUMN last_seen;
            ALTER TABLE stream DROP COLUMN segments;
            ALTER TABLE stream DROP COLUMN last_game_id;
            """)
    }
}
