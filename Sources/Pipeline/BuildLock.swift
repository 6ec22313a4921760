#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One build at a time per database (`<db>.build-lock`) and per output folder
/// (`.NAME.build-lock` beside the folder `NAME`): an advisory lock on the file, held until
/// released or until the process ends, however it ends.
final class BuildLock {
    private var fd: Int32

    /// Refuses a second build of the same database.
    convenience init(databasePath: String) throws {
        try self.init(file: databasePath + ".build-lock", busy: .busy(databasePath))
    }

    /// Refuses a second build into the same output folder from another database (or another
    /// path to the same one): it would remove the first build's staging folder as the leftovers
    /// of a failed build, and one of the two could swap in a half-built site.
    convenience init(outputFolder: URL) throws {
        let output = outputFolder.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try self.init(
            file: parent.appendingPathComponent(".\(output.lastPathComponent).build-lock").path,
            busy: .outputBusy(output.path))
    }

    private init(file: String, busy: BuildError) throws {
        fd = open(file, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw BuildError.cannotLock(file, String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            fd = -1
            throw busy
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
