import Foundation

/// A fresh temporary folder for one test, removed with everything in it when the value goes away.
public final class ScratchFolder: @unchecked Sendable {
    public let url: URL

    /// - Parameter inMemory: in /dev/shm where there is one: a tmpfs, whose flushes cost nothing,
    ///   for tests that are about concurrency and memory rather than the disk.
    public init(inMemory: Bool = false) throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let parent = inMemory && FileManager.default.isWritableFile(atPath: shm.path)
            ? shm : FileManager.default.temporaryDirectory
        url = parent.appendingPathComponent("twitch-stats-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` in the folder (nothing is created).
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The URL of `name` in the folder (nothing is created).
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// A sub-folder, created with its parents.
    public func folder(_ name: String) throws -> URL {
        let folder = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let p = path(name)
        try data.write(to: URL(fileURLWithPath: p))
        return p
    }
}
