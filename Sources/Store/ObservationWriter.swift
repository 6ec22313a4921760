import GRDB
import Model

/// Writes observations into the raw tables inside one write transaction, keeping one
/// observation per stream and crawl (the last sighting wins, METRICS.md §1).
///
/// Its parts: the crawl rows (`CrawlRows`), the stream and facts rows looked up by their texts
/// (`StreamFactsLookup`, with `Cache` across transactions), ids carried by stream token
/// (`StreamTokens`), one packed blob per crawl (`CrawlBlobWriter`, `LastSightings`) and the
/// late-data rule (`LateDataRule`): data older than what is already consolidated makes the next
/// build recompute everything exactly while every raw observation is kept; once some were pruned,
/// `finish()` refuses it with `StoreError.lateData` and the caller's transaction rolls back.
public final class ObservationWriter {
    public struct Summary: Sendable, Equatable {
        /// Kept observations written (new or changed).
        public var written = 0
        /// Observations identical to ones already stored.
        public var unchanged = 0
        /// Observations of crawls already consolidated whose raw data was pruned: a repeat
        /// import of old data, skipped.
        public var skippedPruned = 0
        /// New crawls created.
        public var newCrawls = 0
        /// True when the data reaches behind the consolidated range and forces a recompute.
        public var forcesRecompute = false

        public init() {}
    }

    private let db: Database
    private let lateData: LateDataRule
    private let crawls: CrawlRows
    let lookup: StreamFactsLookup
    private let tokens: StreamTokens
    private let blobs: CrawlBlobWriter
    private var skippedPruned = 0
    private var written = 0
    private var unchanged = 0
    private var forcesRecompute = false

    public var summary: Summary {
        var s = Summary()
        s.written = written
        s.unchanged = unchanged
        s.skippedPruned = skippedPruned
        s.newCrawls = crawls.created
        s.forcesRecompute = forcesRecompute
        return s
    }

    /// `tokens` carries stream tokens from an earlier write (a pull, crawl by crawl); by default
    /// the writer numbers them on its own (an import).
    public init(_ db: Database, cache: Cache? = nil, tokens: StreamTokens? = nil) throws {
        self.db = db
        lateData = try LateDataRule(db)
        crawls = CrawlRows(db, lateData: lateData)
        lookup = try StreamFactsLookup(db, cache: cache)
        self.tokens = tokens ?? StreamTokens()
        blobs = try CrawlBlobWriter(db)
    }

    /// Creates a crawl row for a collector crawl; its observations follow with `add`. `leftOut`
    /// counts the streams left out as implausible.
    public func beginCollectedCrawl(time: Millis, pages: Int, durationMs: Int64, retries: Int, leftOut: Int = 0) throws {
        try crawls.beginCollected(time: time, pages: pages, durationMs: durationMs, retries: retries, leftOut: leftOut)
    }

    /// Adds one observation to the crawl at `crawlTime` (created when new).
    public func add(_ o: Observation, crawlTime: Millis, source: String = "import") throws {
        let crawl = try crawls.ref(crawlTime, source: source)
        if crawl.pruned {
            skippedPruned += 1
            return
        }
        let ids = try lookup.ids(o)
        try append(StoredObservation(stream: ids.stream, offset: o.observedAt - crawlTime, viewers: Int64(o.viewerCount), facts: ids.facts), to: crawl)
    }

    /// Adds pulled observations to the collected crawl at `crawlTime`, as `add` adds each. When a
    /// row repeats its stream's previous sighting (`SightedObservation.repeatsPrevious`), the ids
    /// remembered for its token in the `tokens` given at init are used, and nothing is looked up;
    /// when only its facts changed, only they are.
    public func addSighted(_ rows: [SightedObservation], crawlTime: Millis) throws {
        let crawl = try crawls.ref(crawlTime, source: "collect")
        if crawl.pruned {
            skippedPruned += rows.count
            for row in rows { tokens.forget(row.token) }
            return
        }
        var stored: [StoredObservation] = []
        stored.reserveCapacity(rows.count)
        // Read in place, field by field: copying a row out would count a reference to its
        // sighting, an atomic operation on an object the unpacking thread made.
        try rows.withUnsafeBufferPointer { rows in
            for i in rows.indices {
                let token = rows[i].token
                var ids: StreamFactsIDs
                if let known = tokens.known(token) {
                    ids = known
                    if !rows[i].repeatsPrevious {
                        // The same stream (tokens go by stream id) with other facts: its row is known.
                        ids.facts = try lookup.factsID(rows[i].sighting.observation, hash: rows[i].sighting.factsHash)
                        tokens.remember(token, ids)
                    }
                } else {
                    // The sighting's viewer count and time may be an earlier row's: neither is looked up.
                    ids = try lookup.ids(rows[i].sighting.observation, factsHash: rows[i].sighting.factsHash)
                    tokens.remember(token, ids)
                }
                stored.append(StoredObservation(
                    stream: ids.stream, offset: rows[i].observedAt - crawlTime, viewers: Int64(rows[i].viewerCount), facts: ids.facts))
            }
        }
        if blobs.append(contentsOf: stored, to: crawl.id) { try flush() }
    }

    // MARK: Imported rows named by stream tokens

    /// Adds an imported observation (its crawl is the one at its own time) and remembers it as
    /// the latest of the reader's stream `token`, which later `addRepeat` calls refer to.
    public func addImported(_ o: Observation, token: Int32) throws {
        let crawl = try crawls.ref(o.observedAt, source: "import")
        if crawl.pruned {
            skippedPruned += 1
            tokens.forget(token, keeping: o)
            return
        }
        let ids = try lookup.ids(o)
        tokens.remember(token, ids)
        try append(StoredObservation(stream: ids.stream, offset: 0, viewers: Int64(o.viewerCount), facts: ids.facts), to: crawl)
    }

    /// Adds an imported observation that equals the latest one of stream `token` except for its
    /// viewer count and time: the stream and facts ids are known, so nothing is looked up.
    public func addRepeat(token: Int32, viewers: Int, observedAt: Millis) throws {
        let crawl = try crawls.ref(observedAt, source: "import")
        if crawl.pruned {
            skippedPruned += 1
            return
        }
        var ids = tokens.importedIDs(token)
        if !ids.isKnown {
            // The stream's latest full row fell into a pruned crawl, so it was never looked up.
            var o = tokens.takeUnresolved(token)
            o.viewerCount = viewers
            o.observedAt = observedAt
            ids = try lookup.ids(o)
            tokens.remember(token, ids)
        }
        try append(StoredObservation(stream: ids.stream, offset: 0, viewers: Int64(viewers), facts: ids.facts), to: crawl)
    }

    /// Forgets the stream tokens: the reader starts numbering again (a new file, or a full table).
    public func resetTokens() {
        tokens.reset()
    }

    private func append(_ row: StoredObservation, to crawl: CrawlRef) throws {
        if blobs.append(row, to: crawl.id) { try flush() }
    }

    private func flush() throws {
        let counts = try blobs.flush(crawls, lateData: lateData)
        written += counts.written
        unchanged += counts.unchanged
    }

    /// Writes what is gathered and settles the late-data rule. Throws `StoreError.lateData`
    /// when exact recomputation is impossible.
    @discardableResult
    public func finish() throws -> Summary {
        try flush()
        if try lateData.settle(db, crawlTimes: crawls.times) { forcesRecompute = true }
        return summary
    }
}
