import Foundation
@testable import Pipeline
import TestSupport
import Testing

/// An output folder reached through a symbolic link (a web server's root linked to the site, or
/// the site linked into a home folder) is published where the link points.
@Suite struct LinkedOutputTests {
    @Test func aBuildThroughALinkPublishesIntoItsTargetAndKeepsTheLink() throws {
        let scratch = try ScratchFolder()
        let (real, link) = try Self.linkedFolder(in: scratch)
        let db = scratch.path("db.sqlite")
        _ = try importAndBuild([Fixtures.tinyNDJSON.path], db: db, out: link)
        // The second build finds the published site where the first put it, and changes nothing.
        #expect(try BuildJob.run(BuildOptions(databasePath: db, output: link)).changedFiles == 0)
        let kind = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
        #expect(kind == .typeSymbolicLink, "the link is left a link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("index.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("www").path) == ["site"],
                "nothing is left beside the published site")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".site") }.isEmpty,
                "nor beside the link")
    }

    @Test func aBuildThroughALinkMeetsTheLockOfABuildNamingTheFolderItself() throws {
        let scratch = try ScratchFolder()
        let (real, link) = try Self.linkedFolder(in: scratch)
        let held = try JobLock.build(outputFolder: real)
        defer { held.release() }
        #expect {
            try BuildJob.run(BuildOptions(databasePath: scratch.path("db.sqlite"), output: link))
        } throws: { error in
            (error as? BuildError)?.description == "another build is writing the site in \(real.path); the published site is unchanged"
        }
    }

    @Test func aNewFolderInsideALinkedOneIsPublishedThroughTheLink() throws {
        let scratch = try ScratchFolder()
        let (real, link) = try Self.linkedFolder(in: scratch)
        _ = try importAndBuild([Fixtures.tinyNDJSON.path], db: scratch.path("db.sqlite"),
                               out: link.appendingPathComponent("reports/site"))
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("reports/site/index.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.appendingPathComponent("reports").path) == ["site"],
                "nothing is left beside the published site")
    }

    /// `www/site`, and `site` a link to it.
    static func linkedFolder(in scratch: ScratchFolder) throws -> (real: URL, link: URL) {
        let real = scratch.url.appendingPathComponent("www/site")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = scratch.url.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        return (real, link)
    }
}
