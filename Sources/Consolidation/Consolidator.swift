import Foundation
import Model
import Store

/// What one consolidation pass did.
public struct ConsolidationReport: Sendable {
    public var crawls = 0
    public var observations = 0
    /// Days whose numbers changed in this pass.
    public var dirtyDays: Set<Int> = []
    /// True when everything was recomputed from raw observations (a new time zone, or late data).
    public var recomputed = false
    public var prunedObservations = 0
    /// The transactions the crawls were committed in.
    public var chunks = 0
    /// Crawls dated more than `Consolidator.futureTolerance` after the machine's clock, left out
    /// of the pruning horizon, and the latest of them.
    public var futureCrawls = 0
    public var latestFutureCrawl: Millis?

    public init() {}
}

public enum ConsolidationError: Error, CustomStringConvertible {
    case timeZoneChanged(recorded: String, requested: String)

    public var description: String {
        switch self {
        case .timeZoneChanged(let recorded, let requested):
            return StoreError.timeZoneChanged(recorded: recorded, requested: requested).description
        }
    }
}

/// How a pass is cut into transactions. Between two, the write lock is free for a moment, so a
/// collector's crawl waits seconds for a build, never minutes.
public struct ChunkPolicy: Sendable {
    /// A chunk ends with the crawl that brings its folding time to this many seconds...
    public var seconds: Double
    /// ...or with its this-many-th crawl, whichever comes first.
    public var crawls: Int
    /// How long the lock is left free between two chunks: SQLite's busy wait polls at least every
    /// 100 ms, so a writer waiting for the lock takes it.
    public var pause: Double

    public init(seconds: Double = 10, crawls: Int = .max, pause: Double = 0.25) {
        self.seconds = seconds
        self.crawls = max(1, crawls)
        self.pause = pause
    }
}

/// Turns raw observations into intervals, day parts, crawl shares and segments (METRICS.md §2–5),
/// incrementally: each stream's last observation and open segment carry over between passes,
/// so consolidating in steps gives exactly what one pass over everything gives (§7).
///
/// A pass commits in chunks of about ten seconds of crawls. A chunk ends the way a pass does (every
/// changed stream's state, day parts, peaks and day lists written, the crawls marked consolidated),
/// so a pass that fails leaves the database as a shorter pass would have, and the next build
/// continues from the last chunk committed with the same result.
public enum Consolidator {
    /// Crawls dated later than this past the machine's clock are implausible (METRICS.md §1): they
    /// do not move the pruning horizon.
    public static let futureTolerance: Millis = 10 * 60_000
    /// Crawls whose raw observations are pruned in one transaction.
    static let pruneBatch = 100

    /// Consolidates every pending crawl in time order, then prunes raw observations older than
    /// `keepRawDays` before the newest crawl (not counting crawls dated in the future).
    public static func run(
        store: Store, calendar: ReportCalendar, keepRawDays: Int, chunks: ChunkPolicy = ChunkPolicy(),
        now: () -> Millis = Clock.nowMillis
    ) throws -> ConsolidationReport {
        try run(store: store, calendar: calendar, keepRawDays: keepRawDays, handOver: HandOver(), chunks: chunks, now: now)
    }

    /// `afterChunk` is called with the number of chunks committed so far, between two chunks;
    /// what it throws ends the pass there (tests interrupt a pass with it).
    static func run(
        store: Store, calendar: ReportCalendar, keepRawDays: Int, handOver: HandOver, chunks: ChunkPolicy = ChunkPolicy(),
        now: () -> Millis = Clock.nowMillis, afterChunk: (Int) throws -> Void = { _ in }
    ) throws -> ConsolidationReport {
        try store.consolidate { session in
            var report = ConsolidationReport()
            let pending = try session.inTransaction {
                let recorded = try session.timeZone()
                var recompute = try session.recomputeNeeded()
                if let recorded, recorded != calendar.identifier {
                    guard try session.prunedBefore() == nil else {
                        throw ConsolidationError.timeZoneChanged(recorded: recorded, requested: calendar.identifier)
                    }
                    recompute = true
                }
                if recompute {
                    try session.resetConsolidation()
                    report.recomputed = true
                }
                try session.setTimeZone(calendar.identifier)
                let pending = try session.pendingCrawls()
                try session.setConsolidating(through: pending.last?.time)
                return pending
            }

            let folded = try foldAndWrite(
                pending, session: session, calendar: calendar, handOver: handOver, chunks: chunks, afterChunk: afterChunk)
            report.observations = folded.observations
            report.chunks = folded.chunks
            report.crawls = pending.count
            report.dirtyDays = folded.dirtyDays
            if !pending.isEmpty { try session.inTransaction { try session.setConsolidating(through: nil) } }

            if keepRawDays >= 0 {
                try prune(session, keepRawDays: keepRawDays, pause: chunks.pause, now: now(), report: &report)
            }
            return report
        }
    }

    /// Prunes raw observations older than `keepRawDays` before the newest crawl that is not dated
    /// in the future, a batch of crawls per transaction.
    private static func prune(
        _ session: ConsolidationSession, keepRawDays: Int, pause: Double, now: Millis, report: inout ConsolidationReport
    ) throws {
        let latest = now + futureTolerance
        let newest = try session.inTransaction {
            let future = try session.crawls(after: latest)
            report.futureCrawls = future.count
            report.latestFutureCrawl = future.latest
            return try session.newestCrawlTime(notAfter: latest)
        }
        guard let newest else { return }
        let cutoff = newest - Millis(keepRawDays) * 86_400_000
        var more = true
        while more {
            more = try session.inTransaction {
                // Late data written between two chunks asks for a recompute from raw observations:
                // they must all stay.
                guard try !session.recomputeNeeded() else { return false }
                let pruned = try session.pruneRaw(before: cutoff, limit: pruneBatch)
                report.prunedObservations += pruned.observations
                return pruned.more
            }
            if more { Thread.sleep(forTimeInterval: pause) }
        }
    }

    /// Reads and folds the crawls on a second thread, which hands over batches of rows, while
    /// this thread (the one holding the write connection) writes them, a chunk per transaction:
    /// the pass's reading and folding and its writing take about as long as each other.
    private static func foldAndWrite(
        _ pending: [PendingCrawl], session: ConsolidationSession, calendar: ReportCalendar, handOver: HandOver,
        chunks: ChunkPolicy, afterChunk: (Int) throws -> Void
    ) throws -> (observations: Int, dirtyDays: Set<Int>, chunks: Int) {
        guard !pending.isEmpty else { return (0, [], 0) }
        let batches = BatchChannel<PassRows>(capacity: 2)
        let reading = UncheckedSendable(session)  // only its `read`, which opens its own connection
        // A calendar caches day bounds as it goes: the folding thread gets one of its own.
        let folding = BackgroundWork("consolidate: fold") { [zone = calendar.identifier] in
            defer { batches.close() }
            return try reading.value.read { reader in
                var pass = ConsolidationPass(reader: reader, calendar: ReportCalendar(identifier: zone)!, handOver: handOver)
                var observations = 0
                var inChunk = 0
                var chunkStarted = DispatchTime.now()
                for (i, crawl) in pending.enumerated() {
                    observations += try pass.consolidate(crawl)
                    inChunk += 1
                    let folding = Double(DispatchTime.now().uptimeNanoseconds - chunkStarted.uptimeNanoseconds) / 1e9
                    if i + 1 == pending.count || inChunk >= chunks.crawls || folding >= chunks.seconds {
                        guard batches.send(pass.takeRows(final: true)), batches.send(pass.takeChunkEnd(through: crawl.time))
                        else { throw CancellationError() }
                        inChunk = 0
                        chunkStarted = DispatchTime.now()
                    } else if handOver.handsOver(after: inChunk), !batches.send(pass.takeRows(final: false)) {
                        throw CancellationError()
                    }
                }
                return (observations, pass.dirtyDays)
            }
        }
        var committed = 0
        do {
            var lastCommit: DispatchTime?
            while var rows = batches.receive() {
                if let lastCommit {
                    // Leave the lock free for a moment, so that a writer waiting for it gets in.
                    let free = Double(DispatchTime.now().uptimeNanoseconds - lastCommit.uptimeNanoseconds) / 1e9
                    if free < chunks.pause { Thread.sleep(forTimeInterval: chunks.pause - free) }
                }
                try session.inTransaction {
                    try rows.write(to: session)
                    while rows.chunkEnd == nil {
                        // The folding thread stopped part-way through the chunk: its error is thrown below.
                        guard let next = batches.receive() else { throw FoldingStopped() }
                        rows = next
                        try rows.write(to: session)
                    }
                }
                committed += 1
                lastCommit = DispatchTime.now()
                try afterChunk(committed)
            }
        } catch {
            batches.cancel()
            let fold = Result { try folding.value() }
            if error is FoldingStopped, case .failure(let foldError) = fold { throw foldError }
            throw error
        }
        let folded = try folding.value()
        return (folded.0, folded.1, committed)
    }
}

/// The rows of a chunk ended before the batch that ends it: the folding thread failed.
private struct FoldingStopped: Error {}
