import GRDB
import Model

/// A crawl waiting to be consolidated.
public struct PendingCrawl: Sendable {
    public var id: Int64
    public var time: Millis
}

/// What consolidation needs of a facts row.
public struct FactsInfo: Sendable {
    public var gameID: String
    public var language: String
}

/// A segment as stored: a maximal run of one stream's observations with one game.
public struct StoredSegment: Sendable {
    public var stream: Int64
    public var number: Int
    public var day: Int
    public var gameID: String
    public var facts: Int64
    public var firstSeen: Millis
    public var lastSeen: Millis
    public var durationMs: Int64
    public var watchMs: Int64
    public var peak: Int

    public init(stream: Int64, number: Int, day: Int, gameID: String, facts: Int64, firstSeen: Millis,
                lastSeen: Millis, durationMs: Int64, watchMs: Int64, peak: Int) {
        self.stream = stream
        self.number = number
        self.day = day
        self.gameID = gameID
        self.facts = facts
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.durationMs = durationMs
        self.watchMs = watchMs
        self.peak = peak
    }
}

/// A stream's consolidation state as carried from one build to the next.
public struct StoredStreamState: Sendable {
    public var ref: Int64
    public var userID: String
    public var startedAt: Millis
    public var lastSeen: Millis?
    public var segments: Int
    public var lastGameID: String?
    public var openSegment: StoredSegment?
}

/// One day part's increment (see the `day_part` table).
public struct DayPartDelta: Sendable {
    public var day: Int
    public var stream: Int64
    public var gameID: String
    public var language: String
    public var userID: String
    public var secondsMs: Int64
    public var watchMs: Int64
    public var latestAt: Millis
    public var latestFacts: Int64

    public init(day: Int, stream: Int64, gameID: String, language: String, userID: String, secondsMs: Int64,
                watchMs: Int64, latestAt: Millis, latestFacts: Int64) {
        self.day = day
        self.stream = stream
        self.gameID = gameID
        self.language = language
        self.userID = userID
        self.secondsMs = secondsMs
        self.watchMs = watchMs
        self.latestAt = latestAt
        self.latestFacts = latestFacts
    }
}

/// Concurrent viewers and channels of one crawl in one game or language.
public struct CrawlShare: Sendable {
    public var key: String
    public var viewers: Int64
    public var channels: Int

    public init(key: String, viewers: Int64, channels: Int) {
        self.key = key
        self.viewers = viewers
        self.channels = channels
    }
}

/// The consolidation's access to the database inside its single write transaction.
public final class ConsolidationSession {
    let db: Database
    private let observationsOfCrawl: FastStatement
    private let findStream: FastStatement
    private let findSegment: FastStatement
    private let findFacts: FastStatement
    private let upsertPart: FastStatement
    private let upsertPeak: FastStatement
    private let insertCrawlGame: FastStatement
    private let insertCrawlLanguage: FastStatement
    private let upsertSegment: FastStatement
    private let updateStream: FastStatement
    private let markDirtyDay: FastStatement

    init(_ db: Database) throws {
        self.db = db
        observationsOfCrawl = try FastStatement(db, "SELECT data FROM crawl_observations WHERE crawl = ?")
        findStream = try FastStatement(
            db, "SELECT user_id, started_at, last_seen, segments, last_game_id FROM stream WHERE id = ?")
        findSegment = try FastStatement(
            db,
            """
            SELECT day, game_id, facts, first_seen, last_seen, duration_ms, watch_ms, peak
            FROM segment WHERE stream = ? AND segment = ?
            """)
        findFacts = try FastStatement(db, "SELECT game_id, language FROM facts WHERE id = ?")
        upsertPart = try FastStatement(
            db,
            """
            INSERT INTO day_part(day, stream, game_id, language, user_id, seconds_ms, watch_ms, latest_at, latest_facts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(day, stream, game_id, language) DO UPDATE SET
                seconds_ms = seconds_ms + excluded.seconds_ms,
                watch_ms = watch_ms + excluded.watch_ms,
                latest_facts = CASE WHEN excluded.latest_at >= latest_at THEN excluded.latest_facts ELSE latest_facts END,
                latest_at = MAX(latest_at, excluded.latest_at)
            """)
        upsertPeak = try FastStatement(
            db,
            """
            INSERT INTO day_stream_peak(day, stream, user_id, peak) VALUES (?, ?, ?, ?)
            ON CONFLICT(day, stream) DO UPDATE SET peak = MAX(peak, excluded.peak)
            """)
        insertCrawlGame = try FastStatement(
            db, "INSERT OR REPLACE INTO crawl_game(crawl_time, game_id, viewers, channels) VALUES (?, ?, ?, ?)")
        insertCrawlLanguage = try FastStatement(
            db, "INSERT OR REPLACE INTO crawl_language(crawl_time, language, viewers, channels) VALUES (?, ?, ?, ?)")
        upsertSegment = try FastStatement(
            db,
            """
            INSERT OR REPLACE INTO segment(stream, segment, day, game_id, facts, first_seen, last_seen, duration_ms, watch_ms, peak)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateStream = try FastStatement(
            db, "UPDATE stream SET last_seen = ?, segments = ?, last_game_id = ? WHERE id = ?")
        markDirtyDay = try FastStatement(db, "INSERT OR IGNORE INTO dirty_day(day) VALUES (?)")
    }

    // MARK: State of the database as a whole

    public func timeZone() throws -> String? { try Store.meta(db, .timeZone) }
    public func setTimeZone(_ identifier: String) throws { try Store.setMeta(db, .timeZone, identifier) }
    public func prunedBefore() throws -> Millis? { try Store.metaMillis(db, .prunedBefore) }
    public func recomputeNeeded() throws -> Bool { try Store.meta(db, .recomputeNeeded) != nil }

    /// Forgets every consolidated number and every stream's carried state, so that the next pass
    /// recomputes all of it from the raw observations.
    public func resetConsolidation() throws {
        try db.execute(sql: """
            DELETE FROM day_part; DELETE FROM day_stream_peak; DELETE FROM crawl_game; DELETE FROM crawl_language;
            DELETE FROM segment; DELETE FROM dirty_day;
            UPDATE stream SET last_seen = NULL, segments = 0, last_game_id = NULL;
            UPDATE crawl SET consolidated = 0, streams = NULL, viewers = NULL, channels = NULL;
            """)
        try Store.setMeta(db, .consolidatedThrough, nil)
        try Store.setMeta(db, .recomputeNeeded, nil)
        try Store.setMeta(db, .fullRewritePending, "1")
    }

    public func pendingCrawls() throws -> [PendingCrawl] {
        try Row.fetchAll(db, sql: "SELECT id, time FROM crawl WHERE consolidated = 0 ORDER BY time").map {
            PendingCrawl(id: $0[0], time: $0[1])
        }
    }

    // MARK: Reading raw observations and carried state

    /// Calls `body(stream, offsetMs, viewers, facts)` for each kept observation of the crawl.
    public func forEachObservation(
        crawl: Int64, _ body: (_ stream: Int64, _ offsetMs: Int64, _ viewers: Int, _ facts: Int64) throws -> Void
    ) throws {
        let s = observationsOfCrawl
        s.bind(1, crawl)
        defer { s.reset() }
        while try s.step() {
            try ObservationBlob.decode(s.blob(0)) { o in try body(o.stream, o.offset, Int(o.viewers), o.facts) }
        }
    }

    public func streamState(_ ref: Int64) throws -> StoredStreamState {
        findStream.bind(1, ref)
        guard try findStream.step() else {
            findStream.reset()
            throw DatabaseError(message: "observation refers to missing stream \(ref)")
        }
        var state = StoredStreamState(
            ref: ref, userID: findStream.string(0), startedAt: findStream.int64(1),
            lastSeen: findStream.isNull(2) ? nil : findStream.int64(2), segments: findStream.int(3),
            lastGameID: findStream.isNull(4) ? nil : findStream.string(4), openSegment: nil)
        findStream.reset()
        if state.segments > 0 {
            findSegment.bind(1, ref)
            findSegment.bind(2, state.segments)
            if try findSegment.step() {
                let f = findSegment
                state.openSegment = StoredSegment(
                    stream: ref, number: state.segments, day: f.int(0), gameID: f.string(1), facts: f.int64(2),
                    firstSeen: f.int64(3), lastSeen: f.int64(4), durationMs: f.int64(5), watchMs: f.int64(6),
                    peak: f.int(7))
            }
            findSegment.reset()
        }
        return state
    }

    public func factsInfo(_ id: Int64) throws -> FactsInfo {
        findFacts.bind(1, id)
        defer { findFacts.reset() }
        guard try findFacts.step() else { throw DatabaseError(message: "observation refers to missing facts \(id)") }
        return FactsInfo(gameID: findFacts.string(0), language: findFacts.string(1))
    }

    // MARK: Writing consolidated numbers

    public func add(_ p: DayPartDelta) throws {
        let s = upsertPart
        s.bind(1, p.day); s.bind(2, p.stream); s.bind(3, p.gameID); s.bind(4, p.language); s.bind(5, p.userID)
        s.bind(6, p.secondsMs); s.bind(7, p.watchMs); s.bind(8, p.latestAt); s.bind(9, p.latestFacts)
        try s.run()
    }

    public func addPeak(day: Int, stream: Int64, userID: String, peak: Int) throws {
        let s = upsertPeak
        s.bind(1, day); s.bind(2, stream); s.bind(3, userID); s.bind(4, peak)
        try s.run()
    }

    public func saveCrawl(_ crawl: PendingCrawl, streams: Int, viewers: Int64, games: [CrawlShare], languages: [CrawlShare]) throws {
        for g in games {
            insertCrawlGame.bind(1, crawl.time); insertCrawlGame.bind(2, g.key)
            insertCrawlGame.bind(3, g.viewers); insertCrawlGame.bind(4, g.channels)
            try insertCrawlGame.run()
        }
        for l in languages {
            insertCrawlLanguage.bind(1, crawl.time); insertCrawlLanguage.bind(2, l.key)
            insertCrawlLanguage.bind(3, l.viewers); insertCrawlLanguage.bind(4, l.channels)
            try insertCrawlLanguage.run()
        }
        try db.execute(
            sql: "UPDATE crawl SET consolidated = 1, streams = ?, viewers = ?, channels = ? WHERE id = ?",
            arguments: [streams, viewers, streams, crawl.id])
    }

    public func save(_ seg: StoredSegment) throws {
        let s = upsertSegment
        s.bind(1, seg.stream); s.bind(2, seg.number); s.bind(3, seg.day); s.bind(4, seg.gameID); s.bind(5, seg.facts)
        s.bind(6, seg.firstSeen); s.bind(7, seg.lastSeen); s.bind(8, seg.durationMs); s.bind(9, seg.watchMs)
        s.bind(10, seg.peak)
        try s.run()
    }

    public func saveStreamState(ref: Int64, lastSeen: Millis?, segments: Int, lastGameID: String?) throws {
        let s = updateStream
        if let lastSeen { s.bind(1, lastSeen) } else { s.bindNull(1) }
        s.bind(2, segments)
        if let lastGameID { s.bind(3, lastGameID) } else { s.bindNull(3) }
        s.bind(4, ref)
        try s.run()
    }

    public func markDirty(day: Int) throws {
        markDirtyDay.bind(1, day)
        try markDirtyDay.run()
    }

    public func setConsolidatedThrough(_ time: Millis) throws {
        try Store.setMeta(db, .consolidatedThrough, String(time))
    }

    /// Deletes the raw observations of consolidated crawls older than `cutoff`; returns how many.
    public func pruneRaw(before cutoff: Millis) throws -> Int {
        let crawls = try Int64.fetchAll(
            db, sql: "SELECT id FROM crawl WHERE consolidated = 1 AND raw_pruned = 0 AND time < ?", arguments: [cutoff])
        guard !crawls.isEmpty else { return 0 }
        var deleted = 0
        for id in crawls {
            deleted += try Int.fetchOne(db, sql: "SELECT count FROM crawl_observations WHERE crawl = ?", arguments: [id]) ?? 0
            try db.execute(sql: "DELETE FROM crawl_observations WHERE crawl = ?", arguments: [id])
            try db.execute(sql: "UPDATE crawl SET raw_pruned = 1 WHERE id = ?", arguments: [id])
        }
        let previous = try Store.metaMillis(db, .prunedBefore) ?? .min
        let newest = try Millis.fetchOne(db, sql: "SELECT MAX(time) FROM crawl WHERE raw_pruned = 1") ?? cutoff
        try Store.setMeta(db, .prunedBefore, String(max(previous, newest + 1)))
        return deleted
    }

    /// Crawl time of the newest crawl in the database.
    public func newestCrawlTime() throws -> Millis? {
        try Millis.fetchOne(db, sql: "SELECT MAX(time) FROM crawl")
    }
}

extension Store {
    /// Runs consolidation in one write transaction.
    public func consolidate<T>(_ body: (ConsolidationSession) throws -> T) throws -> T {
        try write { db in try body(ConsolidationSession(db)) }
    }
}
