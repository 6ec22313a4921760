import Foundation
@testable import Pipeline
import TestSupport
import Testing

/// One build at a time per database and per output folder (one `mail` at a time: `MailJobTests`).
@Suite struct JobLockTests {
    @Test func aSecondBuildOfTheSameDatabaseIsRefused() throws {
        let scratch = try ScratchFolder()
        let db = scratch.path("db.sqlite")
        let held = try JobLock.build(database: db)
        defer { held.release() }
        #expect {
            try BuildJob.run(BuildOptions(databasePath: db, output: scratch.url.appendingPathComponent("site")))
        } throws: { error in
            (error as? BuildError)?.description == "another build is running on \(db)"
        }
    }

    /// A build from another database into the same folder would take the first build's staging
    /// folder for an earlier build's leftovers and remove it.
    @Test func aBuildIntoAFolderAnotherBuildIsWritingIsRefusedAndLeavesItsWorkAlone() throws {
        let scratch = try ScratchFolder()
        let site = scratch.url.appendingPathComponent("site")
        _ = try BuildJob.run(BuildOptions(databasePath: scratch.path("first.sqlite"), output: site))
        let held = try JobLock.build(outputFolder: site)
        let staging = scratch.url.appendingPathComponent(".site.staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        #expect {
            try BuildJob.run(BuildOptions(databasePath: scratch.path("second.sqlite"), output: site))
        } throws: { error in
            (error as? BuildError)?.description
                == "another build is writing the site in \(site.standardizedFileURL.path); the published site is unchanged"
        }
        #expect(FileManager.default.fileExists(atPath: staging.path), "the running build's staging folder is left alone")
        held.release()
        // The same folder given another way (a trailing "/.") is the same lock.
        let again = try JobLock.build(outputFolder: scratch.url.appendingPathComponent("site/."))
        #expect(throws: BuildError.self) { try JobLock.build(outputFolder: site) }
        again.release()
        _ = try BuildJob.run(BuildOptions(databasePath: scratch.path("second.sqlite"), output: site))
        #expect(!FileManager.default.fileExists(atPath: staging.path), "once free, the next build removes the leftovers")
    }
}
