#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Splits a byte source into lines (without the `\n` or `\r\n`), handing each to a closure
/// without copying when the line lies inside one chunk. A line longer than `maxLineBytes` is an
/// error: without the limit, a file with no line break would be gathered into memory whole.
struct LineReader {
    let source: ByteSource
    let maxLineBytes: Int
    /// Whole lines handed on so far.
    private(set) var lineNumber = 0

    init(source: ByteSource, maxLineBytes: Int) {
        self.source = source
        self.maxLineBytes = maxLineBytes
    }

    mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var carry: [UInt8] = []
        var line = lineNumber
        defer { lineNumber = line }
        let limit = maxLineBytes
        let tooLong = RowProblem(field: "line", reason: "longer than \(limit) bytes")
        while try source.read({ chunk in
            var start = 0
            let count = chunk.count
            while start < count {
                guard let nl = Self.indexOfNewline(chunk, from: start) else {
                    // Room for a `\r` on top of the limit: it is not part of the line.
                    if carry.count + count - start > limit + 1 { throw tooLong }
                    carry.append(contentsOf: chunk[start..<count])
                    return
                }
                if carry.isEmpty {
                    let text = Self.trimCR(UnsafeBufferPointer(rebasing: chunk[start..<nl]))
                    if text.count > limit { throw tooLong }
                    try body(text, line + 1)
                } else {
                    carry.append(contentsOf: chunk[start..<nl])
                    try carry.withUnsafeBufferPointer { b in
                        let text = Self.trimCR(b)
                        if text.count > limit { throw tooLong }
                        try body(text, line + 1)
                    }
                    carry.removeAll(keepingCapacity: true)
                }
                line += 1
                start = nl + 1
            }
        }) {}
        if !carry.isEmpty {
            try carry.withUnsafeBufferPointer { b in
                let text = Self.trimCR(b)
                if text.count > limit { throw tooLong }
                try body(text, line + 1)
            }
            line += 1
        }
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
