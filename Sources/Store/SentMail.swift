import GRDB
import Model

/// The digests `mail` has sent: one row per day and recipient, written as soon as the server took
/// that recipient's message, so that a retry after a failure sends only to the others.
extension Store {
    /// The recipients already sent the digest of `day`, as recorded (lowercased addresses).
    public func mailRecipients(day: Int) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT recipient FROM mail_sent WHERE day = ?", arguments: [day]))
        }
    }

    /// Records that `recipient` was sent the digest of `day` (replacing an earlier record on `--force`).
    public func recordMailSent(day: Int, recipient: String, messageID: String, sentAt: Millis) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO mail_sent(day, recipient, message_id, sent_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(day, recipient) DO UPDATE SET message_id = excluded.message_id, sent_at = excluded.sent_at
                    """,
                arguments: [day, recipient.lowercased(), messageID, sentAt])
        }
    }
}
