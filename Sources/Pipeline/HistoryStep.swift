import Metrics

/// Records the history of the days rewritten in this build (and of reported days that have none).
enum HistoryStep {
    static func run(_ c: BuildContext) throws {
        guard c.staging != nil else { return }
        let reported = c.report.reportedDays
        let toRecord = Set(c.report.writtenDays).union(try HistoryRecorder.missingDays(reported: reported, store: c.store))
        for day in toRecord.sorted() { try HistoryRecorder.record(try c.dayTables(day), store: c.store) }
    }
}
