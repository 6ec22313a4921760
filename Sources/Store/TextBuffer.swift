#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 text copied out of SQLite end to end into one growing block of memory. Millions of
/// names and titles that are only copied to a file cost far less this way than as Strings, each
/// validated, allocated, retained on every copy and freed one by one.
///
/// Filled on one thread; once filled it is only read, from any thread (hence `Sendable`).
final class TextBuffer: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 20) {
        self.capacity = max(capacity, 16)
        base = malloc(self.capacity)!
    }

    deinit { free(base) }

    /// The start of the text; stable once nothing more is appended.
    var start: UnsafeRawPointer { UnsafeRawPointer(base) }

    /// Makes room for this many bytes in all.
    func reserve(_ bytes: Int) {
        guard bytes > capacity else { return }
        capacity = bytes
        // realloc moves a large block by remapping its pages, not by copying them.
        base = realloc(base, capacity)!
    }

    /// Appends a run of columns and returns where they are (`column(i)` gives column i's bytes).
    func appendRun<Ends: SIMD & Sendable>(_: Ends.Type, columns: Int, _ column: (Int) -> UnsafeRawBufferPointer) -> TextRun<Ends>
    where Ends.Scalar == UInt32 {
        let start = count
        var ends = Ends()
        for i in 0..<columns {
            append(column(i))
            ends[i] = UInt32(count - start)
        }
        return TextRun(start: start, ends: ends)
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { reserve(max(capacity * 2, count + bytes.count)) }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }
}
