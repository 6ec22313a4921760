import GRDB

/// Migration `v12-mail-sent`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV12MailSent {
    static func migrate(_ db: Database) throws {
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
}
