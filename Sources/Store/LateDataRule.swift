import GRDB
import Model

/// The late-data rule of METRICS.md §7 for one write: data for crawls already consolidated (or
/// taken on by a pass still running) makes the next build recompute everything exactly, while
/// every raw observation is kept; once some were pruned, it is refused.
final class LateDataRule {
    private let consolidatedThrough: Millis?
    private let prunedBefore: Millis?
    /// Whether this write touched a consolidated crawl.
    private(set) var isLate = false

    init(_ db: Database) throws {
        // A pass still running has taken on crawls up to its own mark: data for them is late too.
        let through = [try Store.metaMillis(db, .consolidatedThrough), try Store.metaMillis(db, .consolidatingThrough)]
        consolidatedThrough = through.compactMap { $0 }.max()
        prunedBefore = try Store.metaMillis(db, .prunedBefore)
    }

    private func isConsolidated(_ time: Millis) -> Bool { time <= (consolidatedThrough ?? .min) }

    /// A crawl row created for `time`.
    func noteNewCrawl(at time: Millis) {
        if isConsolidated(time) { isLate = true }
    }

    /// Stored observations of a crawl that this write changed.
    func noteChangedCrawl(_ crawl: CrawlRef) {
        if crawl.consolidated || isConsolidated(crawl.time) { isLate = true }
    }

    /// Settles the rule once the write is done: true when the next build must recompute (and
    /// recorded so); throws `StoreError.lateData` when exact recomputation is impossible.
    func settle(_ db: Database, crawlTimes: some Sequence<Millis>) throws -> Bool {
        guard isLate else { return false }
        if let prunedBefore {
            let earliest = crawlTimes.filter { isConsolidated($0) }.min()
            throw StoreError.lateData(crawlTime: earliest ?? prunedBefore, prunedBefore: prunedBefore)
        }
        try Store.setMeta(db, .recomputeNeeded, "1")
        return true
    }
}
