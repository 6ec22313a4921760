#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one extract file as they are written. With a `drain`, the buffered bytes are
/// handed over a chunk at a time, so an extract of hundreds of megabytes never sits in memory
/// whole (growing one huge array cost more in copies and page faults than the formatting).
public final class ByteOutput {
    public typealias Drain = (UnsafeRawBufferPointer) throws -> Void

    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    public private(set) var count = 0
    private let chunkSize: Int
    private let drain: Drain?

    /// - Parameter drain: receives the bytes whenever `chunkSize` or more are waiting at a record
    ///   boundary, and the rest on `flush()`; without it every byte stays here (see `bytes`).
    public init(chunkSize: Int = 1 << 20, drain: Drain? = nil) {
        self.chunkSize = chunkSize
        self.drain = drain
        capacity = drain == nil ? 1 << 16 : chunkSize + (1 << 16)
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Everything written and not yet drained.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always)
    public func append(_ byte: UInt8) {
        if count == capacity { grow(minimum: count + 1) }
        base[count] = byte
        count += 1
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(minimum: count + bytes.count) }
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(UnsafeRawBufferPointer($0)) }) == nil {
            var copy = text
            copy.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes a whole number in decimal.
    public func appendInteger(_ n: Int64) {
        var magnitude = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
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
            append(UnsafeRawBufferPointer(rebasing: scratch[i...]))
        }
    }

    /// Hands the buffered bytes to the drain once a chunk is waiting; call it between records.
    @inline(__always)
    public func endRecord() throws {
        if count >= chunkSize, drain != nil { try flush() }
    }

    /// Hands every buffered byte to the drain.
    public func flush() throws {
        guard let drain, count > 0 else { return }
        try drain(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    private func grow(minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
