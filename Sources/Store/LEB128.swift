/// Unsigned LEB128 varints (7 bits a byte, low first) and zigzag for signed values: the packing
/// of the blobs that stand in for millions of small rows, and of the period sums Metrics keeps.
public enum LEB128 {
    @inlinable @inline(__always)
    public static func put(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// The varint at `i`, moving `i` past it; a truncated one ends at the end of `bytes`.
    @inlinable @inline(__always)
    public static func get(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return value
    }

    /// Text as its UTF-8 length and bytes.
    public static func putText(_ text: String, _ out: inout [UInt8]) {
        put(UInt64(text.utf8.count), &out)
        out.append(contentsOf: text.utf8)
    }

    /// The text at `i` (written by `putText`), moving `i` past it.
    public static func getText(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) -> String {
        let length = Int(get(bytes, &i))
        let end = min(bytes.count, i + length)
        defer { i = end }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
    }

    /// The bytes of the text at `i` (written by `putText`), moving `i` past it.
    public static func getTextBytes(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) -> UnsafeRawBufferPointer {
        let length = Int(get(bytes, &i))
        let end = min(bytes.count, i + length)
        defer { i = end }
        return UnsafeRawBufferPointer(rebasing: bytes[i..<end])
    }

    @inlinable public static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    @inlinable public static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }
}
