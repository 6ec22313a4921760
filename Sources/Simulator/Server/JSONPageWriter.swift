import Model

/// The simulator's JSON writer, for the hot path: a 100-stream page is built byte by byte, no
/// encoder. Strings are escaped as Twitch's server does (`HTMLSafeJSON`), so clients must decode
/// `\u` escapes.
struct JSONPageWriter {
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
        s.withUTF8 { HTMLSafeJSON.appendQuoted($0, to: &bytes) }
    }

    /// `"key":`
    mutating func key(_ k: StaticString) {
        bytes.append(0x22)
        raw(k)
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    mutating func comma() { bytes.append(0x2C) }
}
