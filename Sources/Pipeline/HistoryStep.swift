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
        let written = c.report.writtenDays
        // A write, so it waits for the log's copy into the database that the consolidation
        // started (`ConsolidateStep`): on a thread of its own while the first day's tables are
        // read, and done before a day's new sums are kept.
        let forgetting = StepHelper("build: forget changed sums") {
            try PeriodSumsSource.forget(changedDays: written, store: c.store)
        }
        // However the step ends, the helper ends with it.
        defer { _ = try? forgetting.value() }
        let reported = c.report.reportedDays
        let source = UncheckedSendable(PeriodSumsSource(store: c.store, calendar: c.calendar, reportedDays: reported))
        let changed = Set(written)
        let toRecord = changed.union(try HistoryRecorder.missingDays(reported: reported, store: c.store))
        for day in toRecord.sorted() {
            // A changed day's kept sums are stale until forgotten.
            let kept = try !changed.contains(day) && source.value.hasDaySums(day)
            let sums = kept
                ? nil : StepHelper("build: period sums") { UncheckedSendable(try source.value.daySumsWithoutTables(day)) }
            let tables = Result { try c.dayTables(day) }
            let partSums = Result { try sums?.value() }
            let dayTables = try tables.get()
            try HistoryRecorder.record(dayTables, store: c.store)
            try forgetting.value()
            if let s = try partSums.get() { try source.value.keep(s.value, day: day, tables: dayTables) }
        }
        try forgetting.value()
    }
}
