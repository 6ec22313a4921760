import Foundation
import TestSupport
import Testing
@testable import Site

/// The swap of a new version of the site for the published one is whole or not at all: with or
/// without the atomic exchange, a failure at any step leaves the published site served (or puts it
/// back), and the next build starts clean and publishes.
@Suite("Publishing")
struct PublishTests {
    typealias Failure = InjectedFaults.Failure

    /// A failure injected into one publish, and what the output folder must hold afterwards.
    struct Case: Sendable, CustomTestStringConvertible {
        var exchangeAvailable: Bool
        var failures: [Failure]
        /// Whether the publish as a whole succeeds (a failed clean-up afterwards does not fail it).
        var publishes: Bool
        var testDescription: String {
            (exchangeAvailable ? "exchange: " : "no exchange: ") + (failures.isEmpty ? "no failure" : failures.map(\.description).joined(separator: ", "))
        }
    }

    static let cases: [Case] = [
        Case(exchangeAvailable: true, failures: [], publishes: true),
        Case(exchangeAvailable: true, failures: [Failure(operation: .flushFileSystem, call: 1, code: EIO)], publishes: false),
        Case(exchangeAvailable: true, failures: [Failure(operation: .exchange, call: 1, code: EIO)], publishes: false),
        Case(exchangeAvailable: true, failures: [Failure(operation: .flushFolder, call: 1, code: EIO)], publishes: false),
        Case(exchangeAvailable: true, failures: [Failure(operation: .removeTree, call: 1, code: EBUSY)], publishes: true),
        Case(exchangeAvailable: false, failures: [], publishes: true),
        Case(exchangeAvailable: false, failures: [Failure(operation: .flushFileSystem, call: 1, code: EIO)], publishes: false),
        // Moving the published site aside.
        Case(exchangeAvailable: false, failures: [Failure(operation: .rename, call: 1, code: EACCES)], publishes: false),
        // Moving the new version in.
        Case(exchangeAvailable: false, failures: [Failure(operation: .rename, call: 2, code: ENOSPC)], publishes: false),
        Case(exchangeAvailable: false, failures: [Failure(operation: .flushFolder, call: 1, code: EIO)], publishes: false),
        Case(exchangeAvailable: false, failures: [Failure(operation: .removeTree, call: 1, code: EBUSY)], publishes: true),
        // Moving the new version in fails, and so does moving the published site back: the next
        // build moves it back.
        Case(exchangeAvailable: false, failures: [Failure(operation: .rename, call: 2, code: EIO), Failure(operation: .rename, call: 3, code: EIO)],
             publishes: false),
    ]

    static let oldSite = ["index.html": "old overview", "games/1/index.html": "old game", "data/2026-03-01/games.csv": "old,csv"]
    static let newSite = ["index.html": "new overview", "games/1/index.html": "old game", "data/2026-03-01/games.csv": "old,csv",
                          "data/2026-03-02/games.csv": "new,csv"]

    static func contents(_ site: URL) -> [String: String] {
        filesUnder(site).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    static func publishOld(to output: URL) throws {
        let staging = try SiteStaging(output: output, keepPublished: false)
        for (path, text) in oldSite { try staging.write(path, text) }
        try staging.publish()
    }

    /// The next version: what changed from the old one.
    static func writeNew(to staging: SiteStaging) throws {
        try staging.write("index.html", newSite["index.html"]!)
        try staging.write("data/2026-03-02/games.csv", newSite["data/2026-03-02/games.csv"]!)
    }

    @Test(arguments: cases)
    func aFailureAtAnyStepLeavesTheOldSiteAndTheNextBuildRecovers(_ test: Case) throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let output = root.appendingPathComponent("site")
        try Self.publishOld(to: output)
        // The host may be reading a file of the published site meanwhile.
        let reader = try FileHandle(forReadingFrom: output.appendingPathComponent("index.html"))
        defer { try? reader.close() }

        let faults = InjectedFaults(exchangeAvailable: test.exchangeAvailable, failures: test.failures)
        let staging = try SiteStaging(output: output, keepPublished: true, operations: faults.operations)
        try Self.writeNew(to: staging)
        faults.arm()
        let published = Result { try staging.publish() }
        if test.publishes {
            #expect(try published.get())
            #expect(Self.contents(output) == Self.newSite)
        } else {
            #expect(throws: PublishError.self) { try published.get() }
            staging.discard()
            let restoredLater = test.failures.count == 2
            #expect(Self.contents(output) == (restoredLater ? [:] : Self.oldSite))
        }
        #expect(String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) == "old overview")

        // The next build: leftovers gone, the published site back in place, then published anew.
        let next = try SiteStaging(output: output, keepPublished: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".site.staging", "site"])
        #expect(Self.contents(output) == (test.publishes ? Self.newSite : Self.oldSite))
        try next.write("index.html", "newer overview")
        #expect(try next.publish())
        #expect(Self.contents(output)["index.html"] == "newer overview")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test func theErrorsSayWhatFailedAndWhereTheSiteIs() throws {
        func message(_ exchangeAvailable: Bool, _ failures: [Failure]) throws -> String {
            let scratch = try ScratchFolder()
            let root = scratch.url
            let output = root.appendingPathComponent("site")
            try Self.publishOld(to: output)
            let faults = InjectedFaults(exchangeAvailable: exchangeAvailable, failures: failures)
            let staging = try SiteStaging(output: output, keepPublished: true, operations: faults.operations)
            try Self.writeNew(to: staging)
            faults.arm()
            do {
                try staging.publish()
                return ""
            } catch {
                return "\(error)".replacingOccurrences(of: root.path, with: "ROOT")
            }
        }
        #expect(try message(true, [Failure(operation: .flushFileSystem, call: 1, code: EIO)])
            == "ROOT/site: cannot flush the new version to disk: Input/output error; the published site is unchanged")
        #expect(try message(true, [Failure(operation: .exchange, call: 1, code: EACCES)])
            == "ROOT/site: cannot swap in the new version: Permission denied; the published site is unchanged")
        #expect(try message(true, [Failure(operation: .flushFolder, call: 1, code: EIO)])
            == "ROOT: cannot flush the swap to disk: Input/output error; the previous site is back in place")
        #expect(try message(false, [Failure(operation: .rename, call: 2, code: ENOSPC)])
            == "ROOT/site: cannot move the new version in: No space left on device; the previous site is back in place")
        #expect(try message(false, [Failure(operation: .rename, call: 2, code: EIO), Failure(operation: .rename, call: 3, code: EIO)])
            == "ROOT/site: cannot move the new version in: Input/output error; the previous site is at ROOT/.site.old and cannot be moved back (Input/output error): the next build moves it back")
    }

    /// A build killed between the fallback's two moves leaves no output folder, the published
    /// site aside and a new version that may be incomplete: the next build serves the old one again.
    @Test func aBuildKilledBetweenTheFallbacksTwoMovesIsUndoneByTheNextBuild() throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let output = root.appendingPathComponent("site")
        try Self.publishOld(to: output)
        try FileManager.default.moveItem(at: output, to: root.appendingPathComponent(".site.old"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".site.staging/games"), withIntermediateDirectories: true)
        try "half".write(to: root.appendingPathComponent(".site.staging/index.html"), atomically: false, encoding: .utf8)

        let next = try SiteStaging(output: output, keepPublished: true)
        #expect(Self.contents(output) == Self.oldSite)
        #expect(Self.contents(next.staging) == Self.oldSite)
        next.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test func theFirstPublishIsUndoneWhenItsFlushFails() throws {
        let scratch = try ScratchFolder()
        let root = scratch.url
        let output = root.appendingPathComponent("site")
        let faults = InjectedFaults(failures: [Failure(operation: .flushFolder, call: 1, code: EIO)], armed: true)
        let staging = try SiteStaging(output: output, keepPublished: true, operations: faults.operations)
        try staging.write("index.html", "first")
        #expect(throws: PublishError.self) { try staging.publish() }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
