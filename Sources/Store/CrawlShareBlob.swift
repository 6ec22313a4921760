import GRDB

/// One crawl's concurrent viewers and channels by game (or by language) packed into a blob: for
/// each key, its length and UTF-8 bytes, then viewers and channels, as LEB128
/// varints. Full Twitch has thousands of games live in every crawl: as table rows they were a
/// million inserts a day, the largest share of consolidation's writing after segments.
enum CrawlShareBlob {
    static func encode(_ shares: [CrawlShare]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(shares.count * 12)
        for share in shares {
            LEB128.putText(share.key, &out)
            LEB128.put(LEB128.zigzag(share.viewers), &out)
            LEB128.put(LEB128.zigzag(Int64(share.channels)), &out)
        }
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, _ body: (CrawlShare) throws -> Void) rethrows {
        var i = 0
        while i < bytes.count {
            let key = LEB128.getText(bytes, &i)
            let viewers = LEB128.unzigzag(LEB128.get(bytes, &i))
            let channels = Int(LEB128.unzigzag(LEB128.get(bytes, &i)))
            try body(CrawlShare(key: key, viewers: viewers, channels: channels))
        }
    }
}

/// A crawl's shares packed for storing; packed on the thread that gathered them, so that the
/// thread writing the pass does not.
public struct PackedShares: Sendable {
    let bytes: [UInt8]

    public init(_ shares: [CrawlShare]) {
        bytes = CrawlShareBlob.encode(shares)
    }
}

extension CrawlShareBlob {
    /// Packs the rows of the tables that held the shares before (`crawl_game`, `crawl_language`)
    /// into `crawl_share`, one row per crawl time, a crawl at a time in key order (a year of full
    /// Twitch is hundreds of millions of rows).
    static func convertTables(_ db: Database) throws {
        for (table, column, isGames) in [("crawl_game", "game_id", true), ("crawl_language", "language", false)] {
            let packed = isGames ? "games" : "languages"
            let save = try FastStatement(db, """
                INSERT INTO crawl_share(crawl_time, games, languages) VALUES (?, ?, ?)
                ON CONFLICT(crawl_time) DO UPDATE SET \(packed) = excluded.\(packed)
                """)
            var time: Int64?
            var shares: [CrawlShare] = []
            func flush() throws {
                guard let time else { return }
                save.bind(1, time)
                save.bind(2, blob: isGames ? encode(shares) : [])
                save.bind(3, blob: isGames ? [] : encode(shares))
                try save.run()
                shares.removeAll(keepingCapacity: true)
            }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT crawl_time, \(column), viewers, channels FROM \(table) ORDER BY crawl_time")
            while let row = try rows.next() {
                let t: Int64 = row[0]
                if t != time {
                    try flush()
                    time = t
                }
                shares.append(CrawlShare(key: row[1], viewers: row[2], channels: row[3]))
            }
            try flush()
        }
    }
}
