import Foundation
import Logging
import Model
import PostgresStore
import Store

/// Where a build pulls crawls from: `build --source postgres://…`.
public struct PullOptions: Sendable {
    public var location: PostgresLocation
    /// This builder's name in the shared store (`--builder`; by default the host name). The
    /// shared store prunes a crawl's observations only once every builder it knows has pulled it.
    public var builder: String

    public init(location: PostgresLocation, builder: String = SharedStoreOptions.hostName()) {
        self.location = location
        self.builder = builder
    }
}

public struct PullReport: Sendable, Equatable {
    public var stored = 0
    public var failed = 0
    /// Crawls older than consolidated data whose raw observations were pruned (METRICS.md §7).
    public var refused = 0
    /// Crawls whose observations the shared store pruned after this pull.
    public var prunedInShared = 0
    /// Seconds spent fetching and unpacking crawls, and storing them (the two overlap).
    public var fetchSeconds = 0.0
    public var storeSeconds = 0.0

    public init() {}
}

/// Copies the crawls the local SQLite store has not pulled yet from the shared PostgreSQL store,
/// a few crawls per transaction (so a pull that stops part way goes on where it stopped), then tells
/// the shared store what this builder holds and lets it prune by `keepRawDays`.
///
/// A crawl that lands late (a collector uploading its spool after a cut) is stored like a late
/// import: recomputed exactly while the raw observations it touches are kept, refused with a
/// logged reason once they were pruned.
public enum PullJob {
    /// At most this many crawls are stored in one transaction.
    static let crawlsPerTransaction = 4

    public static func run(_ options: PullOptions, store: Store, keepRawDays: Int, logger: Logger) throws -> PullReport {
        let shared = try SharedCrawlStore(options.location)
        let local = try store.pulledCrawls()
        let listed = try shared.unpulled(by: options.builder)
        let cache = ObservationWriter.Cache()
        // The ids of the streams in the crawls stored so far, by the fetcher's stream tokens: a
        // stream seen again with the same facts is not looked up again.
        let tokens = StreamTokens()
        var report = PullReport()
        // Fetching and unpacking the next crawls (their own connection, on a thread of their own)
        // overlaps storing this one: the two take about equal time, one core each.
        let fetched = BatchChannel<Fetched>(capacity: Self.crawlsPerTransaction)
        // Stored crawls' rows go back to be freed where they were made: freeing releases a
        // sighting per row, atomic operations that would cost the storing thread, the long pole.
        let spent = BatchChannel<[SightedObservation]>(capacity: .max)
        let fetching = BackgroundWork("pull: fetch") { [location = options.location] in
            // Closed on every way out, so the storing loop never waits for a crawl that will not come.
            defer { fetched.close() }
            let reader = try SharedCrawlStore(location)
            var sightings = PackedSightings()
            var seconds = 0.0
            for item in listed {
                while spent.tryReceive() != nil {}
                let key = PulledKey(collector: item.crawl.collector, time: item.crawl.time)
                var next = Fetched(id: item.id, crawl: item.crawl, observations: [], epoch: sightings.epoch, alreadyPulled: local.contains(key))
                if !next.alreadyPulled && item.crawl.status == .complete {
                    let started = DispatchTime.now().uptimeNanoseconds
                    next.crawl.data = try reader.observations(ofCrawl: item.id)
                    next.observations = try sightings.unpack(next.crawl.data, crawlTime: item.crawl.time)
                    next.epoch = sightings.epoch
                    next.crawl.data = []
                    seconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                }
                if !fetched.send(next) { break }
            }
            return seconds
        }
        var held: [Int64] = []
        do {
            try store.withLongLog {
                while let first = fetched.receive() {
                    // What is already unpacked goes in one transaction (see `Store.storePulled`).
                    var items = [first]
                    while items.count < Self.crawlsPerTransaction, let next = fetched.tryReceive() { items.append(next) }
                    held.append(contentsOf: items.map(\.id))
                    let toStore = items.filter { !$0.alreadyPulled }
                    if !toStore.isEmpty {
                        let started = DispatchTime.now().uptimeNanoseconds
                        let outcomes = try store.storePulled(
                            toStore.map { SightedCrawl(crawl: $0.crawl, sighted: $0.observations, epoch: $0.epoch) }, cache: cache,
                            tokens: tokens)
                        for (item, outcome) in zip(toStore, outcomes) {
                            switch outcome {
                            case .stored: report.stored += 1
                            case .failed: report.failed += 1
                            case .refused:
                                report.refused += 1
                                logger.error(
                                    "crawl at \(Timestamp.format(item.crawl.time)) from \(item.crawl.collector) arrived after its days were consolidated and their raw observations pruned; it is left out (use a larger --keep-raw)")
                            }
                        }
                        report.storeSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                        for item in toStore { _ = spent.send(item.observations) }
                    }
                    if held.count >= 500 {
                        try shared.markPulled(held, by: options.builder)
                        held.removeAll()
                    }
                }
            }
        } catch {
            fetched.cancel()
            _ = try? fetching.value()
            throw error
        }
        report.fetchSeconds = try fetching.value()
        try shared.markPulled(held, by: options.builder)
        report.prunedInShared = try shared.prune(keepRawDays: keepRawDays)
        logger.info(
            "pulled from the shared store",
            metadata: ["stored": "\(report.stored)", "failed": "\(report.failed)", "refused": "\(report.refused)",
                       "pruned_in_shared": "\(report.prunedInShared)"])
        return report
    }
}

/// A crawl on its way from the shared store to the local one.
private struct Fetched: Sendable {
    var id: Int64
    var crawl: PackedCrawl
    var observations: [SightedObservation]
    /// The `PackedSightings.epoch` its stream tokens belong to.
    var epoch: Int
    var alreadyPulled: Bool
}
