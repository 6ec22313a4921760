import Extracts
import Foundation
@testable import Pipeline
import Site
import TestSupport
import Testing

/// The CSV and JSON extracts are written on two threads: a failure on either must surface, and
/// only after the other thread is done with the staging folder.
@Suite struct ExtractsStepTests {
    struct WriteFailed: Error {}

    static func file(_ path: String, _ format: ExtractFormat, delay: Double = 0, fails: Bool = false) -> ExtractFile {
        ExtractFile(path: path, format: format) { out in
            Thread.sleep(forTimeInterval: delay)
            if fails { throw WriteFailed() }
            out.append("written\n")
            try out.flush()
        }
    }

    @Test func writesBothFormats() throws {
        let scratch = try ScratchFolder()
        let staging = try SiteStaging(output: scratch.url.appendingPathComponent("site"), keepPublished: false)
        try ExtractsStep.writeSideBySide([Self.file("data/a.csv", .csv), Self.file("data/a.json", .json)], to: staging)
        #expect(staging.exists("data/a.csv") && staging.exists("data/a.json"))
    }

    @Test func aFailedJSONFileThrowsOnceTheCSVIsDone() throws {
        let scratch = try ScratchFolder()
        let staging = try SiteStaging(output: scratch.url.appendingPathComponent("site"), keepPublished: false)
        let files = [Self.file("data/a.csv", .csv, delay: 0.2), Self.file("data/a.json", .json, fails: true)]
        #expect(throws: WriteFailed.self) { try ExtractsStep.writeSideBySide(files, to: staging) }
        #expect(staging.exists("data/a.csv"))
        #expect(!staging.exists("data/a.json"))
    }

    @Test func aFailedCSVFileThrowsOnceTheJSONIsDone() throws {
        let scratch = try ScratchFolder()
        let staging = try SiteStaging(output: scratch.url.appendingPathComponent("site"), keepPublished: false)
        let files = [Self.file("data/a.csv", .csv, fails: true), Self.file("data/a.json", .json, delay: 0.2)]
        #expect(throws: WriteFailed.self) { try ExtractsStep.writeSideBySide(files, to: staging) }
        #expect(staging.exists("data/a.json"))
        #expect(!staging.exists("data/a.csv"))
    }
}
