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
