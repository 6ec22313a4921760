import CFileSwap
import Foundation

public struct PublishError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// A new version of the output folder, assembled beside it and swapped in whole, so a host never
/// serves a half-built site.
///
/// Unchanged files are hard links to the published ones, and a file is only replaced when its
/// bytes differ, so a build with nothing new changes no file (and `publish()` then does nothing).
///
/// Files may be written from several threads at once (extracts and pages are written side by
/// side); `publish()` and `discard()` come after every writer is done.
public final class SiteStaging: @unchecked Sendable {
    public let output: URL
    public let staging: URL
    private let fm = FileManager.default
    private let counts = NSLock()
    private var changed = 0
    private var removed = 0
    public var changedFiles: Int { counts.withLock { changed } }
    public var removedFiles: Int { counts.withLock { removed } }

    /// - Parameter keepPublished: start from the published files (an incremental build); when
    ///   false the new version starts empty and everything must be written again.
    public init(output: URL, keepPublished: Bool) throws {
        self.output = output.standardizedFileURL
        let name = self.output.lastPathComponent
        staging = self.output.deletingLastPathComponent().appendingPathComponent(".\(name).staging")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: self.output.deletingLastPathComponent(), withIntermediateDirectories: true)
            if keepPublished, fm.fileExists(atPath: self.output.path) {
                try linkTree(from: self.output, to: staging)
            } else {
                try fm.createDirectory(at: staging, withIntermediateDirectories: true)
                if fm.fileExists(atPath: self.output.path) {
                    removed = 1
                    // Files the host's owner put there (.htaccess, .well-known, .gitkeep) are not ours
                    // to drop when the pages are rewritten from scratch.
                    for name in try fm.contentsOfDirectory(atPath: self.output.path) where name.hasPrefix(".") {
                        let source = self.output.appendingPathComponent(name)
                        var isDirectory: ObjCBool = false
                        _ = fm.fileExists(atPath: source.path, isDirectory: &isDirectory)
                        if isDirectory.boolValue {
                            try linkTree(from: source, to: staging.appendingPathComponent(name))
                        } else if link(source.path, staging.appendingPathComponent(name).path) != 0 {
                            try fm.copyItem(at: source, to: staging.appendingPathComponent(name))
                        }
                    }
                }
            }
        } catch {
            throw PublishError(path: self.output.path, reason: "cannot prepare the new version: \(error.localizedDescription)")
        }
    }

    /// Whether the new version has this file (published or written in this build).
    public func exists(_ relativePath: String) -> Bool {
        fm.fileExists(atPath: staging.appendingPathComponent(relativePath).path)
    }

    /// Writes a file unless the same bytes are already there.
    public func write(_ relativePath: String, _ contents: String) throws {
        try write(relativePath, Data(contents.utf8))
    }

    public func write(_ relativePath: String, _ data: Data) throws {
        try Self.checkRelative(relativePath)
        let target = staging.appendingPathComponent(relativePath)
        if let existing = fm.contents(atPath: target.path), existing == data { return }
        try write(relativePath, large: false) { emit in try data.withUnsafeBytes { try emit($0) } }
    }

    /// Writes a file handed over in chunks (`produce` calls its argument with each), unless the
    /// same bytes are already there; for files too large to build in memory. A new file goes to a
    /// temporary name and is renamed over the old one: the old name may be a hard link to the
    /// published copy, which must not change under the host's feet.
    public func write(_ relativePath: String,
                      streaming produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try write(relativePath, large: true, produce)
    }

    private func write(_ relativePath: String, large: Bool,
                       _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try Self.checkRelative(relativePath)
        let target = staging.appendingPathComponent(relativePath)
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let file = try StreamedFile(target: target, large: large)
        do {
            try produce { try file.write($0) }
            if try file.finish() { counts.withLock { changed += 1 } }
        } catch {
            file.abandon()
            throw error
        }
    }

    /// Removes a file or folder from the new version.
    public func remove(_ relativePath: String) throws {
        try Self.checkRelative(relativePath)
        let target = staging.appendingPathComponent(relativePath)
        if fm.fileExists(atPath: target.path) {
            try fm.removeItem(at: target)
            counts.withLock { removed += 1 }
        }
    }

    /// Relative paths of the entries directly inside a folder of the new version.
    public func list(_ relativeFolder: String) -> [String] {
        (try? fm.contentsOfDirectory(atPath: staging.appendingPathComponent(relativeFolder).path))?.sorted() ?? []
    }

    /// Swaps the new version in. Returns false (and leaves the published folder alone) when
    /// nothing changed.
    @discardableResult
    public func publish() throws -> Bool {
        guard changedFiles > 0 || removedFiles > 0 || !fm.fileExists(atPath: output.path) else {
            discard()
            return false
        }
        // Files are written without a flush each (Foundation's Data.write flushed every file, a disk
        // round trip per page); one flush of the whole file system before the swap makes the new
        // version durable before it is visible.
        flushToDisk()
        if fm.fileExists(atPath: output.path) {
            if file_swap_exchange(staging.path, output.path) != 0 {
                // No atomic exchange here: fall back to two renames, a brief moment without a site.
                let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old")
                try? fm.removeItem(at: old)
                try fm.moveItem(at: output, to: old)
                try fm.moveItem(at: staging, to: output)
                try? fm.removeItem(at: old)
                return true
            }
            try? fm.removeItem(at: staging)  // now holds the previous version
        } else {
            try fm.moveItem(at: staging, to: output)
        }
        return true
    }

    private func flushToDisk() {
        #if os(Linux)
        // Only the file system holding the new version (Glibc's module does not export syncfs).
        let folder = open(staging.path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            defer { close(folder) }
            if linuxSyncFS(folder) == 0 { return }
        }
        #endif
        sync()
    }

    public func discard() {
        try? fm.removeItem(at: staging)
    }

    private func linkTree(from source: URL, to destination: URL) throws {
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source.path) {
            let s = source.appendingPathComponent(name)
            let d = destination.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: s.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try linkTree(from: s, to: d)
            } else if link(s.path, d.path) != 0 {
                try fm.copyItem(at: s, to: d)
            }
        }
    }

    /// Output paths come from ids, never from names; still, refuse anything that could escape.
    static func checkRelative(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0.isEmpty }),
            !path.contains("\0")
        else { throw PublishError(path: path, reason: "not a safe relative path") }
    }
}

#if os(Linux)
@_silgen_name("syncfs")
private func linuxSyncFS(_ fd: Int32) -> Int32
#endif
