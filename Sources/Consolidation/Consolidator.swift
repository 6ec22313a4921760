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

/// Turns raw observations into intervals, day parts, crawl shares and segments (METRICS.md §2–5),
/// incrementally: each stream's last observation and open segment carry over between passes,
/// so consolidating in steps gives exactly what one pass over everything gives (§7).
public enum Consolidator {
    /// Consolidates every pending crawl in time order, then prunes raw observations older than
    /// `keepRawDays` before the newest crawl. One transaction: all of it lands, or none.
    public static func run(store: Store, calendar: ReportCalendar, keepRawDays: Int) throws -> ConsolidationReport {
        try run(store: store, calendar: calendar, keepRawDays: keepRawDays, handOver: HandOver())
    }

    static func run(store: Store, calendar: ReportCalendar, keepRawDays: Int, handOver: HandOver) throws
        -> ConsolidationReport
    {
        try store.consolidate { session in
            var report = ConsolidationReport()
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
            let folded = try foldAndWrite(pending, session: session, calendar: calendar, handOver: handOver)
            report.observations = folded.observations
            if let last = pending.last { try session.setConsolidatedThrough(last.time) }
            for day in folded.dirtyDays.sorted() { try session.markDirty(day: day) }
            report.crawls = pending.count
            report.dirtyDays = folded.dirtyDays

            if keepRawDays >= 0, let newest = try session.newestCrawlTime() {
                report.prunedObservations = try session.pruneRaw(before: newest - Millis(keepRawDays) * 86_400_000)
            }
            return report
        }
    }

    /// Reads and folds the crawls on a second thread, which hands over batches of rows, while
    /// this thread (the one holding the write transaction) writes them: the pass's reading and
    /// folding and its writing take about as long as each other.
    private static func foldAndWrite(
        _ pending: [PendingCrawl], session: ConsolidationSession, calendar: ReportCalendar, handOver: HandOver
    ) throws -> (observations: Int, dirtyDays: Set<Int>) {
        guard !pending.isEmpty else { return (0, []) }
        let batches = BatchChannel<PassRows>(capacity: 2)
        let reading = UncheckedSendable(session)  // only its `read`, which opens its own connection
        // A calendar caches day bounds as it goes: the folding thread gets one of its own.
        let folding = BackgroundWork("consolidate: fold") { [zone = calendar.identifier] in
            defer { batches.close() }
            return try reading.value.read { reader in
                var pass = ConsolidationPass(reader: reader, calendar: ReportCalendar(identifier: zone)!, handOver: handOver)
                var observations = 0
                for (i, crawl) in pending.enumerated() {
                    observations += try pass.consolidate(crawl)
                    if handOver.handsOver(after: i + 1), !batches.send(pass.takeRows(final: false)) {
                        throw CancellationError()
                    }
                }
                guard batches.send(pass.takeRows(final: true)), batches.send(try pass.takeDayRows()) else {
                    throw CancellationError()
                }
                return (observations, pass.dirtyDays)
            }
        }
        do {
            while let rows = batches.receive() { try rows.write(to: session) }
        } catch {
            batches.cancel()
            _ = try? folding.value()
            throw error
        }
        return try folding.value()
    }
}
