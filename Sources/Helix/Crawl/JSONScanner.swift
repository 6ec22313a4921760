#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// A forward-only reader over JSON bytes, just enough to pull Get Streams pages apart quickly.
///
/// `JSONDecoder` takes about 1.8 s of CPU for the 1,000 pages of a full crawl; this takes a small
/// fraction of that, which matters because the collector runs all day.
///
/// Nothing a server sends can make it trap: nesting deeper than `maxDepth` and numbers that are
/// not integers within 64 bits are `Malformed`, like any other broken body.
struct JSONScanner {
    struct Malformed: Error {
        var offset: Int
        var expected: String
    }

    /// Deepest nesting of objects and arrays read. A Get Streams page is four levels deep; the
    /// bound keeps a hostile body (`[[[[…`) from overflowing the stack through `skipValue`.
    static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next significant byte, or nil at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: StaticString) throws(Malformed) {
        guard peek() == byte else { throw Malformed(offset: index, expected: what.description) }
        index += 1
    }

    /// Consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Walks an object's members: calls `member` with each key, positioned at its value, which
    /// `member` must consume.
    mutating func readObject(_ member: (inout JSONScanner, JSONKey) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "{"), "{")
        try enterContainer()
        defer { depth -= 1 }
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            let key = try readKey()
            try expect(UInt8(ascii: ":"), ":")
            try member(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"), "} or ,")
    }

    /// Walks an array: calls `element` positioned at each element, which it must consume.
    mutating func readArray(_ element: (inout JSONScanner) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "["), "[")
        try enterContainer()
        defer { depth -= 1 }
        if consume(UInt8(ascii: "]")) { return }
        repeat {
            try element(&self)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), "] or ,")
    }

    private mutating func enterContainer() throws(Malformed) {
        guard depth < Self.maxDepth else {
            throw Malformed(offset: index - 1, expected: "nesting no deeper than \(Self.maxDepth) levels")
        }
        depth += 1
    }

    mutating func readNull() -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        guard index + 4 <= bytes.count, bytes[index + 1] == UInt8(ascii: "u"),
            bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    mutating func readBool() throws(Malformed) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"):
            guard matchLiteral("true") else { throw Malformed(offset: index, expected: "true") }
            return true
        case UInt8(ascii: "f"):
            guard matchLiteral("false") else { throw Malformed(offset: index, expected: "false") }
            return false
        default:
            throw Malformed(offset: index, expected: "true or false")
        }
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let base = literal.utf8Start
        for k in 0..<count where bytes[index + k] != base[k] { return false }
        index += count
        return true
    }

    /// An integer within 64 bits. One written with a fraction or exponent is accepted when its
    /// value is whole (`7.0`, `1e2`); a fractional one (`7.5`) or one beyond 64 bits
    /// (`99999999999999999999`, `1e400`) is malformed, since truncating or wrapping it would
    /// yield a number nobody sent.
    mutating func readInt() throws(Malformed) -> Int {
        skipWhitespace()
        let start = index
        guard let value = try scanNumber() else {
            throw Malformed(offset: start, expected: "a whole number within 64 bits")
        }
        return value
    }

    /// A value that should be a whole number: its value when it is one within 64 bits, nil for
    /// anything else (a fraction, a huge number, a string, null), which is skipped.
    mutating func readIntOrSkip() throws(Malformed) -> Int? {
        guard let next = peek(), next == UInt8(ascii: "-") || (0x30...0x39).contains(next) else {
            try skipValue()
            return nil
        }
        return try scanNumber()
    }

    /// Consumes one JSON number (`-? digits (. digits)? ([eE] [+-]? digits)?`) and returns its
    /// value when it is a whole number within `Int`, else nil; throws only when the bytes are no
    /// number at all.
    private mutating func scanNumber() throws(Malformed) -> Int? {
        skipWhitespace()
        let start = index
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        // Accumulated as a negative number, whose range includes Int.min.
        var negated = 0
        var fits = true
        let digitsStart = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            let (times10, o1) = negated.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int(bytes[index] - 0x30))
            if o1 || o2 { fits = false } else { negated = next }
            index += 1
        }
        guard index > digitsStart else { throw Malformed(offset: start, expected: "number") }
        var plainInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { throw Malformed(offset: index, expected: "digit after .") }
            plainInteger = false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard skipDigits() > 0 else { throw Malformed(offset: index, expected: "exponent digits") }
            plainInteger = false
        }
        if plainInteger {
            guard fits else { return nil }
            if negative { return negated }
            let (positive, overflow) = (0).subtractingReportingOverflow(negated)
            return overflow ? nil : positive
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        // Int(exactly:) is nil for fractions, infinities and values beyond Int; -0.0 is 0.
        return Double(text).flatMap { Int(exactly: $0) }
    }

    /// Consumes ASCII digits; returns how many there were.
    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        return index - start
    }

    /// A compact array of plain strings (no escapes, no control bytes, nothing between the
    /// elements but commas: how Twitch sends tags) as its own text, which is then exactly what
    /// `MinimalJSON.array` would write for those strings; nil, having read nothing, for any other
    /// value. Saves building a String per element and writing them out again.
    mutating func readPlainStringArrayText() -> String? {
        guard peek() == UInt8(ascii: "[") else { return nil }
        let start = index
        var i = start + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            index = i + 1
            return "[]"
        }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") || bytes[i] < 0x20 { return nil }
                i += 1
            }
            i += 1  // past the closing quote
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "]") { break }
            guard bytes[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
        index = i + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// A string or a bare number as text (ids are strings on Twitch, numbers in some dumps);
    /// null reads as "".
    mutating func readStringOrNumberText() throws(Malformed) -> String {
        switch peek() {
        case UInt8(ascii: "\""):
            return try readString()
        case UInt8(ascii: "n"):
            guard readNull() else { throw Malformed(offset: index, expected: "null") }
            return ""
        default:
            let start = index
            while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
            guard index > start else { throw Malformed(offset: start, expected: "string or number") }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
    }

    /// A member name, compared in place without making a String (keys never need unescaping in
    /// Twitch's output; an escaped one is decoded).
    private mutating func readKey() throws(Malformed) -> JSONKey {
        try expect(UInt8(ascii: "\""), "member name")
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]))
            }
            if b == UInt8(ascii: "\\") {
                index = start - 1
                let decoded = try readString()
                return JSONKey(decoded: decoded)
            }
            index += 1
        }
        throw Malformed(offset: start, expected: "closing quote")
    }

    /// Hands a string value's UTF-8 bytes to `body` without making a String when it has no escapes.
    mutating func withStringBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) throws(Malformed) -> T {
        try expect(UInt8(ascii: "\""), "string")
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return body(UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]))
            }
            if b == UInt8(ascii: "\\") {
                index = start - 1
                var decoded = try readString()
                return decoded.withUTF8(body)
            }
            index += 1
        }
        throw Malformed(offset: start, expected: "closing quote")
    }

    mutating func readString() throws(Malformed) -> String {
        try expect(UInt8(ascii: "\""), "string")
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if b == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            index += 1
        }
        throw Malformed(offset: start, expected: "closing quote")
    }

    private mutating func readEscapedString(from start: Int) throws(Malformed) -> String {
        var out: [UInt8] = []
        do {
            index = try JSONStringDecoder.decode(bytes, from: start, into: &out)
        } catch {
            switch error.problem {
            case .unterminated: throw Malformed(offset: error.offset, expected: "closing quote")
            case .unknownEscape: throw Malformed(offset: error.offset, expected: "escape")
            case .badUnicodeEscape: throw Malformed(offset: error.offset, expected: "4 hex digits after \\u")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips any value, nested or not.
    mutating func skipValue() throws(Malformed) {
        switch peek() {
        case UInt8(ascii: "{"):
            try readObject { (s: inout JSONScanner, _: JSONKey) throws(Malformed) in try s.skipValue() }
        case UInt8(ascii: "["):
            try readArray { (s: inout JSONScanner) throws(Malformed) in try s.skipValue() }
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            guard readNull() else { throw Malformed(offset: index, expected: "null") }
        case .some:
            _ = try scanNumber()
        case nil:
            throw Malformed(offset: index, expected: "value")
        }
    }

    private func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }
}

/// An object member's name as it lies in the buffer; matched against literals in `switch`.
struct JSONKey {
    private let bytes: UnsafeBufferPointer<UInt8>?
    private let decoded: String?

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        decoded = nil
    }

    init(decoded: String) {
        bytes = nil
        self.decoded = decoded
    }

    static func ~= (literal: StaticString, key: JSONKey) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard let bytes = key.bytes else { return key.decoded?.utf8.elementsEqual(
            UnsafeBufferPointer(start: literal.utf8Start, count: count)) ?? false }
        guard bytes.count == count else { return false }
        return memcmp(bytes.baseAddress!, literal.utf8Start, count) == 0
    }
}
