import Model

/// A JSON writer for the hot path: a 100-stream page is built byte by byte, no encoder.
///
/// Strings are escaped the way Go's encoding/json (which Twitch's API is written in) does by
/// default: `<`, `>`, `&`, U+2028 and U+2029 become `\u` escapes, so clients must decode them.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Decimal digits, written straight into the buffer (no intermediate String).
    mutating func int<T: FixedWidthInteger & SignedInteger>(_ v: T) {
        withDecimalDigits(Int64(v)) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

    /// Bytes already encoded (a cached fragment).
    mutating func append(_ encoded: [UInt8]) { bytes.append(contentsOf: encoded) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: $0) }
    }

    private mutating func string(utf8 b: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        // Runs of bytes that need no escape (nearly all of them) are copied in one go.
        var runStart = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            guard Self.needsEscape(c) else {
                i += 1
                continue
            }
            if c == 0xE2 && !(i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9)) {
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
            switch c {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0xE2:
                unicodeEscape(b[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                i += 2
            default: unicodeEscape(UInt16(c))  // < > & and other control characters
            }
            i += 1
            runStart = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<b.count]))
        bytes.append(0x22)
    }

    /// Bytes that may start an escape: quote, backslash, control characters, `<`, `>`, `&`, and
    /// 0xE2, the lead byte of U+2028/U+2029 (checked further by the caller).
    @inline(__always)
    private static func needsEscape(_ c: UInt8) -> Bool {
        c < 0x20 || c == 0x22 || c == 0x5C || c == 0x3C || c == 0x3E || c == 0x26 || c == 0xE2
    }

    /// `"key":`
    mutating func key(_ k: StaticString) {
        bytes.append(0x22)
        raw(k)
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    mutating func comma() { bytes.append(0x2C) }

    private mutating func unicodeEscape(_ v: UInt16) {
        func hex(_ d: UInt16) -> UInt8 { d < 10 ? 0x30 + UInt8(d) : 0x57 + UInt8(d) }
        bytes.append(0x5C); bytes.append(0x75)
        bytes.append(hex(v >> 12)); bytes.append(hex(v >> 8 & 0xF))
        bytes.append(hex(v >> 4 & 0xF)); bytes.append(hex(v & 0xF))
    }
}
