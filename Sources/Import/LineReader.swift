/// Splits a byte source into lines (without the `\n` or `\r\n`), handing each to a closure
/// without copying when the line lies inside one chunk.
struct LineReader {
    let source: ByteSource
    private(set) var lineNumber = 0

    init(source: ByteSource) { self.source = source }

    mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var carry: [UInt8] = []
        var line = lineNumber
        while try source.read({ chunk in
            var start = 0
            let count = chunk.count
            while start < count {
                guard let nl = Self.indexOfNewline(chunk, from: start) else {
                    carry.append(contentsOf: chunk[start..<count])
                    return
                }
                line += 1
                if carry.isEmpty {
                    try body(Self.trimCR(UnsafeBufferPointer(rebasing: chunk[start..<nl])), line)
                } else {
                    carry.append(contentsOf: chunk[start..<nl])
                    try carry.withUnsafeBufferPointer { try body(Self.trimCR($0), line) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = nl + 1
            }
        }) {}
        if !carry.isEmpty {
            line += 1
            try carry.withUnsafeBufferPointer { try body(Self.trimCR($0), line) }
        }
        lineNumber = line
    }

    private static func indexOfNewline(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < b.count, let base = b.baseAddress else { return nil }
        guard let p = memchr(base + from, 0x0A, b.count - from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    private static func trimCR(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = b.last, last == 0x0D { return UnsafeBufferPointer(rebasing: b[0..<(b.count - 1)]) }
        return b
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
