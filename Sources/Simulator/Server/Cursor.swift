/// Opaque pagination cursors. Like Twitch's, they are base64 of a small JSON document; inside is
/// an offset into the listing as it is when the next page is asked for, which is why streams
/// that move between requests are seen twice or not at all.
///
/// Built and read by hand (every page request does both): no Foundation base64 or JSON.
struct Cursor: Equatable {
    let offset: Int
    /// Identifies the crawl the cursor belongs to (the request that fetched its first page).
    let crawl: UInt64

    func encoded(seed: UInt64) -> String {
        let check = Self.check(offset: offset, crawl: crawl, seed: seed)
        let json = "{\"b\":null,\"a\":{\"Offset\":\(offset),\"Crawl\":\(crawl),\"Check\":\(check)}}"
        return Base64URL.encode(Array(json.utf8))
    }

    /// nil for anything this server did not issue.
    static func decode(_ text: String, seed: UInt64) -> Cursor? {
        guard let json = Base64URL.decode(text) else { return nil }
        var reader = CursorReader(bytes: json)
        guard reader.literal("{\"b\":null,\"a\":{\"Offset\":"), let offset = reader.number(),
              reader.literal(",\"Crawl\":"), let crawl = reader.number(),
              reader.literal(",\"Check\":"), let check = reader.number(),
              reader.literal("}}"), reader.atEnd,
              offset <= UInt64(Int.max), check == Self.check(offset: Int(offset), crawl: crawl, seed: seed)
        else { return nil }
        return Cursor(offset: Int(offset), crawl: crawl)
    }

    private static func check(offset: Int, crawl: UInt64, seed: UInt64) -> UInt64 {
        Mix.hash(seed, 0xC0_5508, UInt64(offset), crawl) & 0xFF_FFFF
    }
}

/// Reads the cursor document exactly as `encoded` writes it.
private struct CursorReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for k in 0..<count where bytes[index + k] != text.utf8Start[k] { return false }
        index += count
        return true
    }

    /// Up to 19 decimal digits, so the value cannot overflow.
    mutating func number() -> UInt64? {
        var value: UInt64 = 0
        let start = index
        while index < bytes.count, index - start < 19, (0x30...0x39).contains(bytes[index]) {
            value = value * 10 + UInt64(bytes[index] - 0x30)
            index += 1
        }
        return index > start ? value : nil
    }
}

/// Base64 with the URL-safe alphabet (`-`, `_`) and no padding, as Twitch's cursors use.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            let remaining = bytes.count - i
            let chars = remaining >= 3 ? 4 : remaining + 1  // no padding: 1 byte → 2 chars, 2 → 3
            for k in 0..<chars { out.append(alphabet[Int(triple >> (18 - 6 * UInt32(k)) & 0x3F)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// nil for characters outside the alphabet or an impossible length. Padding `=` is accepted
    /// at the end, and the standard alphabet's `+` and `/` too.
    static func decode(_ text: String) -> [UInt8]? {
        var sextets: [UInt8] = []
        sextets.reserveCapacity(text.utf8.count)
        var padding = false
        for c in text.utf8 {
            if c == UInt8(ascii: "=") { padding = true; continue }
            guard !padding, let v = value(c) else { return nil }
            sextets.append(v)
        }
        guard sextets.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(sextets.count * 3 / 4)
        var i = 0
        while i < sextets.count {
            let n = min(4, sextets.count - i)
            var group: UInt32 = 0
            for k in 0..<4 { group = group << 6 | UInt32(k < n ? sextets[i + k] : 0) }
            for k in 0..<(n - 1) { out.append(UInt8(truncatingIfNeeded: group >> (16 - 8 * UInt32(k)))) }
            i += 4
        }
        return out
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"), UInt8(ascii: "+"): 62
        case UInt8(ascii: "_"), UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
