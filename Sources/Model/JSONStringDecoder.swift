/// Reads a JSON string's escapes: the one decoder for the collector's pages (Helix's
/// `JSONScanner`) and imported NDJSON lines (Import's `NDJSONRowParser`), so both read a title
/// alike. Inlinable: imports of dumps written with `\u` escapes decode millions of them.
public enum JSONStringDecoder {
    public struct Failure: Error, Equatable {
        public enum Problem: Sendable, Equatable {
            /// No closing quote before the end of the bytes.
            case unterminated
            /// A backslash followed by something JSON does not define (`\q`).
            case unknownEscape
            /// `\u` not followed by four hexadecimal digits.
            case badUnicodeEscape
        }

        public var problem: Problem
        /// The string's first byte for `unterminated`, else the byte after the backslash.
        public var offset: Int

        @inlinable public init(_ problem: Problem, at offset: Int) {
            self.problem = problem
            self.offset = offset
        }
    }

    /// Appends the text of the string whose body starts at `start` (just past its opening quote)
    /// to `out`, as UTF-8, and returns the index just past its closing quote. A `\u` escape of an
    /// unpaired surrogate becomes U+FFFD.
    @inlinable
    public static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8]
    ) throws(Failure) -> Int {
        var i = start
        var runStart = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                return i + 1
            }
            guard b == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(bytes[i])
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(bytes, at: i + 1) else { throw Failure(.badUnicodeEscape, at: i) }
                i += 4
                // A high surrogate pairs with a low one written right after it.
                if (0xD800..<0xDC00).contains(scalar), i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"),
                    bytes[i + 2] == UInt8(ascii: "u"), let low = hex4(bytes, at: i + 3), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
            default:
                throw Failure(.unknownEscape, at: i)
            }
            i += 1
            runStart = i
        }
        throw Failure(.unterminated, at: start)
    }

    /// The value of four hexadecimal digits at `at`, or nil.
    @inlinable
    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[at + k]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
