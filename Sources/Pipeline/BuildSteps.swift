import Consolidation
import Extracts
import Foundation
import Metrics
import Model
import Site
import Store

enum ConsolidateStep {
    static func run(_ c: BuildContext) throws {
        let report = try Consolidator.run(store: c.store, calendar: c.calendar, keepRawDays: c.options.keepRawDays)
        c.report.consolidation = report
        c.logger.debug("consolidated", metadata: ["crawls": "\(report.crawls)", "chunks": "\(report.chunks)"])
        if report.futureCrawls > 0, let latest = report.latestFutureCrawl {
            c.logger.warning(
                "\(report.futureCrawls) \(report.futureCrawls == 1 ? "crawl is" : "crawls are") dated in the future (the latest at \(Timestamp.format(latest)), more than 10 minutes past this machine's clock); they were ignored when choosing which raw observations to prune",
                metadata: ["future_crawls": "\(report.futureCrawls)", "latest": "\(Timestamp.format(latest))"])
        }
        // Consolidation leaves its pages in the write-ahead log; copying them into the database
        // is mostly disk time, done here while the next steps read, before their first write.
        let store = c.store
        c.checkpoint = BackgroundWork("build: checkpoint") { try store.checkpoint() }
    }
}

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
    }
}

/// The extracts of the days and periods rewritten in this build. Runs beside the pages: the
/// segments (the biggest extract, which no page needs) load and are written first; the other
/// extracts come from the day tables that recording the history computed and the period tables
/// of the periods step.
enum ExtractsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        for day in c.report.writtenDays {
            try writeSideBySide(DayExtracts.segmentFiles(day: day, try DaySegments.load(store: c.store, day: day)),
                                to: staging)
            try writeSideBySide(DayExtracts.tableFiles(try c.dayTables(day)), to: staging)
        }
        // Every day's crawl log: small, and a late failure record changes it without changing the numbers.
        let coverage = try DayCoverage.load(store: c.store, calendar: c.calendar, days: c.report.reportedDays)
        try write(coverage.keys.sorted().map { CrawlsExtract.file(coverage[$0]!) }, to: staging)
        for tables in c.periodExtracts { try writeSideBySide(PeriodExtracts.files(tables), to: staging) }
    }

    /// Writes the JSON files on a helper thread while this thread writes the CSV files: a full
    /// day's segments are 0.4 GB of CSV and 0.85 GB of JSON, too much for one thread beside the
    /// pages. Both threads are done before an error of either is thrown, so no file is still
    /// being written when the build discards the staging folder.
    static func writeSideBySide(_ files: [ExtractFile], to staging: SiteStaging) throws {
        // Each thread takes its own files; the rows they share are only read.
        let json = UncheckedSendable(files.filter { $0.format == .json })
        let helper = StepHelper("build: write JSON extracts") { try write(json.value, to: staging) }
        let csv = Result { try write(files.filter { $0.format == .csv }, to: staging) }
        try helper.value()
        try csv.get()
    }

    private static func write(_ files: [ExtractFile], to staging: SiteStaging) throws {
        for file in files {
            try staging.write(file.path) { drain in
                try withoutActuallyEscaping(drain) { try file.write(ByteOutput(drain: $0)) }
            }
        }
    }
}

/// Swaps the new site in, then records what the published site now reflects. Only then: a
/// publish that fails leaves the dirty days dirty, a pending full rewrite pending and the old
/// render settings, so the next build writes all of it again. Each record is true on its own once
/// the site is published, so a failure between them only makes the next build redo more.
enum PublishStep {
    static func run(_ c: BuildContext) throws {
        try c.checkpoint?.value()
        guard let staging = c.staging else { return }
        c.report.changedFiles = staging.changedFiles
        c.report.published = try staging.publish()
        try c.store.clearDirty(c.dirtyDays)
        try c.store.setMeta(.fullRewritePending, nil)
        for (key, value) in c.siteState.sorted(by: { $0.key < $1.key }) { try c.store.setSiteState(key, value) }
    }
}
