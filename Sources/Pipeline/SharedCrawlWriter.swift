import Model

/// The collector's writing thread when crawls land in a shared store: packs each outcome and
/// hands it to the landing, which uploads it or keeps it in the spool.
struct SharedCrawlWriter {
    let landing: SharedLanding
    let options: SharedStoreOptions

    init(_ landing: SharedLanding, options: SharedStoreOptions) {
        self.landing = landing
        self.options = options
    }

    func drain(_ pending: BatchChannel<StoredOutcome>) throws {
        // Outcomes a previous run left in the spool go first.
        try landing.uploadSpool()
        while let outcome = pending.receive() {
            do {
                try landing.land(packed(outcome))
            } catch {
                pending.cancel()
                throw error
            }
        }
    }

    func packed(_ outcome: StoredOutcome) -> PackedCrawl {
        switch outcome {
        case .complete(let crawl, let stats):
            return PackedCrawl(
                time: crawl.time, collector: options.collector, clientLabel: options.clientLabel, status: .complete,
                pages: crawl.pages, streams: crawl.observations.count, leftOut: crawl.leftOut, durationMs: stats.durationMillis,
                retries: stats.retries, data: PackedCrawl.pack(crawl.observations, crawlTime: crawl.time))
        case .failed(let failure, let stats, let time):
            return PackedCrawl(
                time: time, collector: options.collector, clientLabel: options.clientLabel, status: .failed,
                pages: stats.pages, streams: 0, durationMs: stats.durationMillis, retries: stats.retries,
                reason: failure.description, data: [])
        }
    }
}
