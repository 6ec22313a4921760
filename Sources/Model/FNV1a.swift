/// 64-bit FNV-1a: a hash that is the same in every process and on every machine (Swift's `Hasher`
/// is seeded per run), for keys the database indexes and names that must not change between runs.
///
/// Inlinable: the collector and imports hash the facts of every stream they store.
@frozen
public struct FNV1a {
    @usableFromInline var state: UInt64

    @inlinable public init() { state = 0xcbf2_9ce4_8422_2325 }

    @inlinable public var value: UInt64 { state }

    @inlinable
    public mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte) }
    }

    @inlinable
    public mutating func add(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// Adds `text` and then 0xff, a byte UTF-8 never contains, so that fields hash apart:
    /// ("ab", "c") and ("a", "bc") differ.
    @inlinable
    public mutating func addField(_ text: String) {
        add(text)
        add(0xff)
    }

    /// Adds the eight bytes of `value`, least significant first: numbers hash without being
    /// formatted.
    @inlinable
    public mutating func addInteger(_ value: Int64) {
        var bits = UInt64(bitPattern: value)
        for _ in 0..<8 {
            add(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    /// The value as 16 hexadecimal digits, leading zeros kept.
    public var paddedHex: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
