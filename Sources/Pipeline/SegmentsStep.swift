import Extracts
import Metrics

/// The segments extract of the days rewritten in this build: the biggest, which no page needs,
/// written from the moment the changed days are known to the end of the pages. It reads only
/// what was set before it started (`daysToWrite`, the staging folder, the store), as the steps
/// beside it change `report`.
enum SegmentsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        for day in c.daysToWrite {
            try ExtractsStep.writeSideBySide(
                DayExtracts.segmentFiles(day: day, try DaySegments.load(store: c.store, day: day)), to: staging)
        }
    }
}
