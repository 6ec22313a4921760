/// The JSON strings of the extracts, safe to paste into JavaScript too: besides what JSON requires,
/// U+2028 and U+2029 (line breaks to JavaScript) are escaped. Works on UTF-8 bytes; hand-written
/// because `JSONEncoder` neither keeps key order nor writes `4.0` for a rounded 4.
public enum ScriptSafeJSON {
    public static func quote(_ s: String) -> String {
        let out = ByteOutput()
        appendQuoted(s, to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func appendQuoted(_ s: String, to out: ByteOutput) {
        if s.utf8.withContiguousStorageIfAvailable({ appendQuoted(UnsafeRawBufferPointer($0), to: out) }) == nil {
            var copy = s
            copy.withUTF8 { appendQuoted(UnsafeRawBufferPointer($0), to: out) }
        }
    }

    /// JSON string escaping: quote, backslash and control characters, plus U+2028 and U+2029
    /// (line breaks to JavaScript). Most names need none of it and are copied in one go.
    static func appendQuoted(_ utf8: UnsafeRawBufferPointer, to out: ByteOutput) {
        out.append(0x22)
        if utf8.contains(where: needsEscapeCheck) {
            appendEscaped(utf8, to: out)
        } else {
            out.append(utf8)
        }
        out.append(0x22)
    }

    /// Bytes that may need an escape: the ones escaped, and the first byte of U+2028/U+2029.
    @inline(__always)
    private static func needsEscapeCheck(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2
    }

    private static func appendEscaped(_ utf8: UnsafeRawBufferPointer, to out: ByteOutput) {
        let hex = Array("0123456789abcdef".utf8)
        var i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(Array("\\u00".utf8))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                out.append(Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                i += 2
            default: out.append(b)
            }
            i += 1
        }
    }
}
