import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real, small file system for tests of a full disk: a tmpfs mounted on a fresh temporary
/// folder. Only on Linux as root (or with CAP_SYS_ADMIN); `mount` answers nil elsewhere, and the
/// test falls back to an injected failure.
final class SmallFileSystem {
    let folder: URL

    private init(folder: URL) { self.folder = folder }

    static func mount(bytes: Int) -> SmallFileSystem? {
        #if os(Linux)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tmpfs-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return nil }
        guard Glibc.mount("tmpfs", folder.path, "tmpfs", 0, "size=\(bytes)") == 0 else {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
        return SmallFileSystem(folder: folder)
        #else
        return nil
        #endif
    }

    /// Bytes in use.
    var usedBytes: Int {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return 0 }
        return Int(info.f_blocks - info.f_bfree) * Int(info.f_frsize)
    }

    /// Grows or shrinks the file system (not below what is in use).
    func resize(bytes: Int) throws {
        try remount(readOnly: false, options: "size=\(bytes)")
    }

    /// Makes the file system read-only, or writable again.
    func setReadOnly(_ readOnly: Bool) throws {
        try remount(readOnly: readOnly, options: "")
    }

    private func remount(readOnly: Bool, options: String) throws {
        #if os(Linux)
        let flags: UInt = 32 | (readOnly ? 1 : 0)  // MS_REMOUNT, MS_RDONLY
        guard Glibc.mount("tmpfs", folder.path, "tmpfs", flags, options) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "remount: \(String(cString: strerror(errno)))"])
        }
        #endif
    }

    func unmount() {
        #if os(Linux)
        _ = umount2(folder.path, 2)  // MNT_DETACH
        #endif
        try? FileManager.default.removeItem(at: folder)
    }
}
