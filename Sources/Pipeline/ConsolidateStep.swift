import Consolidation
import Model
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
