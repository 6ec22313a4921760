import GRDB
import Model

/// Writes observations into the raw tables inside one write transaction, keeping one
/// observation per stream and crawl (the last sighting wins, METRICS.md §1).
///
/// It also notices data older than what is already consolidated: while every raw observation
/// is kept, such data makes the next build recompute everything exactly; once some were pruned,
/// `finish()` refuses it with `StoreError.lateData` and the caller's transaction rolls back.
public final class ObservationWriter {
    public struct Summary: Sendable, Equatable {
        /// Observations written (new or changed).
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

    private struct CrawlRef {
        var id: Int64
        var time: Millis
        var consolidated: Bool
        var pruned: Bool
    }

    private struct PendingKey: Hashable {
        var crawl: Int64
        var stream: Int64
    }

    private struct StoredObservation: Equatable {
        var offset: Int64
        var viewers: Int64
        var facts: Int64
    }

    private let db: Database
    private let consolidatedThrough: Millis?
    private let prunedBefore: Millis?
    private var crawls: [Millis: CrawlRef] = [:]
    private var streams: [String: Int64] = [:]
    private var facts: [FactsKey: Int64] = [:]
    /// Rows for crawls that were consolidated before this write, compared at `finish()`.
    private var pendingConsolidated: [PendingKey: StoredObservation] = [:]
    private var late = false
    public private(set) var summary = Summary()

    private let insertObservation: FastStatement
    private let findStream: FastStatement
    private let insertStream: FastStatement
    private let findFacts: FastStatement
    private let insertFacts: FastStatement

    public init(_ db: Database) throws {
        self.db = db
        consolidatedThrough = try Store.metaMillis(db, .consolidatedThrough)
        prunedBefore = try Store.metaMillis(db, .prunedBefore)
        insertObservation = try FastStatement(
            db, "INSERT OR REPLACE INTO observation(crawl, stream, offset_ms, viewers, facts) VALUES (?, ?, ?, ?, ?)")
        findStream = try FastStatement(db, "SELECT id FROM stream WHERE stream_id = ?")
        insertStream = try FastStatement(db, "INSERT INTO stream(stream_id, user_id, started_at) VALUES (?, ?, ?)")
        findFacts = try FastStatement(
            db,
            """
            SELECT id, user_login, user_name, game_id, game_name, language, title, tags, is_mature, type
            FROM facts WHERE hash = ?
            """)
        insertFacts = try FastStatement(
            db,
            """
            INSERT INTO facts(hash, user_login, user_name, game_id, game_name, language, title, tags, is_mature, type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Creates a crawl row for a collector crawl; its observations follow with `add`.
    public func beginCollectedCrawl(time: Millis, pages: Int, durationMs: Int64, retries: Int) throws {
        let ref = try crawl(at: time, source: "collect")
        try db.execute(
            sql: "UPDATE crawl SET pages = ?, duration_ms = ?, retries = ? WHERE id = ?",
            arguments: [pages, durationMs, retries, ref.id])
    }

    /// Adds one observation to the crawl at `crawlTime` (created when new).
    public func add(_ o: Observation, crawlTime: Millis, source: String = "import") throws {
        let crawl = try crawlRef(crawlTime, source: source)
        let stream = try streamRef(o)
        let factsID = try factsRef(o)
        let row = StoredObservation(offset: o.observedAt - crawlTime, viewers: Int64(o.viewerCount), facts: factsID)
        if crawl.consolidated {
            if crawl.pruned {
                summary.skippedPruned += 1
            } else {
                pendingConsolidated[PendingKey(crawl: crawl.id, stream: stream)] = row
            }
            return
        }
        try insert(crawl: crawl.id, stream: stream, row)
        summary.written += 1
    }

    /// Settles rows aimed at consolidated crawls and the late-data rule. Throws
    /// `StoreError.lateData` when exact recomputation is impossible.
    @discardableResult
    public func finish() throws -> Summary {
        let check = try FastStatement(db, "SELECT offset_ms, viewers, facts FROM observation WHERE crawl = ? AND stream = ?")
        for (key, row) in pendingConsolidated.sorted(by: { ($0.key.crawl, $0.key.stream) < ($1.key.crawl, $1.key.stream) }) {
            check.bind(1, key.crawl)
            check.bind(2, key.stream)
            let existing: StoredObservation? =
                try check.step() ? StoredObservation(offset: check.int64(0), viewers: check.int64(1), facts: check.int64(2)) : nil
            check.reset()
            if existing == row {
                summary.unchanged += 1
            } else {
                late = true
                try insert(crawl: key.crawl, stream: key.stream, row)
                summary.written += 1
            }
        }
        pendingConsolidated = [:]
        if late {
            if let prunedBefore {
                let earliest = crawls.values.filter { $0.time <= (consolidatedThrough ?? .min) }.map(\.time).min()
                throw StoreError.lateData(crawlTime: earliest ?? prunedBefore, prunedBefore: prunedBefore)
            }
            try Store.setMeta(db, .recomputeNeeded, "1")
            summary.forcesRecompute = true
        }
        return summary
    }

    private func insert(crawl: Int64, stream: Int64, _ row: StoredObservation) throws {
        insertObservation.bind(1, crawl)
        insertObservation.bind(2, stream)
        insertObservation.bind(3, row.offset)
        insertObservation.bind(4, row.viewers)
        insertObservation.bind(5, row.facts)
        try insertObservation.run()
    }

    private func crawlRef(_ time: Millis, source: String) throws -> CrawlRef {
        if let ref = crawls[time] { return ref }
        return try crawl(at: time, source: source)
    }

    private func crawl(at time: Millis, source: String) throws -> CrawlRef {
        let ref: CrawlRef
        if let row = try Row.fetchOne(db, sql: "SELECT id, consolidated, raw_pruned FROM crawl WHERE time = ?", arguments: [time]) {
            ref = CrawlRef(id: row[0], time: time, consolidated: row[1] != 0, pruned: row[2] != 0)
        } else {
            try db.execute(sql: "INSERT INTO crawl(time, source, pages) VALUES (?, ?, 0)", arguments: [time, source])
            ref = CrawlRef(id: db.lastInsertedRowID, time: time, consolidated: false, pruned: false)
            summary.newCrawls += 1
            if let through = consolidatedThrough, time <= through { late = true }
        }
        crawls[time] = ref
        return ref
    }

    private func streamRef(_ o: Observation) throws -> Int64 {
        if let id = streams[o.streamID] { return id }
        findStream.bind(1, o.streamID)
        let found = try findStream.step() ? findStream.int64(0) : nil
        findStream.reset()
        let id: Int64
        if let found {
            id = found
        } else {
            insertStream.bind(1, o.streamID)
            insertStream.bind(2, o.userID)
            insertStream.bind(3, o.startedAt)
            try insertStream.run()
            id = db.lastInsertedRowID
        }
        streams[o.streamID] = id
        return id
    }

    private func factsRef(_ o: Observation) throws -> Int64 {
        let key = FactsKey(o)
        if let id = facts[key] { return id }
        let hash = key.stableHash
        findFacts.bind(1, hash)
        var found: Int64?
        while try findFacts.step() {
            let candidate = FactsKey(
                userLogin: findFacts.string(1), userName: findFacts.string(2), gameID: findFacts.string(3),
                gameName: findFacts.string(4), language: findFacts.string(5), title: findFacts.string(6),
                tags: findFacts.string(7), isMature: findFacts.int64(8) != 0, type: findFacts.string(9))
            if candidate == key {
                found = findFacts.int64(0)
                break
            }
        }
        findFacts.reset()
        let id: Int64
        if let found {
            id = found
        } else {
            insertFacts.bind(1, hash)
            insertFacts.bind(2, key.userLogin)
            insertFacts.bind(3, key.userName)
            insertFacts.bind(4, key.gameID)
            insertFacts.bind(5, key.gameName)
            insertFacts.bind(6, key.language)
            insertFacts.bind(7, key.title)
            insertFacts.bind(8, key.tags)
            insertFacts.bind(9, key.isMature ? 1 : 0)
            insertFacts.bind(10, key.type)
            try insertFacts.run()
            id = db.lastInsertedRowID
        }
        if facts.count > 500_000 { facts.removeAll(keepingCapacity: true) }
        facts[key] = id
        return id
    }
}

extension FactsKey {
    init(userLogin: String, userName: String, gameID: String, gameName: String, language: String, title: String,
         tags: String, isMature: Bool, type: String) {
        self.userLogin = userLogin
        self.userName = userName
        self.gameID = gameID
        self.gameName = gameName
        self.language = language
        self.title = title
        self.tags = tags
        self.isMature = isMature
        self.type = type
    }
}

extension Store {
    /// Records a collector crawl that could not finish; it is never counted.
    public static func recordFailedCrawl(_ db: Database, time: Millis, pages: Int, durationMs: Int64, reason: String) throws {
        try db.execute(
            sql: "INSERT INTO crawl_failure(time, pages, duration_ms, reason) VALUES (?, ?, ?, ?)",
            arguments: [time, pages, durationMs, reason])
    }
}
