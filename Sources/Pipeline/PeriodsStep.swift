import Extracts
import Foundation
import Metrics
import Model
import Site

/// The tables of the periods (months, years, rolling windows) that a changed day touches: each
/// period's rows are recorded for the game and channel pages, its full tables handed to the step
/// that writes its extracts beside this one (`PeriodExtractsStep`), and its top rows kept for its
/// page. Runs after the history step has summed the changed days.
enum PeriodsStep {
    static func run(_ c: BuildContext) throws {
        // However this step ends, the extracts beside it end with it.
        defer { c.periodExtracts.close() }
        guard let staging = c.staging else { return }
        // Recomputed in another time zone: the months and windows of the old zone's rows are gone.
        if try c.store.meta(.fullRewritePending) != nil {
            try c.store.clearPeriodRows()
            // Ranked from sums of the days as another time zone cut them, or before a recompute.
            c.previousRanksForecast = nil
        }
        // Its ranks are the periods step's to use: dropped after, they hold up to a year's channels.
        defer { c.previousRanksForecast = nil }
        let reported = c.report.reportedDays
        let newest = try c.store.meta(.consolidatedThrough).flatMap { Millis($0) }
        let latest = Period.latestCompleteDay(reportedDays: reported, newestCrawl: newest, calendar: c.calendar)
        if latest == nil {
            for days in Period.windowLengths { try staging.remove("data/last-\(days)d") }
        }
        let changed = c.report.writtenDays
        if let forecast = c.previousRanksForecast {
            c.report.periodsBeforeRankedAhead = (forecast.count, forecast.usableCount(changedDays: Set(changed)))
        }
        c.periods = Period.all(reportedDays: reported, latestCompleteDay: latest)
        let written = c.periods.filter { needsWriting($0, changed: changed, staging: staging) }
        var computed: Set<Period> = []
        try c.computePeriodTables(written) { tables in
            computed.insert(tables.period)
            if PeriodRecorder.shows(tables.period) { try PeriodRecorder.record(tables, store: c.store) }
            c.periodPageTables[tables.period] = tables.top(PeriodPages.rankingRows)
            // Refused at once after the writer failed: its error ends the build when the step joins it.
            _ = c.periodExtracts.send(tables)
        }
        c.report.writtenPeriods += written.filter(computed.contains)
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
