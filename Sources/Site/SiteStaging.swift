import CFileSwap
import Foundation

public struct PublishError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// A new version of the output folder, assembled beside it and swapped in whole (`FolderSwap`), so
/// a host never serves a half-built site and a failed publish leaves the published one in place.
///
/// Unchanged files are hard links to the published ones, and a file is only replaced when its
/// bytes differ, so a build with nothing new changes no file (and `publish()` then does nothing).
///
/// Files may be written from several threads at once (extracts and pages are written side by
/// side), each through a temporary file of its own; a path written twice in one build is refused,
/// so two pages can never share a file. `publish()` and `discard()` come after every writer is done.
public final class SiteStaging: @unchecked Sendable {
    public let output: URL
    public let staging: URL
    private let swap: FolderSwap
    private let fm = FileManager.default
    private let counts = NSLock()
    private var changed = 0
    private var removed = 0
    /// Paths written in this build, lowercased: some file systems fold case.
    private var claimed: Set<String> = []
    /// Folders made (or found) in this build, relative to the staging folder.
    private var madeFolders: Set<String> = []
    private let stagingPath: String
    public var changedFiles: Int { counts.withLock { changed } }
    public var removedFiles: Int { counts.withLock { removed } }

    /// Starts a new version, after undoing what an interrupted or failed earlier build left.
    ///
    /// - Parameters:
    ///   - keepPublished: start from the published files (an incremental build); when false the
    ///     new version starts empty and everything must be written again.
    ///   - operations: the file-system operations of the swap (tests replace them).
    public init(output: URL, keepPublished: Bool, operations: PublishOperations = .system) throws {
        self.output = output.standardizedFileURL
        swap = FolderSwap(output: self.output, operations: operations)
        staging = URL(fileURLWithPath: swap.staging)
        stagingPath = swap.staging
        do {
            try fm.createDirectory(at: self.output.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: self.output.path, reason: "cannot prepare the new version: \(error.localizedDescription); the published site is unchanged")
        }
        try swap.recoverLeftovers()
        do {
            if keepPublished, fm.fileExists(atPath: self.output.path) {
                if file_link_tree(self.output.path, staging.path) != 0 {
                    // A file system that cannot link some file: again, copying what cannot be linked.
                    try? fm.removeItem(at: staging)
                    try linkTree(from: self.output, to: staging)
                }
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
            discard()
            throw PublishError(path: self.output.path, reason: "cannot prepare the new version: \(error.localizedDescription); the published site is unchanged")
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
        let target = try claim(relativePath)
        // Most pages of a nightly build change, and a changed page mostly changes its length:
        // only a file of the same length is read to compare, and only once.
        var info = stat()
        let sameLength = stat(target, &info) == 0 && Int(info.st_size) == data.count
        if sameLength, let existing = fm.contents(atPath: target), existing == data { return }
        try write(relativePath, at: target, large: false, compare: false) { emit in
            try data.withUnsafeBytes { try emit($0) }
        }
    }

    /// Writes a file handed over in chunks (`produce` calls its argument with each), unless the
    /// same bytes are already there; for files too large to build in memory. A new file goes to a
    /// temporary name and is renamed over the old one: the old name may be a hard link to the
    /// published copy, which must not change under the host's feet.
    public func write(_ relativePath: String,
                      streaming produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try write(relativePath, at: try claim(relativePath), large: true, produce)
    }

    /// The path of a file in the new version, refused when the relative path is unsafe or was
    /// already written in this build.
    private func claim(_ relativePath: String) throws -> String {
        try Self.checkRelative(relativePath)
        let key = relativePath.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 })
            ? relativePath.lowercased() : relativePath
        let isNew = counts.withLock { claimed.insert(key).inserted }
        guard isNew else {
            throw PublishError(path: relativePath, reason: "written twice in one build (two pages or files claim one path)")
        }
        return stagingPath + "/" + relativePath
    }

    /// - Parameter compare: whether the bytes already there may be the same (read along to see).
    private func write(_ relativePath: String, at target: String, large: Bool, compare: Bool = true,
                       _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try makeFolder(of: relativePath)
        let file = try StreamedFile(target: target, large: large, compare: compare)
        do {
            try produce { try file.write($0) }
            if try file.finish() { counts.withLock { changed += 1 } }
        } catch {
            file.abandon()
            throw error
        }
    }

    /// Makes the folder a file goes in, once per build: tens of thousands of pages share a few
    /// thousand folders.
    private func makeFolder(of relativePath: String) throws {
        guard let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let folder = String(relativePath[..<slash])
        guard !counts.withLock({ madeFolders.contains(folder) }) else { return }
        do {
            try fm.createDirectory(atPath: stagingPath + "/" + folder, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: relativePath, reason: "cannot make its folder: \(error.localizedDescription)")
        }
        counts.withLock { _ = madeFolders.insert(folder) }
    }

    /// Removes a file or folder from the new version.
    public func remove(_ relativePath: String) throws {
        try Self.checkRelative(relativePath)
        let target = staging.appendingPathComponent(relativePath)
        if fm.fileExists(atPath: target.path) {
            try fm.removeItem(at: target)
            counts.withLock {
                removed += 1
                madeFolders = madeFolders.filter { $0 != relativePath && !$0.hasPrefix(relativePath + "/") }
            }
        }
    }

    /// Relative paths of the entries directly inside a folder of the new version.
    public func list(_ relativeFolder: String) -> [String] {
        (try? fm.contentsOfDirectory(atPath: staging.appendingPathComponent(relativeFolder).path))?.sorted() ?? []
    }

    /// Hands what is written so far on this file system (the new version's files, the database's
    /// pages) to the disk, waiting until it is there, so that the flush before the swap
    /// (`publish()`) finds little left to do: a build calls it on a thread of its own, every
    /// second while it renders the pages. Only a head start: a failure here is the final flush's
    /// to report.
    public func flushSoFar() {
        _ = file_sync_filesystem(stagingPath)
    }

    /// Swaps the new version in. Returns false (and leaves the published folder alone) when
    /// nothing changed. Throws when the new version cannot be flushed to disk or swapped in; the
    /// published site is then as it was (see `FolderSwap`).
    @discardableResult
    public func publish() throws -> Bool {
        guard changedFiles > 0 || removedFiles > 0 || !fm.fileExists(atPath: output.path) else {
            discard()
            return false
        }
        try swap.swapIn()
        return true
    }

    /// Drops the new version (what a failed removal leaves, the next build removes).
    public func discard() {
        _ = swap.operations.removeTree(staging.path)
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
        var safe = !path.isEmpty
        var partLength = 0
        var partIsDots = true
        var dots = 0
        for byte in path.utf8 where safe {
            if byte == UInt8(ascii: "/") {
                // An empty part (a leading slash, "//") or a ".." part.
                safe = partLength > 0 && !(partIsDots && dots == 2)
                partLength = 0
                partIsDots = true
                dots = 0
            } else {
                safe = byte != 0
                partLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 } else { partIsDots = false }
            }
        }
        if safe { safe = partLength > 0 && !(partIsDots && dots == 2) }
        guard safe else { throw PublishError(path: path, reason: "not a safe relative path") }
    }
}
