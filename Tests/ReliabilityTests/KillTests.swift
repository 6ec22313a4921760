import Foundation
import Model
import Simulator
import TestSupport
import Testing

/// `kill -9` of the built binary at seeded random moments of an import, a build and a collector
/// run. Afterwards the database passes `PRAGMA integrity_check`, holds the work all or nothing,
/// the site folder is the old or the new site whole, and doing the same work again to completion
/// gives exactly what an uninterrupted run gives.
@Suite struct KillTests {
    static let kills = FuzzSettings.cases(4)
    /// Two days of synthetic crawls every 10 minutes: the first is the database's history, the
    /// second the work that is killed.
    static let dayOne: Millis = 1_772_755_200_000  // 2026-03-06
    static let streams = 150

    /// The history file and the work file.
    static func days(seed: UInt64, in scratch: ScratchFolder) async throws -> (history: String, work: String) {
        let days = try await SyntheticFile.ndjson(streams: streams, crawls: 144, intervalMinutes: 10, start: dayOne, seed: seed, parts: 2)
        return (try scratch.write("day1.ndjson", days[0]), try scratch.write("day2.ndjson", days[1]))
    }

    /// A seeded moment between the start and a little past the end of an uninterrupted run.
    static func delay(_ dice: inout Dice, reference seconds: Double) -> Duration {
        .milliseconds(Int(Double(dice.below(1_100)) / 1_000 * seconds * 1_000))
    }

    @Test func importKilledAtRandomMomentsLeavesAllOrNothingAndFinishesTheSame() async throws {
        let turn = await Turns.take()
        defer { turn.done() }
        let scratch = try ScratchFolder()
        let (history, work) = try await Self.days(seed: 11, in: scratch)
        let base = scratch.path("base.sqlite")
        try #require(try await Child.run(["import", "--db", base, history], in: scratch.url).succeeded)
        let before = try await DatabaseCheck.contents(base)

        let reference = scratch.path("reference.sqlite")
        try await DatabaseCheck.copy(base, to: reference)
        let uninterrupted = try await Child.run(["import", "--db", reference, work], in: scratch.url)
        try #require(uninterrupted.succeeded, "\(uninterrupted.summary)")
        let after = try await DatabaseCheck.contents(reference)
        let referenceSite = try await Self.build(reference, scratch, "reference-site")

        var dice = Dice(seed: FuzzSettings.seed &+ 0x1A)
        for k in 0..<Self.kills {
            let wait = Self.delay(&dice, reference: uninterrupted.seconds)
            let label = "seed \(dice.seed), kill \(k) after \(wait)"
            let db = scratch.path("killed-\(k).sqlite")
            try await DatabaseCheck.copy(base, to: db)
            let killed = try await Child.runKilled(after: wait, ["import", "--db", db, work], in: scratch.url)
            #expect(killed.signalled || killed.succeeded, "\(label): \(killed.summary)")

            #expect(try await DatabaseCheck.integrity(db) == ["ok"], "\(label)")
            let contents = try await DatabaseCheck.contents(db)
            #expect(contents == before || contents == after,
                    "\(label): half an import is stored (tables \(contents.differences(from: before)) changed)")

            let again = try await Child.run(["import", "--db", db, work], in: scratch.url)
            #expect(again.succeeded, "\(label): \(again.summary)")
            #expect(try await DatabaseCheck.contents(db) == after, "\(label): the finished import differs from an uninterrupted one")
            let site = try await Self.build(db, scratch, "site-\(k)")
            #expect(site == referenceSite, "\(label): \(siteDifference(site, referenceSite))")
        }
    }

    @Test func buildKilledAtRandomMomentsLeavesTheOldOrTheNewSiteWholeAndFinishesTheSame() async throws {
        let turn = await Turns.take()
        defer { turn.done() }
        let scratch = try ScratchFolder()
        let (history, work) = try await Self.days(seed: 21, in: scratch)
        let base = scratch.path("base.sqlite")
        try #require(try await Child.run(["import", "--db", base, history], in: scratch.url).succeeded)
        let oldSite = try await Self.build(base, scratch, "base-site")
        try #require(try await Child.run(["import", "--db", base, work], in: scratch.url).succeeded)

        let reference = scratch.path("reference.sqlite")
        try await DatabaseCheck.copy(base, to: reference)
        let referenceOut = scratch.url.appendingPathComponent("reference-site")
        try await copyTree(scratch.url.appendingPathComponent("base-site"), to: referenceOut)
        let uninterrupted = try await Child.run(Self.buildArguments(reference, referenceOut), in: scratch.url)
        try #require(uninterrupted.succeeded, "\(uninterrupted.summary)")
        let newSite = try await siteFiles(referenceOut)
        try #require(newSite != oldSite)

        var dice = Dice(seed: FuzzSettings.seed &+ 0xB0)
        for k in 0..<Self.kills {
            let wait = Self.delay(&dice, reference: uninterrupted.seconds)
            let label = "seed \(dice.seed), kill \(k) after \(wait)"
            let db = scratch.path("killed-\(k).sqlite")
            try await DatabaseCheck.copy(base, to: db)
            let out = scratch.url.appendingPathComponent("site-\(k)")
            try await copyTree(scratch.url.appendingPathComponent("base-site"), to: out)
            let killed = try await Child.runKilled(after: wait, Self.buildArguments(db, out), in: scratch.url)
            #expect(killed.signalled || killed.succeeded, "\(label): \(killed.summary)")

            #expect(try await DatabaseCheck.integrity(db) == ["ok"], "\(label)")
            let served = try await siteFiles(out)
            let mixed = "against the old: \(siteDifference(served, oldSite)); against the new: \(siteDifference(served, newSite))"
            #expect(served == oldSite || served == newSite, "\(label): the site is neither the old nor the new one whole; \(mixed)")

            let again = try await Child.run(Self.buildArguments(db, out), in: scratch.url)
            #expect(again.succeeded, "\(label): \(again.summary)")
            let finished = try await siteFiles(out)
            #expect(extracts(finished) == extracts(newSite), "\(label): extracts differ from an uninterrupted build")
            #expect(finished == newSite, "\(label): \(siteDifference(finished, newSite))")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".site-\(k).") }
            #expect(leftovers.isEmpty, "\(label): a finished build left \(leftovers) beside the site")
        }
    }

    @Test func collectorKilledAtRandomMomentsKeepsOnlyWholeCrawlsAndCollectsTheSame() async throws {
        let turn = await Turns.take()
        defer { turn.done() }
        let scratch = try ScratchFolder()
        // A frozen world answered exactly: every crawl sees the same streams with the same viewers,
        // so every crawl of every run must store the same thing.
        var config = SimulatorConfig()
        config.streams = 300
        config.speed = nil
        config.start = Clock.nowMillis()
        config.quirks = .none
        config.driftRate = 0
        config.rateLimit.capacity = 1_000_000
        let simulator = try await SimulatorServer.start(config)
        defer { Task { await simulator.stop() } }
        let crawls = 4
        func collect(_ db: String) -> [String] {
            ["collect", "--db", db, "--crawls", "\(crawls)", "--api-url", simulator.baseURL, "--token-url", simulator.tokenURL]
        }
        let credentials = ["TWITCH_CLIENT_ID": "kill-test", "TWITCH_CLIENT_SECRET": "kill-test-secret"]

        let reference = scratch.path("reference.sqlite")
        let uninterrupted = try await Child.run(collect(reference), in: scratch.url, environment: credentials)
        try #require(uninterrupted.succeeded, "\(uninterrupted.summary)")
        let perCrawl = try await DatabaseCheck.observationsPerCrawl(reference)
        try #require(perCrawl.count == crawls && perCrawl.allSatisfy { $0 == perCrawl[0] && $0 > 0 }, "\(perCrawl)")
        try #require(try await Self.build(reference, scratch, "reference-site").isEmpty == false)
        let totals = try await DatabaseCheck.crawlTotals(reference)

        var dice = Dice(seed: FuzzSettings.seed &+ 0xC0)
        for k in 0..<Self.kills {
            let wait = Self.delay(&dice, reference: uninterrupted.seconds)
            let label = "seed \(dice.seed), kill \(k) after \(wait)"
            let db = scratch.path("killed-\(k).sqlite")
            let killed = try await Child.runKilled(after: wait, collect(db), in: scratch.url, environment: credentials)
            #expect(killed.signalled || killed.succeeded, "\(label): \(killed.summary)")
            guard FileManager.default.fileExists(atPath: db) else { continue }  // killed before it opened the database

            #expect(try await DatabaseCheck.integrity(db) == ["ok"], "\(label)")
            let kept = try await DatabaseCheck.observationsPerCrawl(db)
            #expect(kept.allSatisfy { $0 == perCrawl[0] }, "\(label): a crawl is stored in part: \(kept) of \(perCrawl[0])")
            #expect(try await DatabaseCheck.crawlCounts(db).failed == 0, "\(label)")

            let again = try await Child.run(collect(db), in: scratch.url, environment: credentials)
            #expect(again.succeeded, "\(label): \(again.summary)")
            let finished = try await DatabaseCheck.observationsPerCrawl(db)
            #expect(finished.count == kept.count + crawls && finished.allSatisfy { $0 == perCrawl[0] }, "\(label): \(finished)")
            _ = try await Self.build(db, scratch, "site-\(k)")
            let finishedTotals = try await DatabaseCheck.crawlTotals(db)
            #expect(Set(finishedTotals) == Set(totals), "\(label): crawls count \(finishedTotals), uninterrupted \(totals)")
        }
    }

    static func buildArguments(_ db: String, _ out: URL) -> [String] {
        ["build", "--db", db, "--out", out.path, "--channel-pages", "20"]
    }

    /// Builds `db` into a fresh folder of the scratch space and returns its files.
    static func build(_ db: String, _ scratch: ScratchFolder, _ name: String) async throws -> [String: Data] {
        let out = scratch.url.appendingPathComponent(name)
        let run = try await Child.run(buildArguments(db, out), in: scratch.url)
        try #require(run.succeeded, "\(run.summary)")
        return try await siteFiles(out)
    }
}
