import Metrics
import Model
import Site
import Store

/// Dirty days (changed numbers) plus reported days whose files are missing from the new version
/// of the site (`StagingStep`).
enum ChangedDaysStep {
    static func run(_ c: BuildContext) throws {
        let reported = try ReportedDays.all(store: c.store, calendar: c.calendar)
        c.report.reportedDays = reported
        c.reportedDays = reported
        try StagingStep.restartIfRewriteIsDue(c)
        guard let staging = c.staging else { return }
        c.dirtyDays = try c.store.dirtyDays()
        let dirty = Set(c.dirtyDays)
        c.report.writtenDays = reported.filter { day in
            dirty.contains(day) || !staging.exists("data/\(CivilDate(dayNumber: day).iso)/summary.csv")
        }
        c.daysToWrite = c.report.writtenDays
    }
}
