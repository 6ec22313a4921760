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

            var pass = ConsolidationPass(session: session, calendar: calendar)
            let pending = try session.pendingCrawls()
            for crawl in pending {
                report.observations += try pass.consolidate(crawl)
            }
            try pass.flush()
            if let last = pending.last { try session.setConsolidatedThrough(last.time) }
            report.crawls = pending.count
            report.dirtyDays = pass.dirtyDays

            if keepRawDays >= 0, let newest = try session.newestCrawlTime() {
                report.prunedObservations = try session.pruneRaw(before: newest - Millis(keepRawDays) * 86_400_000)
            }
            return report
        }
    }
}
