import Model
import Store

extension Store {
    /// Stores a crawl the way the collector does: one transaction, the writer's caches kept for the next.
    func storeCollected(_ crawl: Crawl, cache: ObservationWriter.Cache) throws {
        let writer = try write { db in
            let writer = try ObservationWriter(db, cache: cache)
            try writer.beginCollectedCrawl(time: crawl.time, pages: crawl.pages, durationMs: 0, retries: 0)
            for o in crawl.observations { try writer.add(o, crawlTime: crawl.time, source: "collect") }
            try writer.finish()
            return writer
        }
        cache.adopt(writer)
    }
}
