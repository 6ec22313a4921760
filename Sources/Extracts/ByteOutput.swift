#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Model

/// The bytes of one extract file as they are written. With a `drain`, the buffered bytes are
/// handed over a chunk at a time, so an extract of hundreds of megabytes never sits in memory
/// whole (growing one huge array cost more in copies and page faults than the formatting).
public final class ByteOutput {
    public typealias Drain = (UnsafeRawBufferPointer) throws -> Void

    /// The buffer, behind a pointer: a class's own stored `var`s are checked for exclusive
    /// access at run time on every use, which cost more than the copying in the hot loops.
    private struct Buffer {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count = 0
    }

    private let buffer: UnsafeMutablePointer<Buffer>
    private let chunkSize: Int
    private let drain: Drain?

    /// - Parameter drain: receives the bytes whenever `chunkSize` or more are waiting at a record
    ///   boundary, and the rest on `flush()`; without it every byte stays here (see `bytes`).
    public init(chunkSize: Int = 1 << 20, drain: Drain? = nil) {
        self.chunkSize = chunkSize
        self.drain = drain
        let capacity = drain == nil ? 1 << 16 : chunkSize + (1 << 16)
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: Buffer(base: .allocate(capacity: capacity), capacity: capacity))
    }

    deinit {
        buffer.pointee.base.deallocate()
        buffer.deinitialize(count: 1)
        buffer.deallocate()
    }

    /// Bytes written and not yet drained.
    public var count: Int { buffer.pointee.count }

    /// Everything written and not yet drained.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer.pointee.base, count: buffer.pointee.count)) }

    @inline(__always)
    public func append(_ byte: UInt8) {
        if buffer.pointee.count == buffer.pointee.capacity { grow(minimum: buffer.pointee.count + 1) }
        buffer.pointee.base[buffer.pointee.count] = byte
        buffer.pointee.count += 1
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        let count = buffer.pointee.count
        if count + bytes.count > buffer.pointee.capacity { grow(minimum: count + bytes.count) }
        (buffer.pointee.base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        buffer.pointee.count = count + bytes.count
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
        withDecimalDigits(n) { append($0) }
    }

    /// Appends some of these bytes to another output.
    func copy(_ range: Range<Int>, to other: ByteOutput) {
        other.append(UnsafeRawBufferPointer(start: buffer.pointee.base + range.lowerBound, count: range.count))
    }

    /// Hands the buffered bytes to the drain once a chunk is waiting; call it between records.
    @inline(__always)
    public func endRecord() throws {
        if buffer.pointee.count >= chunkSize, drain != nil { try flush() }
    }

    /// Hands every buffered byte to the drain.
    public func flush() throws {
        guard let drain, buffer.pointee.count > 0 else { return }
        try drain(UnsafeRawBufferPointer(start: buffer.pointee.base, count: buffer.pointee.count))
        buffer.pointee.count = 0
    }

    private func grow(minimum: Int) {
        var newCapacity = buffer.pointee.capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: buffer.pointee.base, count: buffer.pointee.count)
        buffer.pointee.base.deallocate()
        buffer.pointee.base = grown
        buffer.pointee.capacity = newCapacity
    }
}
