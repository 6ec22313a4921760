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

    /// Refuses a second build of the same database (`<db>.build-lock`).
    static func build(database: String) throws -> JobLock {
        try JobLock(file: database + ".build-lock", busy: BuildError.busy(database))
    }

    /// Refuses a second build into the same output folder (`.NAME.build-lock` beside the folder
    /// `NAME`) from another database or another path to the same one: it would remove the first
    /// build's staging folder as the leftovers of a failed build, and one of the two could swap
    /// in a half-built site.
    static func build(outputFolder: URL) throws -> JobLock {
        let output = outputFolder.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        return try JobLock(
            file: parent.appendingPathComponent(".\(output.lastPathComponent).build-lock").path,
            busy: BuildError.outputBusy(output.path))
    }

    /// Waits for another `mail` of the same database (`<db>.mail-lock`) to finish, so that this
    /// one reads which recipients it sent the digest to instead of sending it to them again.
    static func mail(database: String) throws -> JobLock {
        try JobLock(file: database + ".mail-lock", busy: nil)
    }

    /// - Parameter busy: thrown at once when another holder has the lock; nil waits for it.
    private init(file: String, busy: (any Error)?) throws {
        fd = open(file, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw BuildError.cannotLock(file, String(cString: strerror(errno))) }
        while flock(fd, busy == nil ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            if busy == nil && errno == EINTR { continue }
            close(fd)
            fd = -1
            throw busy ?? BuildError.cannotLock(file, String(cString: strerror(errno)))
        }
    }

    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
