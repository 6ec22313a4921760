import Foundation

/// Opaque pagination cursors. Like Twitch's, they are base64 of a small JSON document; inside is
/// an offset into the listing as it is when the next page is asked for, which is why streams
/// that move between requests are seen twice or not at all.
///
/// The document is written and read by hand (every page request does both): no JSON coder.
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
/// Foundation does the coding; only the alphabet is swapped, byte by byte.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        var text = Array(Data(bytes).base64EncodedData())
        while text.last == UInt8(ascii: "=") { text.removeLast() }
        for i in text.indices {
            if text[i] == UInt8(ascii: "+") { text[i] = UInt8(ascii: "-") } else if text[i] == UInt8(ascii: "/") { text[i] = UInt8(ascii: "_") }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// nil for anything that is not base64 in either alphabet, padded or not.
    static func decode(_ text: String) -> [UInt8]? {
        var standard = Array(text.utf8)
        for i in standard.indices {
            if standard[i] == UInt8(ascii: "-") { standard[i] = UInt8(ascii: "+") } else if standard[i] == UInt8(ascii: "_") { standard[i] = UInt8(ascii: "/") }
        }
        while standard.count % 4 != 0 { standard.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(standard)).map { Array($0) }
    }
}
