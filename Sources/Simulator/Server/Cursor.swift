import Foundation

/// Opaque pagination cursors. Like Twitch's, they are base64 of a small JSON document; inside is
/// an offset into the listing as it is when the next page is asked for, which is why streams
/// that move between requests are seen twice or not at all.
struct Cursor: Equatable {
    let offset: Int
    /// Identifies the crawl the cursor belongs to (the request that fetched its first page).
    let crawl: UInt64

    func encoded(seed: UInt64) -> String {
        let check = Self.check(offset: offset, crawl: crawl, seed: seed)
        let json = "{\"b\":null,\"a\":{\"Offset\":\(offset),\"Crawl\":\(crawl),\"Check\":\(check)}}"
        return Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// nil for anything this server did not issue.
    static func decode(_ text: String, seed: UInt64) -> Cursor? {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let a = object["a"] as? [String: Any],
              let offset = (a["Offset"] as? NSNumber)?.intValue,
              let crawl = (a["Crawl"] as? NSNumber)?.uint64Value,
              let check = (a["Check"] as? NSNumber)?.uint64Value,
              offset >= 0, check == Self.check(offset: offset, crawl: crawl, seed: seed)
        else { return nil }
        return Cursor(offset: offset, crawl: crawl)
    }

    private static func check(offset: Int, crawl: UInt64, seed: UInt64) -> UInt64 {
        Mix.hash(seed, 0xC0_5508, UInt64(offset), crawl) & 0xFF_FFFF
    }
}
