/// Calls `body` with the decimal text of `n` (a leading `-` when negative), built on the stack:
/// the extracts and the simulator write millions of numbers.
public func withDecimalDigits<R>(_ n: Int64, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    var magnitude = n.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch: a sign and 20 digits fit
    return try withUnsafeMutableBytes(of: &digits) { scratch in
        var i = scratch.count
        repeat {
            i -= 1
            scratch[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
            magnitude /= 10
        } while magnitude > 0
        if n < 0 {
            i -= 1
            scratch[i] = UInt8(ascii: "-")
        }
        return try body(UnsafeRawBufferPointer(rebasing: scratch[i...]))
    }
}

/// The decimal text of `n` with a comma between each group of three digits, for people reading a
/// terminal: 1234567 → "1,234,567", -1000 → "-1,000". (Charts' `NumberFormat.grouped` writes the
/// same for pages; Charts may not depend on Model.)
public func groupedByThousands<T: BinaryInteger>(_ n: T) -> String {
    let digits = String(n.magnitude)
    var out = n < 0 ? "-" : ""
    out.reserveCapacity(digits.count + digits.count / 3 + 1)
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return out
}

/// The number a text of ASCII digits is exactly the decimal form of (no sign, no leading zero, at
/// most 19 digits), so that distinct texts never share a number; nil for any other text. Stream
/// ids are such numbers, and keying by the number skips hashing their text.
@inlinable
public func exactDecimalValue<Bytes: Collection>(_ text: Bytes) -> UInt64? where Bytes.Element == UInt8 {
    guard let first = text.first, text.count <= 19, first != 48 || text.count == 1 else { return nil }
    var value: UInt64 = 0
    for c in text {
        guard c >= 48, c <= 57 else { return nil }
        value = value &* 10 &+ UInt64(c &- 48)
    }
    return value
}
