import Consolidation
import Extracts
import Foundation
import Metrics
import Model
import Site
import Store

enum ConsolidateStep {
    static func run(_ c: BuildContext) throws {
        c.report.consolidation = try Consolidator.run(
            store: c.store, calendar: c.calendar, keepRawDays: c.options.keepRawDays)
    }
}

/// Dirty days (changed numbers) plus reported days whose files are missing from the output.
enum ChangedDaysStep {
    static func run(_ c: BuildContext) throws {
        let reported = try ReportedDays.all(store: c.store, calendar: c.calendar)
        c.report.reportedDays = reported
        let fullRewrite = try c.store.meta(.fullRewritePending) != nil
        let staging = try SiteStaging(output: c.options.output, keepPublished: !fullRewrite)
        c.staging = staging
        let dirty = Set(try c.store.dirtyDays())
        c.report.writtenDays = reported.filter { day in
            dirty.contains(day) || !staging.exists("data/\(CivilDate(dayNumber: day).iso)/summary.csv")
        }
    }
}

/// The extracts of the days rewritten in this build. Runs beside the pages: the segments (the
/// biggest extract, which no page needs) load and are written first, while the pages step
/// computes the day tables the other extracts are written from.
enum ExtractsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        for day in c.report.writtenDays {
            try write(DayExtracts.segmentFiles(day: day, try DaySegments.load(store: c.store, day: day)), to: staging)
            try write(DayExtracts.tableFiles(try c.dayTables(day)), to: staging)
        }
    }

    private static func write(_ files: [ExtractFile], to staging: SiteStaging) throws {
        for file in files {
            try staging.write(file.path) { drain in
                try withoutActuallyEscaping(drain) { try file.write(ByteOutput(drain: $0)) }
            }
        }
    }
}

enum PublishStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        c.report.changedFiles = staging.changedFiles
        c.report.published = try staging.publish()
        try c.store.clearDirty(try c.store.dirtyDays())
        try c.store.setMeta(.fullRewritePending, nil)
    }
}
