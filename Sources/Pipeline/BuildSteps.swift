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

/// The tables of every day rewritten in this build.
enum DayTablesStep {
    static func run(_ c: BuildContext) throws {
        for day in c.report.writtenDays { _ = try c.dayTables(day) }
    }
}

enum ExtractsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        for day in c.report.writtenDays {
            for file in DayExtracts.files(try c.dayTables(day)) {
                try staging.write(file.path) { drain in
                    try withoutActuallyEscaping(drain) { try file.write(ByteOutput(drain: $0)) }
                }
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
