import Extracts
import Foundation
import Metrics
import Model
import Site

/// The tables of the periods (months, years, rolling windows) that a changed day touches, for
/// their extracts (written by `ExtractsStep`) and the game and channel pages' period rows.
/// Runs after the history step has summed the changed days.
enum PeriodsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        // Recomputed in another time zone: the months and windows of the old zone's rows are gone.
        if try c.store.meta(.fullRewritePending) != nil { try c.store.clearPeriodRows() }
        let reported = c.report.reportedDays
        let newest = try c.store.meta(.consolidatedThrough).flatMap { Millis($0) }
        let latest = Period.latestCompleteDay(reportedDays: reported, newestCrawl: newest, calendar: c.calendar)
        if latest == nil {
            for days in Period.windowLengths { try staging.remove("data/last-\(days)d") }
        }
        let changed = c.report.writtenDays
        c.periods = Period.all(reportedDays: reported, latestCompleteDay: latest)
        let written = c.periods.filter { needsWriting($0, changed: changed, staging: staging) }
        try c.computePeriodTables(written)
        for period in written {
            guard let tables = try c.periodTables(period) else { continue }
            c.report.writtenPeriods.append(period)
            if PeriodRecorder.shows(period) { try PeriodRecorder.record(tables, store: c.store) }
            c.periodExtracts.append(tables)
        }
    }

    /// A period is written again when one of its days or of the period before changed (the
    /// previous ranks), when its files are missing, or, for a window, when it moved.
    static func needsWriting(_ period: Period, changed: [Int], staging: SiteStaging) -> Bool {
        let previous = period.previous
        if changed.contains(where: { period.contains($0) || previous.contains($0) }) { return true }
        let summary = staging.staging.appendingPathComponent(period.dataFolder + "summary.csv")
        guard let text = try? String(contentsOf: summary, encoding: .utf8) else { return true }
        let bounds = ",\(CivilDate(dayNumber: period.firstDay).iso),\(CivilDate(dayNumber: period.lastDay).iso),"
        return !text.contains(bounds)
    }
}
