import Foundation
import Pipeline
import Site
import Store
import TestSupport
import Testing

/// A build whose publish fails leaves the published site served and records nothing about the
/// site it could not publish; the next build recovers and publishes everything.
@Suite("Failed publish")
struct PublishFailureTests {
    typealias Failure = InjectedFaults.Failure

    static func footMarker(_ marker: String, in scratch: ScratchFolder) throws -> URL {
        let overrides = try scratch.folder("overrides")
        try "<p id=\"\(marker)\"></p></main></body></html>\n"
            .write(to: overrides.appendingPathComponent("foot.mustache"), atomically: true, encoding: .utf8)
        return overrides
    }

    /// New templates whose publish fails are applied by the next build to every page, old reports
    /// included: the render settings are saved only once the pages rendered with them are published.
    @Test func renderSettingsAreSavedOnlyOnceTheSiteIsPublished() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 3))
        defer { built.remove() }
        let scratch = try ScratchFolder()
        let overrides = try Self.footMarker("new-foot", in: scratch)
        defer { try? FileManager.default.removeItem(at: overrides) }
        let before = filesUnder(built.site)
        let settingsBefore = try Store(path: built.database).siteState("render_settings")

        let faults = InjectedFaults(failures: [Failure(operation: .exchange, call: 1, code: EIO)], armed: true)
        #expect(throws: PublishError.self) { try built.build(templates: overrides, publishOperations: faults.operations) }
        #expect(filesUnder(built.site) == before)
        #expect(try Store(path: built.database).siteState("render_settings") == settingsBefore)

        let report = try built.build(templates: overrides)
        #expect(report.published)
        let reports = built.files(endingWith: "index.html").filter { $0.hasPrefix("reports/2026-") }
        #expect(reports.count == 3)
        for page in reports { #expect(built.text(page).contains("<p id=\"new-foot\">"), "\(page)") }
        #expect(try Store(path: built.database).siteState("render_settings") != settingsBefore)
    }

    /// A day's new numbers that fail to publish stay dirty: the next build writes them.
    @Test func newDataThatFailsToPublishIsPublishedByTheNextBuild() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 2))
        defer { built.remove() }
        try built.importStreams(SyntheticStreams(channels: 6, days: 3))
        let faults = InjectedFaults(failures: [Failure(operation: .flushFileSystem, call: 1, code: EIO)], armed: true)
        #expect {
            try built.build(publishOperations: faults.operations)
        } throws: { error in
            "\(error)" == "\(built.site.path): cannot flush the new version to disk: Input/output error; the published site is unchanged"
        }
        #expect(!built.exists("data/2026-03-03/summary.csv"))
        #expect(!built.exists("reports/2026-03-03/index.html"))
        #expect(try !Store(path: built.database).dirtyDays().isEmpty)

        #expect(try built.build().published)
        #expect(built.exists("data/2026-03-03/summary.csv"))
        #expect(built.exists("reports/2026-03-03/index.html"))
        #expect(try Store(path: built.database).dirtyDays().isEmpty)
    }

    /// Where the atomic exchange is missing, builds publish by moving the old site aside.
    @Test func buildsPublishWithoutTheAtomicExchange() throws {
        let noExchange = InjectedFaults(exchangeAvailable: false, armed: true)
        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 2), publishOperations: noExchange.operations)
        defer { built.remove() }
        try built.importStreams(SyntheticStreams(channels: 6, days: 3))
        #expect(try built.build(publishOperations: noExchange.operations).published)
        #expect(built.exists("reports/2026-03-03/index.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: built.folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// What a killed build leaves beside the output folder is removed by the next build.
    @Test func leftoversOfAKilledBuildAreRemovedByTheNextBuild() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 2))
        defer { built.remove() }
        let before = filesUnder(built.site)
        for leftover in [".site.staging/games/1", ".site.old/reports"] {
            try FileManager.default.createDirectory(at: built.folder.appendingPathComponent(leftover), withIntermediateDirectories: true)
        }
        try "torn".write(to: built.folder.appendingPathComponent(".site.staging/games/1/.4242-1.new"), atomically: false, encoding: .utf8)
        #expect(try !built.build().published)
        #expect(filesUnder(built.site) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: built.folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// A real full disk where this machine lets the test mount a small tmpfs (Linux, as root),
    /// else an injected "no space left" at the swap. Either way: the build fails naming the file,
    /// the old site stays whole and served, nothing is left behind, and once there is room the next
    /// build publishes exactly the site that the same builds without the failure give.
    @Test func aPublishThatFailsHalfWayOnAFullDiskLeavesTheOldSiteAndTheNextBuildRecovers() throws {
        let disk = SmallFileSystem.mount(bytes: 64 << 20)
        defer { disk?.unmount() }
        print(disk != nil ? "full disk: a real tmpfs" : "full disk: injected (mounting a tmpfs is not permitted here)")
        let output = disk?.folder.appendingPathComponent("site")
        let built = try BuiltSite(SyntheticStreams(channels: 30, days: 2), site: output)
        defer { built.remove() }
        let before = filesUnder(built.site)
        try built.importStreams(SyntheticStreams(channels: 30, days: 3))

        let faults = InjectedFaults(failures: [Failure(operation: .exchange, call: 1, code: ENOSPC)], armed: true)
        if let disk {
            // Room for a few more pages, not for the new day.
            try disk.resize(bytes: disk.usedBytes + (64 << 10))
        }
        #expect {
            try built.build(publishOperations: disk == nil ? faults.operations : .system)
        } throws: { error in
            "\(error)".contains("No space left on device")
        }
        #expect(filesUnder(built.site) == before)
        let beside = try FileManager.default.contentsOfDirectory(atPath: built.site.deletingLastPathComponent().path)
        #expect(beside.filter { $0.hasPrefix(".site") }.isEmpty, "\(beside)")

        try disk?.resize(bytes: 64 << 20)
        #expect(try built.build().published)
        let uninterrupted = try BuiltSite(SyntheticStreams(channels: 30, days: 2))
        defer { uninterrupted.remove() }
        try uninterrupted.importStreams(SyntheticStreams(channels: 30, days: 3))
        try uninterrupted.build()
        let recovered = filesUnder(built.site), expected = filesUnder(uninterrupted.site)
        #expect(recovered.keys.sorted() == expected.keys.sorted())
        #expect(recovered.filter { expected[$0.key] != $0.value }.keys.sorted() == [])
    }

    /// The output's file system turned read-only (a failing disk does that): the build fails
    /// before it writes anything, and the one after the disk is writable again publishes. Where no
    /// tmpfs can be mounted, the file system's refusal is injected at the swap.
    @Test func aReadOnlyDiskFailsTheBuildAndTheSiteStays() throws {
        let disk = SmallFileSystem.mount(bytes: 64 << 20)
        defer { disk?.unmount() }
        print(disk != nil ? "read-only disk: a real tmpfs" : "read-only disk: injected (mounting a tmpfs is not permitted here)")
        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 2), site: disk?.folder.appendingPathComponent("site"))
        defer { built.remove() }
        let before = filesUnder(built.site)
        try built.importStreams(SyntheticStreams(channels: 6, days: 3))

        try disk?.setReadOnly(true)
        let faults = InjectedFaults(failures: [Failure(operation: .exchange, call: 1, code: EROFS)], armed: true)
        #expect {
            try built.build(publishOperations: disk == nil ? faults.operations : .system)
        } throws: { error in
            "\(error)".hasPrefix(built.site.path + ": ") && "\(error)".lowercased().contains("read")
        }
        #expect(filesUnder(built.site) == before)

        try disk?.setReadOnly(false)
        #expect(try built.build().published)
        #expect(built.exists("reports/2026-03-03/index.html"))
    }
}
