import GRDB
import Model

/// What a build pulled from a shared PostgreSQL store: one row per crawl outcome, written in the
/// transaction that stores the crawl, so a pull that stops part way starts again where it stopped.
extension Store {
    public enum PulledOutcome: String, Sendable {
        /// Stored like a collected crawl.
        case stored
        /// Recorded as a failed crawl.
        case failed
        /// Older than consolidated data whose raw observations were pruned (METRICS.md §7): refused.
        case refused
    }

    /// The crawls already pulled, as `collector` and crawl time.
    public func pulledCrawls() throws -> Set<PulledKey> {
        try read { db in
            Set(try Row.fetchAll(db, sql: "SELECT collector, time FROM pulled_crawl").map { PulledKey(collector: $0[0], time: $0[1]) })
        }
    }

    static func markPulled(_ db: Database, _ crawl: PackedCrawl, _ outcome: PulledOutcome) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO pulled_crawl (collector, time, outcome) VALUES (?, ?, ?)",
            arguments: [crawl.collector, crawl.time, outcome.rawValue])
    }

    /// Stores a pulled crawl in one transaction with the mark that it was pulled: a complete one
    /// like a collected crawl (merged with a crawl already stored at the same time), a failed one
    /// as a failure record. A crawl that reaches behind pruned, consolidated data is refused,
    /// marked so, and not tried again.
    public func storePulled(_ crawl: PackedCrawl, observations: [Observation], cache: ObservationWriter.Cache) throws -> PulledOutcome {
        try storePulled([crawl], cache: cache, tokens: nil) { writer, _ in
            for o in observations { try writer.add(o, crawlTime: crawl.time, source: "collect") }
        }[0]
    }

    /// Stores consecutive pulled crawls unpacked by one `PackedSightings` as the other
    /// `storePulled` stores each, all in one transaction: fewer commits, and the pages they
    /// change written to the log once for the lot (new streams' and facts' index entries land on
    /// random pages). A repeated sighting takes its ids from `tokens`, which holds the ids of the
    /// crawls stored before from the same `PackedSightings` (and is cleared when a write rolls back).
    public func storePulled(
        _ batch: [SightedCrawl], cache: ObservationWriter.Cache, tokens: StreamTokens
    ) throws -> [PulledOutcome] {
        try storePulled(batch.map(\.crawl), cache: cache, tokens: tokens) { writer, n in
            tokens.follow(epoch: batch[n].epoch)
            try writer.addSighted(batch[n].sighted, crawlTime: batch[n].crawl.time)
        }
    }

    /// Stores `crawls` in one transaction, `add` adding the observations of the complete crawl at
    /// an index. When one is refused, each is stored on its own, so that only it is refused.
    private func storePulled(
        _ crawls: [PackedCrawl], cache: ObservationWriter.Cache, tokens: StreamTokens?,
        add: (ObservationWriter, Int) throws -> Void
    ) throws -> [PulledOutcome] {
        do {
            let (outcomes, writer): ([PulledOutcome], ObservationWriter?) = try write { db in
                var writer: ObservationWriter?
                var outcomes: [PulledOutcome] = []
                for (n, crawl) in crawls.enumerated() {
                    switch crawl.status {
                    case .failed:
                        try Self.recordFailedCrawl(
                            db, time: crawl.time, pages: crawl.pages, durationMs: crawl.durationMs,
                            reason: "\(crawl.collector): \(crawl.reason ?? "failed")")
                        outcomes.append(.failed)
                    case .complete:
                        let crawlWriter = try writer ?? ObservationWriter(db, cache: cache, tokens: tokens)
                        writer = crawlWriter
                        try crawlWriter.beginCollectedCrawl(
                            time: crawl.time, pages: crawl.pages, durationMs: crawl.durationMs, retries: crawl.retries,
                            leftOut: crawl.leftOut)
                        try add(crawlWriter, n)
                        outcomes.append(.stored)
                    }
                }
                try writer?.finish()
                for (crawl, outcome) in zip(crawls, outcomes) { try Self.markPulled(db, crawl, outcome) }
                return (outcomes, writer)
            }
            if let writer { cache.adopt(writer) }
            return outcomes
        } catch StoreError.lateData {
            tokens?.reset()  // ids learned in the rolled-back transaction may name rows that are gone
            guard crawls.count > 1 else {
                try write { db in try Self.markPulled(db, crawls[0], .refused) }
                return [.refused]
            }
            return try crawls.indices.flatMap { n in
                try storePulled([crawls[n]], cache: cache, tokens: tokens) { writer, _ in try add(writer, n) }
            }
        } catch {
            tokens?.reset()
            throw error
        }
    }
}

/// A pulled crawl unpacked by `PackedSightings`, with the epoch its stream tokens belong to.
public struct SightedCrawl: Sendable {
    public var crawl: PackedCrawl
    public var sighted: [SightedObservation]
    public var epoch: Int

    public init(crawl: PackedCrawl, sighted: [SightedObservation], epoch: Int) {
        self.crawl = crawl
        self.sighted = sighted
        self.epoch = epoch
    }
}

public struct PulledKey: Hashable, Sendable {
    public var collector: String
    public var time: Millis

    public init(collector: String, time: Millis) {
        self.collector = collector
        self.time = time
    }
}

extension Store {
    /// A digest of the raw tables (streams, facts, crawls and their packed observations), for the
    /// shared-store benchmark to tell whether two ways of pulling stored the same content.
    public func rawTablesDigest() throws -> UInt64 {
        try read { db in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ bytes: some Sequence<UInt8>) {
                for b in bytes {
                    h ^= UInt64(b)
                    h = h &* 0x100_0000_01b3
                }
            }
            for table in ["stream", "facts", "crawl", "crawl_observations"] {
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY 1")
                while let row = try rows.next() {
                    for value in row.databaseValues {
                        if case .blob(let data) = value.storage { mix(data) } else { mix(value.description.utf8) }
                        mix([0xFF])
                    }
                }
            }
            return h
        }
    }
}
