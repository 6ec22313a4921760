/// JSON strings escaped the way Go's encoding/json does by default (Twitch's API is written in
/// Go): besides `"`, `\` and control characters, `<`, `>`, `&`, U+2028 and U+2029 become `\u`
/// escapes, so the text is safe inside an HTML script element. The simulator serves its pages so;
/// the site's search index is written so. (`MinimalJSON` escapes only what JSON requires.)
///
/// Inlinable: the simulator escapes every title of every page it serves.
public enum HTMLSafeJSON {
    /// `s` as a quoted JSON string.
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        var s = s
        s.withUTF8 { appendQuoted($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 text `b` as a quoted JSON string.
    @inlinable
    public static func appendQuoted(_ b: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        // Runs of bytes that need no escape (nearly all of them) are copied in one go.
        var runStart = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            guard needsEscape(c) else {
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
                unicodeEscape(b[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &bytes)
                i += 2
            default: unicodeEscape(UInt16(c), to: &bytes)  // < > & and other control characters
            }
            i += 1
            runStart = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<b.count]))
        bytes.append(0x22)
    }

    /// Bytes that may start an escape: quote, backslash, control characters, `<`, `>`, `&`, and
    /// 0xE2, the lead byte of U+2028/U+2029 (checked further by the caller).
    @inlinable @inline(__always)
    static func needsEscape(_ c: UInt8) -> Bool {
        c < 0x20 || c == 0x22 || c == 0x5C || c == 0x3C || c == 0x3E || c == 0x26 || c == 0xE2
    }

    /// `\u` and four lowercase hexadecimal digits.
    @inlinable
    static func unicodeEscape(_ v: UInt16, to bytes: inout [UInt8]) {
        func hex(_ d: UInt16) -> UInt8 { d < 10 ? 0x30 + UInt8(d) : 0x57 + UInt8(d) }
        bytes.append(0x5C); bytes.append(0x75)
        bytes.append(hex(v >> 12)); bytes.append(hex(v >> 8 & 0xF))
        bytes.append(hex(v >> 4 & 0xF)); bytes.append(hex(v & 0xF))
    }
}
