/// Strings to small integers in order of first appearance, so sums index arrays instead of
/// hashing strings (consolidation's games and languages, a day's users, games and languages).
///
/// Its own open-addressing table rather than a `Dictionary`: merging a year of period sums
/// interns tens of millions of channel ids, and Swift's seeded SipHash of each cost more than the
/// rest of the look-up. Ids read from bytes (`index(utf8:)`) become a `String` only when new.
public struct Interner: Sendable {
    public private(set) var values: [String] = []
    /// The hash of each value, by index: the table grows without hashing the strings again.
    private var hashes: [UInt64] = []
    /// Indices into `values`, -1 where empty; a power of two long, at most half full.
    private var slots: [Int32]
    private var mask: Int

    public var count: Int { values.count }

    public init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        values.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    public mutating func index(_ s: String) -> Int32 {
        var text = s
        let h = text.withUTF8 { Self.hash(UnsafeRawBufferPointer($0)) }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = slots[i]
            if k < 0 { break }
            if hashes[Int(k)] == h && values[Int(k)] == s { return k }
            i = (i + 1) & mask
        }
        let k = Int32(values.count)
        slots[i] = k
        values.append(s)
        hashes.append(h)
        if values.count * 2 > slots.count { grow() }
        return k
    }

    /// The number of the string whose UTF-8 bytes these are, interning it when new.
    public mutating func index(utf8 bytes: UnsafeRawBufferPointer) -> Int32 {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = slots[i]
            if k < 0 { break }
            if hashes[Int(k)] == h && values[Int(k)].utf8.elementsEqual(bytes) { return k }
            i = (i + 1) & mask
        }
        // Bytes that are not valid UTF-8 are repaired by the String: looked up again as that.
        return index(String(decoding: bytes, as: UTF8.self))
    }

    /// The number of a string seen before; nil for one never interned.
    public func existing(_ s: String) -> Int32? {
        var text = s
        let h = text.withUTF8 { Self.hash(UnsafeRawBufferPointer($0)) }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = slots[i]
            if k < 0 { return nil }
            if hashes[Int(k)] == h && values[Int(k)] == s { return k }
            i = (i + 1) & mask
        }
    }

    public subscript(i: Int32) -> String { values[Int(i)] }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (k, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }

    /// FNV-1a over the bytes, then mixed so that the low bits (the slot) depend on every byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 32
        h &*= 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return h
    }
}
