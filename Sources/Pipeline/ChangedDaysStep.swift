import Metrics
import Model
import Site
import Store

/// Dirty days (changed numbers) plus reported days whose files are missing from the output.
enum ChangedDaysStep {
    static func run(_ c: BuildContext) throws {
        let reported = try ReportedDays.all(store: c.store, calendar: c.calendar)
        c.report.reportedDays = reported
        let fullRewrite = try c.store.meta(.fullRewritePending) != nil
        let staging = try SiteStaging(
            output: c.options.output, keepPublished: !fullRewrite, operations: c.options.publishOperations)
        c.staging = staging
        c.dirtyDays = try c.store.dirtyDays()
        let dirty = Set(c.dirtyDays)
        c.report.writtenDays = reported.filter { day in
            dirty.contains(day) || !staging.exists("data/\(CivilDate(dayNumber: day).iso)/summary.csv")
        }
        c.daysToWrite = c.report.writtenDays
    }
}
