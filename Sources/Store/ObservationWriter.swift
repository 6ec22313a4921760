import GRDB
import Model

/// Writes observations into the raw tables inside one write transaction, keeping one
/// observation per stream and crawl (the last sighting wins, METRICS.md §1).
///
/// Rows are gathered per crawl and written as one packed blob per crawl (`ObservationBlob`).
/// Data older than what is already consolidated is noticed: while every raw observation is kept,
/// it makes the next build recompute everything exactly; once some were pruned, `finish()`
/// refuses it with `StoreError.lateData` and the caller's transaction rolls back.
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

    private struct CrawlRef {
        var id: Int64
        var time: Millis
        var consolidated: Bool
        var pruned: Bool
        /// Whether the database already holds observations of this crawl.
        var stored: Bool
    }

    /// The row ids of an import stream token's latest full observation; plain values, so that a
    /// repeat costs no reference counting.
    private struct TokenIDs {
        static let unknown = TokenIDs(stream: -1, facts: -1)
        var stream: Int64
        var facts: Int64
    }

    /// A stream's row id and the facts of its last observation: consecutive observations of a
    /// stream usually share their facts, so comparing saves hashing the title on every row.
    fileprivate struct StreamEntry {
        var ref: Int64
        /// Boxed, so that reading an entry out of a dictionary retains one object, not nine strings.
        var lastFacts: LastFacts
    }

    fileprivate final class LastFacts {
        let key: FactsKey
        let id: Int64

        init(_ key: FactsKey, id: Int64) {
            self.key = key
            self.id = id
        }
    }

    /// Stream and facts ids known from earlier, committed writes: a collector writes one crawl
    /// per transaction, and most of a crawl's streams and facts were seen in the one before.
    public final class Cache: @unchecked Sendable {
        fileprivate var streams: [String: StreamEntry] = [:]
        fileprivate var facts: [FactsKey: Int64] = [:]

        public init() {}

        /// Takes over what a writer learned; call only after its transaction committed.
        public func adopt(_ writer: ObservationWriter) {
            if streams.count + writer.streams.count > 1_000_000 { streams.removeAll(keepingCapacity: true) }
            if facts.count + writer.facts.count > 500_000 { facts.removeAll(keepingCapacity: true) }
            streams.merge(writer.streams) { _, new in new }
            facts.merge(writer.facts) { _, new in new }
        }
    }

    private let db: Database
    /// Read-only during the write; what this writer learns stays in its own tables until adopted.
    private let cache: Cache?
    private let consolidatedThrough: Millis?
    private let prunedBefore: Millis?
    private var crawls: [Millis: CrawlRef] = [:]
    private var streams: [String: StreamEntry] = [:]
    private var facts: [FactsKey: Int64] = [:]
    private var tokenIDs: [TokenIDs] = []
    /// Latest observations of tokens whose ids are unknown (their row fell into a pruned crawl).
    private var unresolvedTokens: [Int32: Observation] = [:]
    /// The crawl of the previous row: rows come grouped by crawl.
    private var lastCrawl: CrawlRef?
    /// Rows gathered per crawl id, in arrival order, until they are merged and written.
    private var buffers: [Int64: [StoredObservation]] = [:]
    private var bufferedRows = 0
    private var late = false
    public private(set) var summary = Summary()

    private let findStream: FastStatement
    private let insertStream: FastStatement
    private let findFacts: FastStatement
    private let insertFacts: FastStatement
    private let readCrawl: FastStatement
    private let writeCrawl: FastStatement

    public init(_ db: Database, cache: Cache? = nil) throws {
        self.db = db
        self.cache = cache
        // A pass still running has taken on crawls up to its own mark: data for them is late too.
        let through = [try Store.metaMillis(db, .consolidatedThrough), try Store.metaMillis(db, .consolidatingThrough)]
        consolidatedThrough = through.compactMap { $0 }.max()
        prunedBefore = try Store.metaMillis(db, .prunedBefore)
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
        readCrawl = try FastStatement(db, "SELECT data FROM crawl_observations WHERE crawl = ?")
        writeCrawl = try FastStatement(db, "INSERT OR REPLACE INTO crawl_observations(crawl, count, data) VALUES (?, ?, ?)")
    }

    /// Creates a crawl row for a collector crawl; its observations follow with `add`. `leftOut`
    /// counts the streams left out as implausible.
    public func beginCollectedCrawl(time: Millis, pages: Int, durationMs: Int64, retries: Int, leftOut: Int = 0) throws {
        let ref = try crawl(at: time, source: "collect")
        try db.execute(
            sql: "UPDATE crawl SET pages = ?, duration_ms = ?, retries = ?, left_out = ? WHERE id = ?",
            arguments: [pages, durationMs, retries, leftOut, ref.id])
    }

    /// Adds one observation to the crawl at `crawlTime` (created when new).
    public func add(_ o: Observation, crawlTime: Millis, source: String = "import") throws {
        let crawl = try crawlRef(crawlTime, source: source)
        if crawl.pruned {
            summary.skippedPruned += 1
            return
        }
        let (stream, factsID) = try streamAndFacts(o)
        try append(StoredObservation(stream: stream, offset: o.observedAt - crawlTime, viewers: Int64(o.viewerCount), facts: factsID), to: crawl)
    }

    // MARK: Imported rows named by stream tokens

    /// Adds an imported observation (its crawl is the one at its own time) and remembers it as
    /// the latest of the reader's stream `token`, which later `addRepeat` calls refer to.
    public func addImported(_ o: Observation, token: Int32) throws {
        let t = Int(token)
        if t >= tokenIDs.count { tokenIDs.append(contentsOf: repeatElement(.unknown, count: t - tokenIDs.count + 1)) }
        let crawl = try crawlRef(o.observedAt, source: "import")
        if crawl.pruned {
            summary.skippedPruned += 1
            tokenIDs[t] = .unknown
            unresolvedTokens[token] = o
            return
        }
        let (stream, factsID) = try streamAndFacts(o)
        tokenIDs[t] = TokenIDs(stream: stream, facts: factsID)
        if !unresolvedTokens.isEmpty { unresolvedTokens[token] = nil }
        try append(StoredObservation(stream: stream, offset: 0, viewers: Int64(o.viewerCount), facts: factsID), to: crawl)
    }

    /// Adds an imported observation that equals the latest one of stream `token` except for its
    /// viewer count and time: the stream and facts ids are known, so nothing is looked up.
    public func addRepeat(token: Int32, viewers: Int, observedAt: Millis) throws {
        let t = Int(token)
        precondition(t < tokenIDs.count, "stream token \(token) used before its first observation")
        let crawl = try crawlRef(observedAt, source: "import")
        if crawl.pruned {
            summary.skippedPruned += 1
            return
        }
        var ids = tokenIDs[t]
        if ids.stream < 0 {
            // The stream's latest full row fell into a pruned crawl, so it was never looked up.
            guard var o = unresolvedTokens.removeValue(forKey: token) else {
                preconditionFailure("stream token \(token) has no observation")
            }
            o.viewerCount = viewers
            o.observedAt = observedAt
            let found = try streamAndFacts(o)
            ids = TokenIDs(stream: found.stream, facts: found.facts)
            tokenIDs[t] = ids
        }
        try append(StoredObservation(stream: ids.stream, offset: 0, viewers: Int64(viewers), facts: ids.facts), to: crawl)
    }

    /// Forgets the stream tokens: the reader starts numbering again (a new file, or a full table).
    public func resetTokens() {
        tokenIDs.removeAll(keepingCapacity: true)
        unresolvedTokens.removeAll()
    }

    private func append(_ row: StoredObservation, to crawl: CrawlRef) throws {
        buffers[crawl.id, default: []].append(row)
        bufferedRows += 1
        if bufferedRows >= 4_000_000 { try flush() }
    }

    /// Writes what is gathered and settles the late-data rule. Throws `StoreError.lateData`
    /// when exact recomputation is impossible.
    @discardableResult
    public func finish() throws -> Summary {
        try flush()
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

    /// Merges each gathered crawl with what is stored (later sightings win) and writes it back.
    private func flush() throws {
        let refs = Dictionary(crawls.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (crawlID, rows) in buffers.sorted(by: { $0.key < $1.key }) {
            guard var ref = refs[crawlID] else { continue }
            var kept = Self.lastPerStream(rows)
            if ref.stored {
                let existing = try storedRows(crawlID)
                var merged = Dictionary(existing.map { ($0.stream, $0) }, uniquingKeysWith: { _, b in b })
                var changed = 0
                for row in kept {
                    if merged[row.stream] == row { summary.unchanged += 1 } else {
                        merged[row.stream] = row
                        changed += 1
                    }
                }
                if changed == 0 { continue }
                if ref.consolidated || ref.time <= (consolidatedThrough ?? .min) { late = true }
                summary.written += changed
                kept = merged.values.sorted { $0.stream < $1.stream }
            } else {
                summary.written += kept.count
            }
            writeCrawl.bind(1, crawlID)
            writeCrawl.bind(2, kept.count)
            writeCrawl.bind(3, blob: ObservationBlob.encode(kept))
            try writeCrawl.run()
            ref.stored = true
            crawls[ref.time] = ref
        }
        buffers.removeAll(keepingCapacity: true)
        bufferedRows = 0
        lastCrawl = nil  // its `stored` may have changed
    }

    /// One row per stream, sorted by stream: of several sightings the last one.
    private static func lastPerStream(_ rows: [StoredObservation]) -> [StoredObservation] {
        // Sorting (stream, arrival) packed into one integer is several times faster than sorting
        // indices with a comparison closure; row ids never come near 2^32 in practice.
        guard rows.count < 1 << 32, rows.allSatisfy({ $0.stream >= 0 && $0.stream < 1 << 32 }) else {
            let order = rows.indices.sorted { (rows[$0].stream, $0) < (rows[$1].stream, $1) }
            return order.indices.filter { n in n + 1 == order.count || rows[order[n + 1]].stream != rows[order[n]].stream }
                .map { rows[order[$0]] }
        }
        var keys = rows.indices.map { UInt64(rows[$0].stream) << 32 | UInt64($0) }
        keys.sort()
        var kept: [StoredObservation] = []
        kept.reserveCapacity(rows.count)
        for n in keys.indices where n + 1 == keys.count || keys[n + 1] >> 32 != keys[n] >> 32 {
            kept.append(rows[Int(keys[n] & 0xFFFF_FFFF)])
        }
        return kept
    }

    private func storedRows(_ crawlID: Int64) throws -> [StoredObservation] {
        readCrawl.bind(1, crawlID)
        defer { readCrawl.reset() }
        return try readCrawl.step() ? ObservationBlob.decodeAll(readCrawl.blob(0)) : []
    }

    private func crawlRef(_ time: Millis, source: String) throws -> CrawlRef {
        if let last = lastCrawl, last.time == time { return last }
        let ref = try crawls[time] ?? crawl(at: time, source: source)
        lastCrawl = ref
        return ref
    }

    private func crawl(at time: Millis, source: String) throws -> CrawlRef {
        let ref: CrawlRef
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT id, consolidated, raw_pruned, EXISTS(SELECT 1 FROM crawl_observations o WHERE o.crawl = crawl.id)
                FROM crawl WHERE time = ?
                """,
            arguments: [time])
        {
            ref = CrawlRef(id: row[0], time: time, consolidated: row[1] != 0, pruned: row[2] != 0, stored: row[3] != 0)
        } else {
            try db.execute(sql: "INSERT INTO crawl(time, source, pages) VALUES (?, ?, 0)", arguments: [time, source])
            ref = CrawlRef(id: db.lastInsertedRowID, time: time, consolidated: false, pruned: false, stored: false)
            summary.newCrawls += 1
            if let through = consolidatedThrough, time <= through { late = true }
        }
        crawls[time] = ref
        return ref
    }

    private func streamAndFacts(_ o: Observation) throws -> (stream: Int64, facts: Int64) {
        if let entry = streams[o.streamID] ?? cache?.streams[o.streamID] {
            // Compared field by field first: building a key hashes the title, and most rows
            // repeat their stream's facts.
            if entry.lastFacts.key.matches(o) { return (entry.ref, entry.lastFacts.id) }
            let key = FactsKey(o)
            let id = try factsRef(key)
            streams[o.streamID] = StreamEntry(ref: entry.ref, lastFacts: LastFacts(key, id: id))
            return (entry.ref, id)
        }
        let key = FactsKey(o)
        findStream.bind(1, o.streamID)
        let found = try findStream.step() ? findStream.int64(0) : nil
        findStream.reset()
        let ref: Int64
        if let found {
            ref = found
        } else {
            insertStream.bind(1, o.streamID)
            insertStream.bind(2, o.userID)
            insertStream.bind(3, o.startedAt)
            try insertStream.run()
            ref = db.lastInsertedRowID
        }
        let id = try factsRef(key)
        if streams.count > 1_000_000 { streams.removeAll(keepingCapacity: true) }
        streams[o.streamID] = StreamEntry(ref: ref, lastFacts: LastFacts(key, id: id))
        return (ref, id)
    }

    private func factsRef(_ key: FactsKey) throws -> Int64 {
        if let id = facts[key] ?? cache?.facts[key] { return id }
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
        stableHash = Self.stableHash(userLogin, userName, gameID, gameName, language, title, tags, isMature, type)
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
