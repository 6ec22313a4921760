import CFileSwap
import Foundation

/// One file of the staged site written in chunks: into a temporary file of its own beside its
/// place (a name no other writer uses, created exclusively), while comparing with the bytes
/// already there. Identical bytes leave the old file (a hard link to the
/// published copy) alone; anything else is renamed over it. Extracts run to hundreds of
/// megabytes, so neither the new nor the old version is ever held whole.
final class StreamedFile {
    private let target: String
    private let temporary: String
    private var output: Int32
    /// The file already at `target`, read along to compare; -1 when there is none.
    private var existing: Int32
    private var sameSoFar: Bool
    private var scratch: [UInt8] = []
    private var written: Int64 = 0
    /// Bytes already handed to the disk (see `startWriteback`).
    private var handedToDisk: Int64 = 0
    /// Extracts run to hundreds of megabytes: their bytes start for the disk as they are written,
    /// so the flush before the site is swapped in finds little left to do.
    private static let writebackChunk: Int64 = 8 << 20
    /// Large files bypass the page cache (see `DirectBlocks`); nil for files written the usual way.
    private var direct: DirectBlocks?
    private var directOn = false

    /// - Parameters:
    ///   - large: the file may run to many megabytes (an extract), so its full blocks are
    ///     written past the page cache.
    ///   - compare: false when the caller knows the new bytes differ from any already there.
    init(target: String, large: Bool = false, compare: Bool = true) throws {
        self.target = target
        let folder = target.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(target[...$0]) } ?? ""
        temporary = folder + TemporaryNames.next()
        existing = compare ? open(self.target, O_RDONLY) : -1
        sameSoFar = existing >= 0
        output = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if output < 0 {
            let error = failure("cannot create its temporary file")
            if existing >= 0 { close(existing) }
            throw error
        }
        if large { direct = DirectBlocks() }
    }

    func write(_ chunk: UnsafeRawBufferPointer) throws {
        guard chunk.count > 0 else { return }
        if sameSoFar { sameSoFar = existingContinues(with: chunk) }
        guard let direct else { return try writeBuffered(chunk) }
        var rest = chunk
        while !rest.isEmpty {
            let taken = direct.take(rest)
            rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
            if direct.isFull { try writeBlocks(direct) }
        }
    }

    /// Writes the direct buffer's full blocks past the page cache, or the usual way where the
    /// file system refuses that (then the rest of the file goes the usual way too).
    private func writeBlocks(_ blocks: DirectBlocks) throws {
        defer { blocks.clear() }
        var done = 0
        if blocks.usable, setDirect(true) {
            while true {
                let n = Foundation.write(output, blocks.base, blocks.count)
                if n < 0 && errno == EINTR { continue }
                // EINVAL: some file systems take the flag, then refuse the write.
                if n < 0 && errno != EINVAL { throw failure("cannot write") }
                done = max(n, 0)
                break
            }
            written += Int64(done)
            handedToDisk = written
            if done == blocks.count { return }
        }
        blocks.usable = false
        try writeBuffered(UnsafeRawBufferPointer(start: blocks.base + done, count: blocks.count - done))
    }

    private func writeBuffered(_ chunk: UnsafeRawBufferPointer) throws {
        if directOn { _ = setDirect(false) }
        guard let base = chunk.baseAddress else { return }
        var done = 0
        while done < chunk.count {
            let n = Foundation.write(output, base + done, chunk.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write")
            }
            done += n
        }
        written += Int64(chunk.count)
        if written - handedToDisk >= Self.writebackChunk { startWriteback() }
    }

    /// Sets or clears O_DIRECT on the output; false where the file system does not allow it.
    private func setDirect(_ on: Bool) -> Bool {
        if on == directOn { return true }
        guard file_set_direct(output, on ? 1 : 0) == 0 else { return false }
        directOn = on
        return true
    }

    private func startWriteback() {
        #if os(Linux)
        _ = linuxSyncFileRange(output, handedToDisk, written - handedToDisk, 2)  // SYNC_FILE_RANGE_WRITE: start, do not wait
        #endif
        handedToDisk = written
    }

    /// Puts the new bytes in place unless they equal the old ones. Returns whether the file changed.
    /// On failure the caller abandons the file.
    func finish() throws -> Bool {
        // The last partial block goes the usual way: direct writes take whole blocks only.
        if let direct, direct.count > 0 { try writeBuffered(UnsafeRawBufferPointer(start: direct.base, count: direct.count)) }
        if sameSoFar {
            var byte: UInt8 = 0
            sameSoFar = read(existing, &byte, 1) == 0  // the old file must end here too
        }
        if sameSoFar {
            closeFiles()
            unlink(temporary)
            return false
        }
        #if !os(Linux)
        // Linux flushes the whole staging folder's file system at once before the swap (syncfs);
        // elsewhere each file is flushed before it takes its place.
        if fsync(output) != 0 { throw failure("cannot flush to disk") }
        #endif
        // A network or full file system may report a failed write only when the file is closed.
        let closed = close(output)
        output = -1
        if closed != 0 { throw failure("cannot finish writing") }
        closeFiles()
        if rename(temporary, target) != 0 {
            throw failure("cannot put in place")
        }
        return true
    }

    /// The error of a failed system call (from `errno`), naming the file being written.
    private func failure(_ what: String) -> PublishError {
        PublishError(path: target, reason: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Drops the temporary file after a failure.
    func abandon() {
        closeFiles()
        unlink(temporary)
    }

    private func closeFiles() {
        if output >= 0 { close(output) }
        if existing >= 0 { close(existing) }
        output = -1
        existing = -1
    }

    private func existingContinues(with chunk: UnsafeRawBufferPointer) -> Bool {
        if scratch.count < chunk.count { scratch = [UInt8](repeating: 0, count: chunk.count) }
        return scratch.withUnsafeMutableBytes { buffer in
            var filled = 0
            while filled < chunk.count {
                let n = read(existing, buffer.baseAddress! + filled, chunk.count - filled)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                filled += n
            }
            return memcmp(buffer.baseAddress!, chunk.baseAddress!, chunk.count) == 0
        }
    }
}

/// Names for temporary files, unique within the process (and, with the process id, among
/// processes), so no two writers ever share one; dot names, which no page or extract has.
private enum TemporaryNames {
    private static let counter = Counter()

    static func next() -> String { ".\(getpid())-\(counter.next()).new" }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}

/// The bytes of a large file on their way to the disk past the page cache (O_DIRECT), in a
/// block-aligned buffer written whenever it is full, so every direct write is whole aligned blocks
/// at an aligned offset. Why: on this kind of virtual machine, the page cache's fresh pages cost
/// the kernel about 2.5 s of CPU per gigabyte to fill (the host backs each page on first touch),
/// ten times what the formatting of the bytes costs; a direct write hands the bytes to the disk
/// with almost no CPU, and a full day's extracts are over a gigabyte.
private final class DirectBlocks {
    static let alignment = 4096
    static let capacity = 4 << 20
    let base: UnsafeMutableRawPointer
    private(set) var count = 0
    /// Cleared when the file system refuses direct writes: the rest of the file goes the usual way.
    var usable = true

    init() {
        base = UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: Self.alignment)
    }

    deinit { base.deallocate() }

    var isFull: Bool { count == Self.capacity }

    /// Copies as much of `bytes` as fits; returns how many.
    func take(_ bytes: UnsafeRawBufferPointer) -> Int {
        let n = min(bytes.count, Self.capacity - count)
        (base + count).copyMemory(from: bytes.baseAddress!, byteCount: n)
        count += n
        return n
    }

    func clear() { count = 0 }
}

#if os(Linux)
@_silgen_name("sync_file_range")
private func linuxSyncFileRange(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
#endif
