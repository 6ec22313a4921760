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

    public init() {}
}

/// Copies the crawls the local SQLite store has not pulled yet from the shared PostgreSQL store,
/// one transaction per crawl (so a pull that stops part way goes on where it stopped), then tells
/// the shared store what this builder holds and lets it prune by `keepRawDays`.
///
/// A crawl that lands late (a collector uploading its spool after a cut) is stored like a late
/// import: recomputed exactly while the raw observations it touches are kept, refused with a
/// logged reason once they were pruned.
public enum PullJob {
    public static func run(_ options: PullOptions, store: Store, keepRawDays: Int, logger: Logger) throws -> PullReport {
        let shared = try SharedCrawlStore(options.location)
        let local = try store.pulledCrawls()
        let cache = ObservationWriter.Cache()
        var report = PullReport()
        var held: [Int64] = []
        for listed in try shared.unpulled(by: options.builder) {
            defer { held.append(listed.id) }
            if local.contains(PulledKey(collector: listed.crawl.collector, time: listed.crawl.time)) { continue }
            var crawl = listed.crawl
            let observations: [Observation]
            if crawl.status == .complete {
                crawl.data = try shared.observations(ofCrawl: listed.id)
                observations = try PackedCrawl.unpack(crawl.data, crawlTime: crawl.time)
            } else {
                observations = []
            }
            switch try store.storePulled(crawl, observations: observations, cache: cache) {
            case .stored: report.stored += 1
            case .failed: report.failed += 1
            case .refused:
                report.refused += 1
                logger.error(
                    "crawl at \(Timestamp.format(crawl.time)) from \(crawl.collector) arrived after its days were consolidated and their raw observations pruned; it is left out (use a larger --keep-raw)")
            }
            if held.count >= 500 {
                try shared.markPulled(held, by: options.builder)
                held.removeAll()
            }
        }
        try shared.markPulled(held, by: options.builder)
        report.prunedInShared = try shared.prune(keepRawDays: keepRawDays)
        logger.info(
            "pulled from the shared store",
            metadata: ["stored": "\(report.stored)", "failed": "\(report.failed)", "refused": "\(report.refused)",
                       "pruned_in_shared": "\(report.prunedInShared)"])
        return report
    }
}
