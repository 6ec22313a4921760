import Foundation
import TestSupport
import Testing

/// The built collector against a server that damages many of its answers (MutatingHelix): it must
/// neither trap nor stall. Each damaged answer is a failed page that is retried, or a failed crawl
/// that is recorded; the collector still stores the crawls it was asked for, whole, and whatever
/// it stored builds.
@Suite struct CollectorFuzzTests {
    static let crawls = 3

    // Takes no turn (Turns): the collectors mostly wait out their backoff.
    @Test func damagedAnswersAreRetriedOrFailTheCrawlNeverATrapOrAStall() async throws {
        let runs = FuzzSettings.cases(8)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<runs {
                if n >= 2 { try await group.next() }
                group.addTask { try await Self.collect(seed: FuzzSettings.seed &+ 0xC011 &+ UInt64(n), run: n) }
            }
            try await group.waitForAll()
        }
    }

    static func collect(seed: UInt64, run n: Int) async throws {
        let scratch = try ScratchFolder()
        let server = MutatingHelix(seed: seed)
        try await server.start()
        let db = scratch.path("db.sqlite")
        let secret = "fuzz-secret-\(seed)"
        let child = try Child(
            ["collect", "--db", db, "--crawls", "\(crawls)", "--api-url", server.rootURL + "/helix",
             "--token-url", server.rootURL + "/oauth2/token"],
            in: scratch.url, environment: ["TWITCH_CLIENT_ID": "fuzz-id", "TWITCH_CLIENT_SECRET": secret])
        // Retries back off in real time (0.25 s to 30 s a try) and no page is damaged twice in a
        // row, so a collector that makes progress needs a few seconds.
        let run = await child.wait(limit: .seconds(90))
        await server.stop()
        let label = "seed \(seed) (TWITCH_STATS_FUZZ_SEED=\(FuzzSettings.seed), run \(n)); damaged: \(server.mutationLog)"

        #expect(run.succeeded, "\(label): \(run.summary)")
        #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret), "\(label): the secret reached the output")
        guard !run.signalled, !run.timedOut else { return }
        #expect(try await DatabaseCheck.integrity(db) == ["ok"], "\(label)")
        let counts = try await DatabaseCheck.crawlCounts(db)
        #expect(counts.complete == crawls, "\(label): \(counts)")
        let kept = try await DatabaseCheck.observationsPerCrawl(db)
        #expect(kept.allSatisfy { $0 <= MutatingHelix.pageSize * MutatingHelix.pageCount }, "\(label): \(kept)")
        #expect(try await DatabaseCheck.failureReasons(db).allSatisfy { !$0.isEmpty && !$0.contains(secret) }, "\(label)")

        let build = try await Child.run(
            ["build", "--db", db, "--out", scratch.path("site"), "--channel-pages", "10"], in: scratch.url, limit: .seconds(60))
        #expect(build.succeeded, "\(label): the build of what was collected failed: \(build.summary)")
    }
}
