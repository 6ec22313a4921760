#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An advisory lock on a file beside what a job writes, held until released or until the
/// process ends, however it ends: one build at a time per database and per output folder, one
/// `mail` at a time per database.
final class JobLock {
    private var fd: Int32
    /// Removed on release (with the lock still held, see `init`), so that nothing is left beside
    /// the site; nil for lock files that stay beside the database.
    private let removable: String?

    /// Refuses a second build of the same database (`<db>.build-lock`).
    static func build(database: String) throws -> JobLock {
        try JobLock(file: database + ".build-lock", busy: BuildError.busy(database)) {
            JobLockError.cannotCreate(database + ".build-lock", reason: $0)
        }
    }

    /// Refuses a second build into the same output folder (`.NAME.build-lock` beside the folder
    /// `NAME`, there only while a build runs) from another database or another path to the same
    /// one: it would remove the first build's staging folder as the leftovers of a failed build,
    /// and one of the two could swap in a half-built site.
    static func build(outputFolder: URL) throws -> JobLock {
        let output = outputFolder.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let name = ".\(output.lastPathComponent).build-lock"
        return try JobLock(file: parent.appendingPathComponent(name).path, busy: BuildError.outputBusy(output.path),
                           removeOnRelease: true) {
            JobLockError.cannotCreateBesideOutput(output.path, lockFile: name, reason: $0)
        }
    }

    /// Waits for another `mail` of the same database (`<db>.mail-lock`) to finish, so that this
    /// one reads which recipients it sent the digest to instead of sending it to them again.
    static func mail(database: String) throws -> JobLock {
        try JobLock(file: database + ".mail-lock", busy: nil) { JobLockError.cannotCreate(database + ".mail-lock", reason: $0) }
    }

    /// - Parameters:
    ///   - busy: thrown at once when another holder has the lock; nil waits for it.
    ///   - removeOnRelease: the file is removed on release. A holder that opened it just before
    ///     could then lock a file no longer at the path, so a lock is only taken on the file the
    ///     path names once locked.
    ///   - cannotCreate: the error for a lock file that cannot be made, from the system's reason.
    private init(file: String, busy: (any Error)?, removeOnRelease: Bool = false,
                 cannotCreate: (String) -> any Error) throws {
        removable = removeOnRelease ? file : nil
        while true {
            fd = open(file, O_RDWR | O_CREAT, 0o644)
            guard fd >= 0 else { throw cannotCreate(String(cString: strerror(errno))) }
            while flock(fd, busy == nil ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
                let reason = String(cString: strerror(errno))
                if busy == nil && errno == EINTR { continue }
                close(fd)
                fd = -1
                throw busy ?? cannotCreate(reason)
            }
            if !removeOnRelease || Self.isSameFile(fd, file) { return }
            close(fd)
        }
    }

    private static func isSameFile(_ fd: Int32, _ path: String) -> Bool {
        var open = stat()
        var named = stat()
        return fstat(fd, &open) == 0 && stat(path, &named) == 0 && open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }

    func release() {
        guard fd >= 0 else { return }
        if let removable { unlink(removable) }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

/// A lock file that cannot be made (a read-only or full disk, no permission): the job stops
/// before it writes anything.
public enum JobLockError: Error, CustomStringConvertible {
    case cannotCreate(String, reason: String)
    case cannotCreateBesideOutput(String, lockFile: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "\(path): cannot create the lock file: \(reason)"
        case .cannotCreateBesideOutput(let path, let lockFile, let reason):
            return "\(path): cannot create the build's lock file beside it (\(lockFile)): \(reason); the published site is unchanged"
        }
    }
}
