import Foundation
import GRDB

/// Migration `v5-crawl-share-blobs`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV5CrawlShareBlobs {
    static func migrate(_ db: Database) throws {
        // A crawl's shares by game and by language, one blob each (see packTables) instead
        // of a row per game: thousands of games are live in each crawl of full Twitch.
        try db.execute(sql: """
            CREATE TABLE crawl_share (
                crawl_time INTEGER PRIMARY KEY,
                games BLOB NOT NULL,
                languages BLOB NOT NULL
            );
            """)
        try packTables(db)
        try db.execute(sql: "DROP TABLE crawl_game; DROP TABLE crawl_language;")
    }

    /// Packs the rows of `crawl_game` and `crawl_language` into `crawl_share`, one row per crawl
    /// time, a crawl at a time in key order (a year of full Twitch is hundreds of millions of
    /// rows). A crawl with shares in only one of the tables gets an empty blob for the other.
    private static func packTables(_ db: Database) throws {
        for (table, key, packed, other) in [
            ("crawl_game", "game_id", "games", "languages"), ("crawl_language", "language", "languages", "games"),
        ] {
            let save = try db.makeStatement(sql: """
                INSERT INTO crawl_share(crawl_time, \(packed), \(other)) VALUES (?, ?, X'')
                ON CONFLICT(crawl_time) DO UPDATE SET \(packed) = excluded.\(packed)
                """)
            var time: Int64?
            var bytes: [UInt8] = []
            func flush() throws {
                guard let time else { return }
                try save.execute(arguments: [time, Data(bytes)])
                bytes.removeAll(keepingCapacity: true)
            }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT crawl_time, \(key), viewers, channels FROM \(table) ORDER BY crawl_time")
            while let row = try rows.next() {
                let t: Int64 = row[0]
                if t != time {
                    try flush()
                    time = t
                }
                packShare(key: row[1], viewers: row[2], channels: row[3], into: &bytes)
            }
            try flush()
        }
    }

    /// One share as `crawl_share` holds it: the key's UTF-8 length and bytes, then viewers and
    /// channels, as LEB128 varints (signed values zigzagged).
    private static func packShare(key: String, viewers: Int64, channels: Int64, into bytes: inout [UInt8]) {
        putVarint(UInt64(key.utf8.count), &bytes)
        bytes.append(contentsOf: key.utf8)
        putVarint(zigzag(viewers), &bytes)
        putVarint(zigzag(channels), &bytes)
    }

    private static func putVarint(_ value: UInt64, _ bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
}
