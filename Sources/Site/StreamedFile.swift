import Foundation

/// One file of the staged site written in chunks: into a temporary file beside its place, while
/// comparing with the bytes already there. Identical bytes leave the old file (a hard link to the
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

    init(target: URL) throws {
        self.target = target.path
        temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).new").path
        existing = open(self.target, O_RDONLY)
        sameSoFar = existing >= 0
        output = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if output < 0 {
            if existing >= 0 { close(existing) }
            throw PublishError(path: temporary, reason: String(cString: strerror(errno)))
        }
    }

    func write(_ chunk: UnsafeRawBufferPointer) throws {
        guard let base = chunk.baseAddress else { return }
        if sameSoFar { sameSoFar = existingContinues(with: chunk) }
        var done = 0
        while done < chunk.count {
            let n = Foundation.write(output, base + done, chunk.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw PublishError(path: temporary, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        written += Int64(chunk.count)
        if written - handedToDisk >= Self.writebackChunk { startWriteback() }
    }

    private func startWriteback() {
        #if os(Linux)
        _ = linuxSyncFileRange(output, handedToDisk, written - handedToDisk, 2)  // SYNC_FILE_RANGE_WRITE: start, do not wait
        #endif
        handedToDisk = written
    }

    /// Puts the new bytes in place unless they equal the old ones. Returns whether the file changed.
    func finish() throws -> Bool {
        defer { closeFiles() }
        if sameSoFar {
            var byte: UInt8 = 0
            sameSoFar = read(existing, &byte, 1) == 0  // the old file must end here too
        }
        if sameSoFar {
            unlink(temporary)
            return false
        }
        if rename(temporary, target) != 0 {
            throw PublishError(path: target, reason: String(cString: strerror(errno)))
        }
        return true
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

#if os(Linux)
@_silgen_name("sync_file_range")
private func linuxSyncFileRange(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
#endif
