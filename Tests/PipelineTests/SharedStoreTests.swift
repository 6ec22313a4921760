import Foundation
import Helix
import Logging
import Model
@testable import Pipeline
import PostgresStore
import PostgresTestSupport
import Simulator
import Store
import TestSupport
import Testing

/// Several collectors against the simulator into one real PostgreSQL (a throw-away cluster),
/// taking turns by slots; builds pull from it.
@Suite struct SharedStoreTests {
    static let epoch: Millis = 1_772_841_600_000
    static let slot: Millis = 15 * 60_000
    static let slots = 24

    /// Stops its collector part way through the crawl it is on, after `afterCrawls` crawls began.
    final class Killer: CrawlProgressReporting, @unchecked Sendable {
        let stop: StopFlag
        let afterCrawls: Int
        init(stop: StopFlag, afterCrawls: Int) {
            self.stop = stop
            self.afterCrawls = afterCrawls
        }
        func update(_ p: CrawlProgress) { if p.crawl > afterCrawls { stop.stop() } }
        func clear() {}
    }

    /// Runs `collectors` collectors, each against its own simulator over one world, until the
    /// slots run out; the collector numbered `killed` is stopped during its third crawl.
    static func collect(_ collectors: Int, into location: PostgresLocation, killed: Int? = nil, scratch: ScratchFolder) async throws
        -> [Collector.Summary]
    {
        var config = SimulatorConfig()
        config.streams = 40
        config.speed = nil
        config.start = epoch
        let world = World(seed: 5, streams: config.streams, epoch: epoch)
        var simulators: [RunningSimulator] = []
        for _ in 0..<collectors { simulators.append(try await SimulatorServer.start(config, world: world)) }
        defer { for simulator in simulators { Task { await simulator.stop() } } }
        return try await withThrowingTaskGroup(of: Collector.Summary.self) { group in
            for (n, simulator) in simulators.enumerated() {
                let stop = StopFlag()
                let options = CollectOptions(
                    databasePath: scratch.path("spool-\(n).sqlite"), intervalSeconds: Double(slot / 1000),
                    endpoints: HelixEndpoints(baseURL: simulator.rootURL),
                    shared: SharedStoreOptions(
                        location: location, collector: "c\(n)", clientLabel: "…\(n)", slotsUntil: epoch + Millis(slots) * slot))
                let clock = simulator.clock
                let progress = n == killed ? Killer(stop: stop, afterCrawls: 2) : nil
                var logger = Logger(label: "test")
                logger.logLevel = .error
                group.addTask { [logger] in
                    try await onDedicatedThread {
                        try CollectJob.run(
                            options, credentials: Credentials(clientID: "a", clientSecret: "b"), stop: stop,
                            now: clock.nowFunction, sleep: { clock.advance(by: $0) }, logger: logger, progress: progress)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// The extracts of a build pulling from the shared store, and of a build of one SQLite store
    /// that got the same crawls directly, as one collector would have stored them.
    static func extractsBothWays(_ location: PostgresLocation, scratch: ScratchFolder) throws -> (pulled: [String: Data], direct: [String: Data]) {
        let pulledSite = scratch.url.appendingPathComponent("pulled")
        _ = try BuildJob.run(BuildOptions(
            databasePath: scratch.path("pulled.sqlite"), output: pulledSite,
            source: PullOptions(location: location, builder: "test")))
        let shared = try SharedCrawlStore(location)
        let direct = LocalSink(try Store(path: scratch.path("direct.sqlite")))
        for listed in try shared.unpulled(by: "reference") {
            var crawl = listed.crawl
            crawl.data = try shared.observations(ofCrawl: listed.id)
            try direct.land(crawl)
        }
        let directSite = scratch.url.appendingPathComponent("direct")
        _ = try BuildJob.run(BuildOptions(databasePath: scratch.path("direct.sqlite"), output: directSite))
        return (filesUnder(pulledSite.appendingPathComponent("data")), filesUnder(directSite.appendingPathComponent("data")))
    }

    @Test func twoCollectorsTakeTurnsAndEverySlotIsCrawledOnce() async throws {
        let scratch = try ScratchFolder()
        let location = try TestPostgres.database("two_collectors")
        let summaries = try await Self.collect(2, into: location, scratch: scratch)
        let crawls = try SharedCrawlStore(location).completeCrawls()
        #expect(crawls.map(\.time) == (0..<Self.slots).map { Self.epoch + Millis($0) * Self.slot })
        #expect(summaries.map(\.complete).reduce(0, +) == Self.slots)
        #expect(summaries.allSatisfy { $0.complete > 0 }, "both collectors took turns: \(summaries.map(\.complete))")
        let (pulled, direct) = try Self.extractsBothWays(location, scratch: scratch)
        #expect(!pulled.isEmpty)
        #expect(pulled == direct)
    }

    @Test func whenOneOfThreeCollectorsIsKilledTheOthersKeepTheCadence() async throws {
        let scratch = try ScratchFolder()
        let location = try TestPostgres.database("three_collectors")
        let summaries = try await Self.collect(3, into: location, killed: 0, scratch: scratch)
        #expect(summaries[0].stopped)
        #expect(summaries[0].complete == 2)
        let crawls = try SharedCrawlStore(location).completeCrawls()
        let times = crawls.map(\.time)
        // Only the slot the killed collector was crawling is missing; no slot was crawled twice.
        #expect(Set(times).count == times.count)
        #expect(times.count == Self.slots - 1)
        #expect(crawls.filter { $0.collector == "c0" }.count == 2)
        // After the slot lost with it, every slot was crawled by the two collectors left.
        let missing = Set((0..<Self.slots).map { Self.epoch + Millis($0) * Self.slot }).subtracting(times)
        #expect(missing.count == 1)
        if let lost = missing.first {
            #expect(Set(crawls.filter { $0.time > lost }.map(\.collector)).isSubset(of: ["c1", "c2"]))
        }
        let (pulled, direct) = try Self.extractsBothWays(location, scratch: scratch)
        #expect(pulled == direct)
    }

    /// The real command as three collector processes in real time (1-second slots): one is
    /// killed with SIGKILL and started again while the others stop, so it must take the slots.
    @Test func aCollectorProcessKilledWithSIGKILLLeavesWholeCrawlsAndTakesItsTurnsAgain() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: SignalTests.executable.path), "build the twitch-stats product first")
        let scratch = try ScratchFolder()
        let location = try TestPostgres.database("killed_process")
        var config = SimulatorConfig()
        config.streams = 40
        config.quirks = .none
        let simulator = try await SimulatorServer.start(config)
        defer { Task { await simulator.stop() } }
        func collector(_ name: String) throws -> Process {
            let process = Process()
            process.executableURL = SignalTests.executable
            process.arguments = ["collect", "--store", location.url, "--db", scratch.path("spool-\(name).sqlite"), "--interval", "1",
                                 "--collector", name, "--api-url", simulator.baseURL, "--token-url", simulator.tokenURL]
            process.environment = ["TWITCH_CLIENT_ID": "id", "TWITCH_CLIENT_SECRET": "secret", "SWIFT_BACKTRACE": "enable=no"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        let shared = try SharedCrawlStore(location)
        /// Waits (a minute at most) until `name` has landed a crawl later than `after`.
        func landed(_ name: String, after: Millis) async throws -> Bool {
            for _ in 0..<600 {
                if try shared.crawlOutcomes().contains(where: { $0.collector == name && $0.time > after }) { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            return false
        }
        var c1 = try collector("c1")
        let others = [try collector("c2"), try collector("c3")]
        #expect(try await landed("c1", after: 0))
        kill(c1.processIdentifier, SIGKILL)
        c1.waitUntilExit()
        #expect(c1.terminationReason == .uncaughtSignal)
        // Restarted just past a slot's start (more than the quarter slot in which a collector
        // still takes a slot that has begun), so that every slot the new process claims is later
        // than `killedAt` and every slot the killed one claimed is earlier.
        let killedAt = (Clock.nowMillis() / 1000 + 1) * 1000 + 300
        try await Task.sleep(for: .milliseconds(killedAt - Clock.nowMillis()))
        c1 = try collector("c1")
        for process in others { process.terminate() }
        for process in others { process.waitUntilExit() }
        let restarted = Clock.nowMillis()
        #expect(try await landed("c1", after: restarted), "the restarted collector takes the slots left to it")
        c1.terminate()
        c1.waitUntilExit()

        // Each crawl has a slot of its own that its collector process claimed at or before it (a
        // collector claims, then crawls; a crawl may start late on a loaded machine, even after
        // the next slot began): matched in time order within each process, so the slot the killed
        // process claimed cannot stand for a crawl of the restarted one.
        let slots = try shared.claimedSlots()
        let outcomes = try shared.crawlOutcomes()
        let processes: [(collector: String, during: ClosedRange<Millis>)] = [
            ("c1", .min...killedAt), ("c1", (killedAt + 1)...(.max)), ("c2", .min...(.max)), ("c3", .min...(.max)),
        ]
        for process in processes {
            var claims = slots.filter { $0.collector == process.collector && process.during.contains($0.time) }.map(\.time)[...]
            for crawl in outcomes where crawl.collector == process.collector && process.during.contains(crawl.time) {
                #expect(claims.first.map { $0 <= crawl.time } == true,
                        "\(process.collector)'s crawl at \(crawl.time) has no slot of its own: \(slots) \(outcomes)")
                claims = claims.dropFirst()
            }
        }
        // Slots are claimed once: the table's key.
        #expect(Set(slots.map(\.time)).count == slots.count)
        // Only whole crawls landed.
        for listed in try shared.unpulled(by: "test") where listed.crawl.status == .complete {
            let observations = try PackedCrawl.unpack(try shared.observations(ofCrawl: listed.id), crawlTime: listed.crawl.time)
            #expect(observations.count == listed.crawl.streams)
        }
    }

    @Test func crawlsAreSpooledWhileTheStoreIsDownAndUploadedWhenItIsBack() async throws {
        let scratch = try ScratchFolder()
        let location = try TestPostgres.database("spool")
        var config = SimulatorConfig()
        config.streams = 20
        config.speed = nil
        config.start = Self.epoch
        let simulator = try await SimulatorServer.start(config)
        defer { Task { await simulator.stop() } }
        let clock = simulator.clock
        let spool = scratch.path("spool.sqlite")
        var down = try PostgresLocation(url: "postgres://nobody@127.0.0.1:1/none")
        down.connectTimeoutSeconds = 1
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        for (store, crawls) in [(down, 3), (location, 1)] {
            let options = CollectOptions(
                databasePath: spool, crawls: crawls, intervalSeconds: 300, endpoints: HelixEndpoints(baseURL: simulator.rootURL),
                shared: SharedStoreOptions(location: store, collector: "solo", clientLabel: "…b"))
            _ = try await onDedicatedThread { [logger] in
                try CollectJob.run(
                    options, credentials: Credentials(clientID: "a", clientSecret: "b"), stop: StopFlag(),
                    now: clock.nowFunction, sleep: { clock.advance(by: $0) }, logger: logger)
            }
            if crawls == 3 { #expect(try Store(path: spool).spooledCount() == 3) }
            clock.advance(by: 300_000)  // the restarted collector's first crawl comes later
        }
        #expect(try Store(path: spool).spooledCount() == 0)
        let landed = try SharedCrawlStore(location).completeCrawls()
        #expect(landed.count == 4, "\(landed)")
    }

    @Test func aLateCrawlIsRecomputedWhileRawDataIsKept() throws {
        let scratch = try ScratchFolder()
        let location = try TestPostgres.database("late")
        let shared = try SharedCrawlStore(location)
        func crawl(_ minutes: Millis, collector: String) -> PackedCrawl {
            let time = Self.epoch + minutes * 60_000
            let observations = [Observation(
                streamID: "s1", userID: "u1", userLogin: "one", userName: "One", gameID: "g", gameName: "Game", title: "t",
                viewerCount: 100 + Int(minutes), startedAt: Self.epoch, language: "en", observedAt: time)]
            return PackedCrawl(time: time, collector: collector, clientLabel: "…", status: .complete, pages: 1, streams: 1,
                               durationMs: 10, retries: 0, data: PackedCrawl.pack(observations, crawlTime: time))
        }
        try shared.land(crawl(0, collector: "a"))
        try shared.land(crawl(10, collector: "a"))
        let options = BuildOptions(
            databasePath: scratch.path("local.sqlite"), output: scratch.url.appendingPathComponent("site"),
            source: PullOptions(location: location, builder: "test"))
        let first = try BuildJob.run(options)
        #expect(first.pull?.stored == 2)
        try shared.land(crawl(5, collector: "b"))  // uploaded from b's spool after a cut
        let second = try BuildJob.run(options)
        #expect(second.pull?.stored == 1)
        #expect(second.consolidation.recomputed)
        let third = try BuildJob.run(options)
        #expect(third.pull == PullReport())
    }

    /// The landing contract both destinations keep.
    @Test(arguments: ["sqlite", "postgres"])
    func aLandedCrawlIsStoredWholeAndOnce(destination: String) throws {
        let scratch = try ScratchFolder()
        let time = Self.epoch
        let observations = (1...5).map {
            Observation(streamID: "s\($0)", userID: "u\($0)", userLogin: "l\($0)", userName: "N\($0)", gameID: "g", gameName: "G",
                        title: "t", viewerCount: $0, startedAt: time - 60_000, language: "en", observedAt: time)
        }
        let complete = PackedCrawl(time: time, collector: "a", clientLabel: "…", status: .complete, pages: 1, streams: 5,
                                   durationMs: 10, retries: 0, data: PackedCrawl.pack(observations, crawlTime: time))
        let failed = PackedCrawl(time: time + 300_000, collector: "a", clientLabel: "…", status: .failed, pages: 2, streams: 0,
                                 durationMs: 10, retries: 3, reason: "page 3 failed", data: [])
        let sink: CrawlSink
        let counts: () throws -> (crawls: Int, failed: Int, observations: Int)
        if destination == "sqlite" {
            let store = try Store(path: scratch.path("db.sqlite"))
            sink = LocalSink(store)
            counts = { let c = try store.counts(); return (c.crawls, c.failedCrawls, c.rawObservations) }
        } else {
            let location = try TestPostgres.database("contract")
            sink = SharedLanding(SharedStoreOptions(location: location, collector: "a", clientLabel: "…"),
                                 spool: try Store(path: scratch.path("spool.sqlite")), logger: Logger(label: "test"))
            let shared = try SharedCrawlStore(location)
            counts = { let t = try shared.totals(); return (t.complete, t.failed, t.observations) }
        }
        try sink.land(complete)
        try sink.land(complete)
        try sink.land(failed)
        let (crawls, failures, stored) = try counts()
        #expect(crawls == 1)
        #expect(failures == 1)
        #expect(stored == 5)
    }
}
