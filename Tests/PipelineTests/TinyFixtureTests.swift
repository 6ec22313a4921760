import Foundation
import Pipeline
import Store
import TestSupport
import Testing

@Suite struct TinyFixtureTests {
    static let cases: [(input: String, zone: String, expected: String)] = [
        ("streams.ndjson", "UTC", "expected"), ("streams.csv", "UTC", "expected"),
        ("streams.ndjson", "America/New_York", "expected-new-york"), ("streams.csv", "America/New_York", "expected-new-york"),
    ]

    @Test(arguments: cases)
    func extractsMatchTheContract(input: String, zone: String, expected: String) throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        _ = try importAndBuild([Fixtures.tiny.appendingPathComponent(input).path], db: scratch.path("db.sqlite"), out: out, timeZone: zone)
        let want = filesUnder(Fixtures.tiny.appendingPathComponent(expected).appendingPathComponent("data"))
        let got = try contractFiles(out)
        #expect(Set(got.keys) == Set(want.keys))
        for (path, data) in want.sorted(by: { $0.key < $1.key }) {
            let mine = try #require(got[path], "missing \(path)")
            if path.hasSuffix(".csv") {
                #expect(String(decoding: mine, as: UTF8.self) == String(decoding: data, as: UTF8.self), "\(path)")
            } else {
                let a = try JSONSerialization.jsonObject(with: mine)
                let b = try JSONSerialization.jsonObject(with: data)
                #expect(jsonEqual(a, b), "\(path)")
                #expect(keyOrder(String(decoding: mine, as: UTF8.self)) == keyOrder(String(decoding: data, as: UTF8.self)), "\(path)")
            }
        }
    }

    @Test func buildWithNothingNewChangesNoFile() throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        let db = scratch.path("db.sqlite")
        _ = try importAndBuild([Fixtures.tiny.appendingPathComponent("streams.ndjson").path], db: db, out: out)
        let file = out.appendingPathComponent("data/2026-03-07/games.csv").path
        let before = try FileManager.default.attributesOfItem(atPath: file)
        let report = try BuildJob.run(BuildOptions(databasePath: db, output: out))
        #expect(report.published == false)
        #expect(report.writtenDays.isEmpty)
        let after = try FileManager.default.attributesOfItem(atPath: file)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    }

    @Test func importingTheSameFileTwiceAddsNothing() throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        let db = scratch.path("db.sqlite")
        let csv = Fixtures.tiny.appendingPathComponent("streams.csv").path
        _ = try importAndBuild([csv], db: db, out: out)
        let report = try ImportJob.run(store: try Store(path: db), paths: [csv], skipInvalid: false)
        #expect(report.writer.written == 0)
        #expect(report.writer.newCrawls == 0)
        #expect(report.writer.forcesRecompute == false)
        #expect(try BuildJob.run(BuildOptions(databasePath: db, output: out)).published == false)
    }

    @Test func anotherTimeZoneRecomputesWhileRawIsKept() throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        let db = scratch.path("db.sqlite")
        _ = try importAndBuild([Fixtures.tiny.appendingPathComponent("streams.ndjson").path], db: db, out: out)
        try "".write(to: out.appendingPathComponent(".htaccess"), atomically: true, encoding: .utf8)
        let report = try BuildJob.run(BuildOptions(databasePath: db, output: out, timeZone: "America/New_York"))
        #expect(report.consolidation.recomputed)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".htaccess").path), "the host's own dotfiles stay")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("data/2026-03-08").path), "days of the old zone go")
        let got = try contractFiles(out)
        let want = filesUnder(Fixtures.tiny.appendingPathComponent("expected-new-york/data"))
        #expect(Set(got.keys) == Set(want.keys))
        #expect(got["2026-03-07/games.csv"] == want["2026-03-07/games.csv"])
    }

    @Test func anotherTimeZoneIsRefusedOnceRawWasPruned() throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        let db = scratch.path("db.sqlite")
        _ = try importAndBuild([Fixtures.tiny.appendingPathComponent("streams.ndjson").path], db: db, out: out, keepRaw: 0)
        do {
            _ = try BuildJob.run(BuildOptions(databasePath: db, output: out, timeZone: "Europe/Berlin"))
            Issue.record("a build in another zone should be refused")
        } catch {
            #expect("\(error)".hasPrefix("this database reports in UTC; --timezone Europe/Berlin would need raw observations"))
        }
    }
}

/// The extracts of METRICS.md §6 under `out/data`: every file but each day's crawl log
/// (`crawls.csv`, the coverage page's, which the contract does not define).
private func contractFiles(_ out: URL) throws -> [String: Data] {
    filesUnder(out.appendingPathComponent("data")).filter { !$0.key.hasSuffix("/crawls.csv") }
}
