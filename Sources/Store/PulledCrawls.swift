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
        try storePulled(crawl, cache: cache, tokens: nil) { writer in
            for o in observations { try writer.add(o, crawlTime: crawl.time, source: "collect") }
        }
    }

    /// Stores a pulled crawl unpacked by `PackedSightings`, as the other `storePulled` stores it:
    /// a repeated sighting takes its ids from `tokens`, which holds the ids of the crawls stored
    /// before from the same `PackedSightings` (and is cleared when this crawl is not stored).
    public func storePulled(
        _ crawl: PackedCrawl, sighted: [SightedObservation], cache: ObservationWriter.Cache, tokens: StreamTokens
    ) throws -> PulledOutcome {
        do {
            return try storePulled(crawl, cache: cache, tokens: tokens) { writer in
                try writer.addSighted(sighted, crawlTime: crawl.time)
            }
        } catch {
            tokens.reset()  // ids learned in the rolled-back transaction may name rows that are gone
            throw error
        }
    }

    /// Stores consecutive pulled crawls, unpacked by one `PackedSightings`, in one transaction:
    /// each as the one-crawl `storePulled` stores it, with fewer commits (their pages written to
    /// the log once for the lot: the indexes of new streams and facts take random pages). When
    /// one of them is refused, each is stored on its own, so that only it is refused.
    public func storePulled(
        _ batch: [SightedCrawl], cache: ObservationWriter.Cache, tokens: StreamTokens
    ) throws -> [PulledOutcome] {
        if batch.count == 1 {
            tokens.follow(epoch: batch[0].epoch)
            return [try storePulled(batch[0].crawl, sighted: batch[0].sighted, cache: cache, tokens: tokens)]
        }
        do {
            let (outcomes, writer): ([PulledOutcome], ObservationWriter?) = try write { db in
                var writer: ObservationWriter?
                var outcomes: [PulledOutcome] = []
                for item in batch {
                    let crawl = item.crawl
                    switch crawl.status {
                    case .failed:
                        try Self.recordFailedCrawl(
                            db, time: crawl.time, pages: crawl.pages, durationMs: crawl.durationMs,
                            reason: "\(crawl.collector): \(crawl.reason ?? "failed")")
                        outcomes.append(.failed)
                    case .complete:
                        let crawlWriter = try writer ?? ObservationWriter(db, cache: cache, tokens: tokens)
                        writer = crawlWriter
                        tokens.follow(epoch: item.epoch)
                        try crawlWriter.beginCollectedCrawl(
                            time: crawl.time, pages: crawl.pages, durationMs: crawl.durationMs, retries: crawl.retries,
                            leftOut: crawl.leftOut)
                        try crawlWriter.addSighted(item.sighted, crawlTime: crawl.time)
                        outcomes.append(.stored)
                    }
                }
                try writer?.finish()
                for (item, outcome) in zip(batch, outcomes) { try Self.markPulled(db, item.crawl, outcome) }
                return (outcomes, writer)
            }
            if let writer { cache.adopt(writer) }
            return outcomes
        } catch StoreError.lateData {
            tokens.reset()
            return try batch.map { item in
                tokens.follow(epoch: item.epoch)
                return try storePulled(item.crawl, sighted: item.sighted, cache: cache, tokens: tokens)
            }
        } catch {
            tokens.reset()  // ids learned in the rolled-back transaction may name rows that are gone
            throw error
        }
    }

    private func storePulled(
        _ crawl: PackedCrawl, cache: ObservationWriter.Cache, tokens: StreamTokens?, observations: (ObservationWriter) throws -> Void
    ) throws -> PulledOutcome {
        do {
            let (outcome, writer): (PulledOutcome, ObservationWriter?) = try write { db in
                switch crawl.status {
                case .failed:
                    try Self.recordFailedCrawl(
                        db, time: crawl.time, pages: crawl.pages, durationMs: crawl.durationMs,
                        reason: "\(crawl.collector): \(crawl.reason ?? "failed")")
                    try Self.markPulled(db, crawl, .failed)
                    return (.failed, nil)
                case .complete:
                    let writer = try ObservationWriter(db, cache: cache, tokens: tokens)
                    try writer.beginCollectedCrawl(
                        time: crawl.time, pages: crawl.pages, durationMs: crawl.durationMs, retries: crawl.retries,
                        leftOut: crawl.leftOut)
                    try observations(writer)
                    try writer.finish()
                    try Self.markPulled(db, crawl, .stored)
                    return (.stored, writer)
                }
            }
            if let writer { cache.adopt(writer) }
            return outcome
        } catch StoreError.lateData {
            tokens?.reset()
            try write { db in try Self.markPulled(db, crawl, .refused) }
            return .refused
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
