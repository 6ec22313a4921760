import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes of a file or of standard input (`-`), gunzipped on the fly when they are gzip
/// (zlib passes plain bytes through unchanged, so one reader serves both).
final class ByteSource {
    private let handle: gzFile
    let totalBytes: Int64?
    private var buffer: [UInt8]
    private(set) var bytesRead: Int64 = 0

    init(path: String, displayName: String) throws {
        let fd: Int32
        if path == "-" {
            fd = dup(STDIN_FILENO)
            totalBytes = nil
        } else {
            fd = open(path, O_RDONLY)
            var st = stat()
            totalBytes = fd >= 0 && fstat(fd, &st) == 0 ? Int64(st.st_size) : nil
        }
        guard fd >= 0 else {
            throw ImportError(file: displayName, line: 0, field: "file", reason: String(cString: strerror(errno)))
        }
        guard let h = gzdopen(fd, "rb") else {
            close(fd)
            throw ImportError(file: displayName, line: 0, field: "file", reason: "cannot read")
        }
        gzbuffer(h, 1 << 18)
        handle = h
        buffer = [UInt8](repeating: 0, count: 1 << 20)
    }

    deinit { gzclose(handle) }

    /// Position in the compressed (on-disk) input, for progress.
    var compressedOffset: Int64 { Int64(gzoffset(handle)) }

    /// Reads the next chunk into `body`; returns false at the end. Throws on a corrupt or
    /// truncated stream.
    func read(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        let n = buffer.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
        if n < 0 {
            var code: Int32 = 0
            let message = gzerror(handle, &code).map { String(cString: $0) } ?? "read error"
            throw RowProblem(field: "file", reason: message)
        }
        if n == 0 {
            // zlib hands out what it could decode and marks a stream that stops mid-way with
            // Z_BUF_ERROR rather than failing the read: without this check a cut-off .gz file
            // would import its first part silently.
            var code: Int32 = 0
            _ = gzerror(handle, &code)
            if code == Z_BUF_ERROR {
                throw RowProblem(field: "file", reason: "the compressed data ends in the middle: a truncated .gz file")
            }
            return false
        }
        bytesRead += Int64(n)
        try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<Int(n)])) }
        return true
    }
}
