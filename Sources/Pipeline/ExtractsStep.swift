import Extracts
import Metrics
import Model
import Site

/// The other extracts of the days rewritten in this build, beside the pages: from the day tables
/// that recording the history computed.
enum ExtractsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        for day in c.daysToWrite { try writeSideBySide(DayExtracts.tableFiles(try c.dayTables(day)), to: staging) }
        // Every day's crawl log: small, and a late failure record changes it without changing the numbers.
        let coverage = try DayCoverage.load(store: c.store, calendar: c.calendar, days: c.reportedDays)
        try write(coverage.keys.sorted().map { CrawlsExtract.file(coverage[$0]!) }, to: staging)
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

    static func write(_ files: [ExtractFile], to staging: SiteStaging) throws {
        for file in files {
            try staging.write(file.path) { drain in
                try withoutActuallyEscaping(drain) { try file.write(ByteOutput(drain: $0)) }
            }
        }
    }
}
