import Metrics
import Model

/// Records the history of the days rewritten in this build (and of reported days that have none),
/// and sums each rewritten day for the periods (`PeriodSumsSource`) on a helper thread while this
/// one computes the day's tables: the two read the same day from the store independently.
enum HistoryStep {
    static func run(_ c: BuildContext) throws {
        guard c.staging != nil else { return }
        // Recomputed in another time zone: every day's sums belong to the old zone's days.
        if try c.store.meta(.fullRewritePending) != nil { try c.store.clearPeriodSums() }
        try PeriodSumsSource.forget(changedDays: c.report.writtenDays, store: c.store)
        let reported = c.report.reportedDays
        let source = UncheckedSendable(PeriodSumsSource(store: c.store, calendar: c.calendar, reportedDays: reported))
        let toRecord = Set(c.report.writtenDays).union(try HistoryRecorder.missingDays(reported: reported, store: c.store))
        for day in toRecord.sorted() {
            let sums = try source.value.hasDaySums(day)
                ? nil : StepHelper("build: period sums") { UncheckedSendable(try source.value.daySumsWithoutTables(day)) }
            let tables = Result { try c.dayTables(day) }
            let partSums = Result { try sums?.value() }
            let dayTables = try tables.get()
            try HistoryRecorder.record(dayTables, store: c.store)
            if let s = try partSums.get() { try source.value.keep(s.value, day: day, tables: dayTables) }
        }
    }
}
