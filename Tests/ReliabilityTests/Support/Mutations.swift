import Foundation
import Model
import SyntheticData

/// Seeded choices for the fuzz tests. Never the system generator: a failure names its seed, and
/// the same seed gives the same input again.
struct Dice {
    private var rng: SplitMix64
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        rng = SplitMix64(seed: seed)
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(rng.next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(rng.next() % 1_000_000) < p * 1_000_000 }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: rng.next()) }
}

/// The seed every fuzz test starts from; `TWITCH_STATS_FUZZ_SEED` explores others, and
/// `TWITCH_STATS_FUZZ_CASES` runs more cases.
enum FuzzSettings {
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["TWITCH_STATS_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2026_1204
    }

    static func cases(_ standard: Int) -> Int {
        ProcessInfo.processInfo.environment["TWITCH_STATS_FUZZ_CASES"].flatMap { Int($0) } ?? standard
    }
}

/// Hostile values, as the text that stands for them in a row or a response.
enum Extremes {
    /// Numbers at and beyond every edge a parser or a sum can trip on.
    static let numbers = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "1e400", "-1e400", "1e-400", "-0", "-0.0", "0.0",
        "4.9e-324", "1.7976931348623157e308", "2147483648", "-2147483649", "50000000", "50000001",
        "9000000000000000000", "-1", "1E2", "1" + String(repeating: "0", count: 400), "0x10", "NaN", "Infinity",
        "00012", "+5", "1.", ".5", "",
    ]

    /// Timestamps out of range, malformed or at calendar edges.
    static let timestamps = [
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "0000-00-00T00:00:00Z", "1970-01-01T00:00:00Z",
        "2011-05-31T23:59:59Z", "2011-06-01T00:00:00Z", "2027-12-31T00:00:00Z", "2026-03-07T23:59:60Z",
        "2026-03-07T24:00:00Z", "2026-02-29T12:00:00Z", "+275760-09-13T00:00:00Z", "99999-01-01T00:00:00Z",
        "-9223372036854775808-01-01T00:00:00Z", "2026-03-07T23:50:00." + String(repeating: "9", count: 300) + "Z",
        "2026-03-07T23:50:00+99:99", "2026-03-07T23:50:00-23:59", "2026-03-07T23:50:00", "2026-03-07",
        "2026-03-07 23:50:00 UTC", "2026-03-07 23:50:00 PST", "9223372036854775807", "2026-13-01T00:00:00Z",
        "",
    ]

    /// Byte sequences that are not UTF-8 (lone continuation, overlong, surrogate, truncated, 0xFF).
    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xFE, 0xFF],
    ]

    /// Control characters and markers that end or confuse a line.
    static let controls: [[UInt8]] = [[0x00], [0x0D], [0xEF, 0xBB, 0xBF], [0x0C], [0x1B], [0x0D, 0x0A], [0x7F]]

    /// `depth` nested arrays (or objects) around a number.
    static func nested(_ depth: Int, objects: Bool) -> String {
        objects
            ? String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
            : String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
    }

    static let depths = [64, 1_000, 20_000, 200_000]
    /// Long strings: past a page buffer, past a megabyte, and the largest the tests write (16 MiB).
    static let stringLengths = [4_096, 70_000, 1 << 20, 3 << 20, 16 << 20]

    static func hugeString(_ length: Int, _ dice: inout Dice) -> String {
        let unit = dice.pick(["a", "é", "語", "\\\\", "x\\u0000"])
        return String(repeating: unit, count: max(1, length / unit.utf8.count))
    }
}

/// A line of bytes and the field values inside it, for NDJSON (JSON objects) and CSV rows.
enum RowText {
    /// The byte range of `field`'s value in an NDJSON line: a string with its quotes, a number or
    /// literal, or a whole array or object.
    static func jsonValueRange(_ field: String, in line: [UInt8]) -> Range<Int>? {
        let key = Array("\"\(field)\"".utf8)
        guard let keyStart = firstIndex(of: key, in: line) else { return nil }
        var i = keyStart + key.count
        while i < line.count, line[i] == 0x20 || line[i] == 0x3A { i += 1 }
        guard i < line.count else { return nil }
        let start = i
        switch line[i] {
        case UInt8(ascii: "\""):
            i += 1
            while i < line.count, line[i] != UInt8(ascii: "\"") { i += line[i] == UInt8(ascii: "\\") ? 2 : 1 }
            return start..<min(line.count, i + 1)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var depth = 0
            var inString = false
            while i < line.count {
                let c = line[i]
                if inString {
                    if c == UInt8(ascii: "\\") { i += 1 } else if c == UInt8(ascii: "\"") { inString = false }
                } else if c == UInt8(ascii: "\"") {
                    inString = true
                } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    depth += 1
                } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { return start..<(i + 1) }
                }
                i += 1
            }
            return nil
        default:
            while i < line.count, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: "}") { i += 1 }
            return start..<i
        }
    }

    /// CSV fields of one record on one line, as byte ranges (quotes included).
    static func csvFieldRanges(_ line: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var inQuotes = false
        for (i, c) in line.enumerated() {
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            if c == UInt8(ascii: ","), !inQuotes {
                ranges.append(start..<i)
                start = i + 1
            }
        }
        ranges.append(start..<line.count)
        return ranges
    }

    static func csvQuoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
