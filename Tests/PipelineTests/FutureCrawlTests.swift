import Foundation
import Model
import Pipeline
import Store
import TestSupport
import Testing

/// A database from before the plausibility rules may hold a crawl dated a year ahead: the build
/// says so, and it does not make `--keep-raw` prune real data.
@Suite struct FutureCrawlTests {
    @Test func theBuildLogNamesCrawlsDatedInTheFutureAndKeepsRealRawData() throws {
        let scratch = try ScratchFolder()
        let db = scratch.path("db.sqlite")
        let now = Clock.nowMillis()
        let real = [now - 3 * 86_400_000, now - 86_400_000]
        let future = now + 400 * 86_400_000
        try Store(path: db).write { database in
            let writer = try ObservationWriter(database)
            for (i, time) in (real + [future]).enumerated() {
                try writer.add(Observation(
                    streamID: "s\(i)", userID: "u\(i)", userLogin: "u\(i)", userName: "U\(i)", gameID: "1",
                    gameName: "Game", title: "t", viewerCount: 10, startedAt: time - 3_600_000, language: "en",
                    observedAt: time), crawlTime: time)
            }
            try writer.finish()
        }
        let log = LogLines()
        let report = try BuildJob.run(
            BuildOptions(databasePath: db, output: scratch.url.appendingPathComponent("site"), keepRawDays: 1),
            logger: log.logger())
        #expect(report.consolidation.futureCrawls == 1)
        #expect(log.lines.contains {
            $0.hasPrefix("warning 1 crawl is dated in the future (the latest at \(Timestamp.format(future))")
                && $0.contains("ignored when choosing which raw observations to prune")
        })
        // One day back from the newest real crawl: the older real crawl goes, the newest stays.
        #expect(report.consolidation.prunedObservations == 1)
        #expect(try Store(path: db).counts().rawObservations == 2)
    }
}
