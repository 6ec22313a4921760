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

    mutating func int<T: BinaryInteger>(_ v: T) { bytes.append(contentsOf: String(v).utf8) }

    mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        let utf8 = Array(s.utf8)
        utf8.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                switch c {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x3C, 0x3E, 0x26, 0..<0x20: unicodeEscape(UInt16(c))
                case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    unicodeEscape(b[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    i += 2
                default: bytes.append(c)
                }
                i += 1
            }
        }
        bytes.append(0x22)
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
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, 0x75, hex[Int(v >> 12)], hex[Int(v >> 8 & 0xF)],
                                  hex[Int(v >> 4 & 0xF)], hex[Int(v & 0xF)]])
    }
}
