import Foundation
import TestSupport
import Testing
@testable import Site

/// Streamed files (the extracts) are written past the page cache in whole blocks, with the last
/// partial block written the usual way: the bytes on disk must be exactly those handed over.
@Suite struct StagingTests {
    /// Bytes in uneven chunks: a direct buffer of 4 MB fills mid-chunk several times over.
    static func chunks(total: Int, seed: UInt8) -> (whole: Data, chunks: [[UInt8]]) {
        var bytes = [UInt8](repeating: 0, count: total)
        bytes.withUnsafeMutableBufferPointer { b in
            for i in b.indices { b[i] = UInt8(truncatingIfNeeded: i &* 31) &+ seed }
        }
        var result: [[UInt8]] = []
        var made = 0
        var size = 777_777
        while made < total {
            let n = min(size, total - made)
            result.append(Array(bytes[made..<made + n]))
            made += n
            size = size * 3 % 1_900_000 + 1
        }
        return (Data(bytes), result)
    }

    static func stream(_ chunks: [[UInt8]], to staging: SiteStaging, _ path: String) throws {
        try staging.write(path) { emit in
            for chunk in chunks { try chunk.withUnsafeBytes { try emit($0) } }
        }
    }

    @Test(arguments: [0, 1, 4095, 4 << 20, (4 << 20) + 1, 13_000_003])
    func streamedFileHoldsExactlyTheBytesHandedOver(size: Int) throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let staging = try SiteStaging(output: root.appendingPathComponent("site"), keepPublished: false)
        let (whole, chunks) = Self.chunks(total: size, seed: 7)
        try Self.stream(chunks, to: staging, "data/big.json")
        let written = try Data(contentsOf: staging.staging.appendingPathComponent("data/big.json"))
        #expect(written == whole)
        #expect(staging.changedFiles == 1)
    }

    @Test func largeFileWithTheSameBytesIsLeftAloneAndOtherBytesReplaceIt() throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let output = root.appendingPathComponent("site")
        let first = Self.chunks(total: 9_000_001, seed: 1).chunks
        let staging = try SiteStaging(output: output, keepPublished: true)
        try Self.stream(first, to: staging, "data/big.csv")
        #expect(try staging.publish())

        let again = try SiteStaging(output: output, keepPublished: true)
        try Self.stream(first, to: again, "data/big.csv")
        #expect(again.changedFiles == 0)
        #expect(try !again.publish())

        let (otherWhole, other) = Self.chunks(total: 9_000_001, seed: 2)
        let third = try SiteStaging(output: output, keepPublished: true)
        try Self.stream(other, to: third, "data/big.csv")
        #expect(third.changedFiles == 1)
        #expect(try third.publish())
        #expect(try Data(contentsOf: output.appendingPathComponent("data/big.csv")) == otherWhole)
    }

    @Test func aPathWrittenTwiceInOneBuildIsRefused() throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let staging = try SiteStaging(output: root.appendingPathComponent("site"), keepPublished: false)
        try staging.write("games/1/index.html", "first")
        #expect {
            try staging.write("games/1/index.html", "second")
        } throws: { error in
            "\(error)" == "games/1/index.html: written twice in one build (two pages or files claim one path)"
        }
        // Also when only the case differs, as some file systems fold it, and when streamed.
        #expect(throws: PublishError.self) { try staging.write("GAMES/1/index.html", "third") }
        #expect(throws: PublishError.self) { try Self.stream([[1, 2, 3]], to: staging, "games/1/index.html") }
        #expect(String(decoding: try Data(contentsOf: staging.staging.appendingPathComponent("games/1/index.html")), as: UTF8.self) == "first")
    }

    /// Two writers of one file (which the staging folder refuses, but a file must not be torn even
    /// so) each write through a temporary file of their own: the file ends up whole, one or the other.
    @Test func twoWritersOfOneFileEachHaveTheirOwnTemporaryFile() throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let target = root.appendingPathComponent("index.html")
        let a = Self.chunks(total: 300_000, seed: 1), b = Self.chunks(total: 200_000, seed: 2)
        let first = try StreamedFile(target: target.path), second = try StreamedFile(target: target.path)
        // Interleaved, as two threads would.
        for (x, y) in zip(a.chunks, b.chunks) {
            try x.withUnsafeBytes { try first.write($0) }
            try y.withUnsafeBytes { try second.write($0) }
        }
        for x in a.chunks.dropFirst(b.chunks.count) { try x.withUnsafeBytes { try first.write($0) } }
        for y in b.chunks.dropFirst(a.chunks.count) { try y.withUnsafeBytes { try second.write($0) } }
        #expect(try first.finish())
        #expect(try Data(contentsOf: target) == a.whole)
        #expect(try second.finish())
        #expect(try Data(contentsOf: target) == b.whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["index.html"])
    }

    @Test func manyThreadsWritingOneFolderLeaveEveryFileWholeAndNoTemporaryFile() throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let staging = try SiteStaging(output: root.appendingPathComponent("site"), keepPublished: false)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            try? staging.write("games/page-\(i % 4)/\(i).html", String(repeating: "\(i),", count: 1_000 * (i % 7 + 1)))
        }
        #expect(staging.changedFiles == 64)
        for i in 0..<64 {
            let text = String(decoding: try Data(contentsOf: staging.staging.appendingPathComponent("games/page-\(i % 4)/\(i).html")), as: UTF8.self)
            #expect(text == String(repeating: "\(i),", count: 1_000 * (i % 7 + 1)))
        }
        for folder in 0..<4 {
            #expect(staging.list("games/page-\(folder)").allSatisfy { !$0.hasPrefix(".") })
        }
    }

    /// The new version starts as the published one: the same folders, every file a hard link to
    /// the published file (dot files included), and a link to a folder walked as a folder.
    @Test func theNewVersionStartsAsHardLinksToThePublishedFiles() throws {
        let scratch = try ScratchFolder()
        let site = scratch.url.appendingPathComponent("site")
        let fm = FileManager.default
        for (path, text) in [("index.html", "a"), ("games/1/index.html", "b"), ("games/1/chart-1.csv", "c"),
                             (".htaccess", "d"), ("data/2026-03-01/summary.csv", "e")] {
            let url = site.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let elsewhere = scratch.url.appendingPathComponent("elsewhere")
        try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("f".utf8).write(to: elsewhere.appendingPathComponent("notes.txt"))
        try fm.createSymbolicLink(at: site.appendingPathComponent("linked"), withDestinationURL: elsewhere)

        let staging = try SiteStaging(output: site, keepPublished: true)
        func inode(_ url: URL) -> UInt64? {
            var info = stat()
            return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
        }
        for path in ["index.html", "games/1/index.html", "games/1/chart-1.csv", ".htaccess",
                     "data/2026-03-01/summary.csv", "linked/notes.txt"] {
            let published = inode(site.appendingPathComponent(path))
            #expect(published != nil)
            #expect(inode(staging.staging.appendingPathComponent(path)) == published, "\(path)")
        }
        var isFolder: ObjCBool = false
        let linked = staging.staging.appendingPathComponent("linked").path
        #expect(fm.fileExists(atPath: linked, isDirectory: &isFolder) && isFolder.boolValue)
        #expect((try? fm.destinationOfSymbolicLink(atPath: linked)) == nil, "a folder of its own, not a link")
        staging.discard()
    }

    /// Removing a version of the site removes its folders and files and the links in it, never
    /// what a link points to; a path with nothing there is already removed.
    @Test func removingATreeRemovesLinksNotWhatTheyPointTo() throws {
        let scratch = try ScratchFolder()
        let fm = FileManager.default
        let tree = scratch.url.appendingPathComponent("old")
        for path in ["index.html", "games/1/index.html", "games/1/chart-1.csv", ".hidden/x", "a/b/c/d/e.txt"] {
            let url = tree.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        try fm.createDirectory(at: tree.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let outside = scratch.url.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        try fm.createSymbolicLink(at: tree.appendingPathComponent("games/linked"), withDestinationURL: outside)
        try fm.createSymbolicLink(at: tree.appendingPathComponent("file-link"),
                                  withDestinationURL: outside.appendingPathComponent("keep.txt"))

        let remove = PublishOperations.system.removeTree
        #expect(remove(tree.path) == 0)
        #expect(!fm.fileExists(atPath: tree.path))
        #expect(fm.fileExists(atPath: outside.appendingPathComponent("keep.txt").path))
        #expect(remove(tree.path) == 0, "nothing there")
        let file = scratch.url.appendingPathComponent("single")
        try Data("x".utf8).write(to: file)
        #expect(remove(file.path) == 0)
        #expect(!fm.fileExists(atPath: file.path))
    }
}
