import GRDB
import Model

/// The consolidation's writes, in transactions of bounded length (`inTransaction`) on the write
/// connection it holds for the whole pass. Its reads of raw observations and carried state go
/// through a `ConsolidationReader` on another connection (`read(_:)`), so a pass folds crawls on
/// one thread while its rows are written on this one.
///
/// Between two transactions the write lock is free: a collector's crawl gets in (see
/// `Consolidator` for why committing a pass in chunks gives the same numbers).
public final class ConsolidationSession {
    let db: Database
    private let pool: DatabasePool
    private let upsertParts: BatchedStatement
    /// The chunk's peaks by day and channel, raised as batches arrive and written before it
    /// commits: one blob per day instead of an upsert per stream.
    private var peaksByDay: [Int: DayChannelPeaks] = [:]
    private let insertCrawlShares: FastStatement
    private let upsertSegments: BatchedStatement
    private let markDirtyDay: FastStatement

    init(_ db: Database, pool: DatabasePool) throws {
        self.db = db
        self.pool = pool
        upsertParts = try BatchedStatement(db, columns: 9) { values in
            """
            INSERT INTO day_part(day, stream, game_id, language, user_id, seconds_ms, watch_ms, latest_at, latest_facts)
            VALUES \(values)
            ON CONFLICT(day, stream, game_id, language) DO UPDATE SET
                seconds_ms = seconds_ms + excluded.seconds_ms,
                watch_ms = watch_ms + excluded.watch_ms,
                latest_facts = CASE WHEN excluded.latest_at >= latest_at THEN excluded.latest_facts ELSE latest_facts END,
                latest_at = MAX(latest_at, excluded.latest_at)
            """
        }
        insertCrawlShares = try FastStatement(
            db, "INSERT OR REPLACE INTO crawl_share(crawl_time, games, languages) VALUES (?, ?, ?)")
        upsertSegments = try BatchedStatement(db, columns: 10) { values in
            """
            INSERT OR REPLACE INTO segment(stream, segment, day, game_id, facts, first_seen, last_seen, duration_ms, watch_ms, peak)
            VALUES \(values)
            """
        }
        markDirtyDay = try FastStatement(db, "INSERT OR IGNORE INTO dirty_day(day) VALUES (?)")
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`, waiting up to the store's busy
    /// timeout for the lock), writing what the session gathered in memory before it commits.
    /// Everything `body` wrote lands, or nothing does.
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        do {
            try db.inTransaction(.immediate) {
                result = try body()
                try writePeaks()
                return .commit
            }
        } catch {
            peaksByDay.removeAll()
            throw error
        }
        return result!
    }

    // MARK: State of the database as a whole

    public func timeZone() throws -> String? { try Store.meta(db, .timeZone) }
    public func setTimeZone(_ identifier: String) throws { try Store.setMeta(db, .timeZone, identifier) }
    public func prunedBefore() throws -> Millis? { try Store.metaMillis(db, .prunedBefore) }
    public func recomputeNeeded() throws -> Bool { try Store.meta(db, .recomputeNeeded) != nil }

    /// Forgets every consolidated number and every segment (which carry the streams' state), so
    /// that the next pass recomputes all of it from the raw observations.
    public func resetConsolidation() throws {
        try db.execute(sql: """
            DELETE FROM day_part; DELETE FROM day_channel_peaks; DELETE FROM crawl_share;
            DELETE FROM segment; DELETE FROM day_segment_streams; DELETE FROM dirty_day;
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

    /// Marks the crawls up to `time` as taken on by this pass (nil: the pass is over), so that
    /// data written for them between its chunks counts as late (`MetaKey.consolidatingThrough`).
    public func setConsolidating(through time: Millis?) throws {
        try Store.setMeta(db, .consolidatingThrough, time.map { String($0) })
    }

    /// Runs `body` with a reader of the database as the last commit left it, on its own connection
    /// and snapshot: call it from another thread while this one writes. Rows the pass commits
    /// meanwhile stay invisible to it; the pass carries them in memory.
    public func read<T>(_ body: (ConsolidationReader) throws -> T) throws -> T {
        try pool.read { db in try body(try ConsolidationReader(db)) }
    }

    // MARK: Writing consolidated numbers

    /// Adds day part increments, in order.
    public func add(_ parts: [DayPartDelta]) throws {
        try upsertParts.run(parts) { s, i, p in
            s.bind(i, p.day); s.bind(i + 1, p.stream); s.bind(i + 2, p.gameID); s.bind(i + 3, p.language)
            s.bind(i + 4, p.userID); s.bind(i + 5, p.secondsMs); s.bind(i + 6, p.watchMs); s.bind(i + 7, p.latestAt)
            s.bind(i + 8, p.latestFacts)
        }
    }

    /// Raises each stream's channel's peak of a day to at least the given one.
    public func addPeaks(_ peaks: [StreamPeak]) {
        for p in peaks { peaksByDay[p.day, default: DayChannelPeaks(day: p.day)].raise(p.userID, to: p.peak) }
    }

    /// Writes what the session gathered in memory: each day's channel peaks, raised to the ones
    /// stored (which this transaction sees, forgotten ones included).
    private func writePeaks() throws {
        for day in peaksByDay.keys.sorted() {
            var stored = try DayChannelPeaks.fetch(db, day: day)
            stored.raise(to: peaksByDay[day]!)
            try DayChannelPeaks.save([stored], db)
        }
        peaksByDay.removeAll()
    }

    public func saveCrawl(_ crawl: PendingCrawl, streams: Int, viewers: Int64, games: PackedShares, languages: PackedShares) throws {
        insertCrawlShares.bind(1, crawl.time)
        insertCrawlShares.bind(2, blob: games.bytes)
        insertCrawlShares.bind(3, blob: languages.bytes)
        try insertCrawlShares.run()
        try db.execute(
            sql: "UPDATE crawl SET consolidated = 1, streams = ?, viewers = ?, channels = ? WHERE id = ?",
            arguments: [streams, viewers, streams, crawl.id])
    }

    /// Writes segments, replacing stored ones with the same stream and number.
    public func save(_ segments: [StoredSegment]) throws {
        try upsertSegments.run(segments) { s, i, seg in
            s.bind(i, seg.stream); s.bind(i + 1, seg.number); s.bind(i + 2, seg.day); s.bind(i + 3, seg.gameID)
            s.bind(i + 4, seg.facts); s.bind(i + 5, seg.firstSeen); s.bind(i + 6, seg.lastSeen)
            s.bind(i + 7, seg.durationMs); s.bind(i + 8, seg.watchMs); s.bind(i + 9, seg.peak)
        }
    }

    /// Adds segments new in `day` to the day's list of streams with segments, as stored (this
    /// pass's earlier chunks included). `streams` in any order, repeated as often as they like.
    public func addSegments(day: Int, count: Int, streams: [Int64]) throws {
        var stored = try DaySegmentStreams.fetch(db, day: day)
        stored.add(newSegments: count, streams: streams)
        try DaySegmentStreams.save([stored], db)
    }

    public func markDirty(day: Int) throws {
        markDirtyDay.bind(1, day)
        try markDirtyDay.run()
    }

    public func setConsolidatedThrough(_ time: Millis) throws {
        try Store.setMeta(db, .consolidatedThrough, String(time))
    }

    /// Deletes the raw observations of at most `limit` consolidated crawls older than `cutoff`,
    /// oldest first; returns how many observations, and whether crawls to prune are left.
    public func pruneRaw(before cutoff: Millis, limit: Int) throws -> (observations: Int, more: Bool) {
        let crawls = try Int64.fetchAll(
            db, sql: "SELECT id FROM crawl WHERE consolidated = 1 AND raw_pruned = 0 AND time < ? ORDER BY time LIMIT ?",
            arguments: [cutoff, limit + 1])
        guard !crawls.isEmpty else { return (0, false) }
        var deleted = 0
        for id in crawls.prefix(limit) {
            deleted += try Int.fetchOne(db, sql: "SELECT count FROM crawl_observations WHERE crawl = ?", arguments: [id]) ?? 0
            try db.execute(sql: "DELETE FROM crawl_observations WHERE crawl = ?", arguments: [id])
            try db.execute(sql: "UPDATE crawl SET raw_pruned = 1 WHERE id = ?", arguments: [id])
        }
        let previous = try Store.metaMillis(db, .prunedBefore) ?? .min
        let newest = try Millis.fetchOne(db, sql: "SELECT MAX(time) FROM crawl WHERE raw_pruned = 1") ?? cutoff
        try Store.setMeta(db, .prunedBefore, String(max(previous, newest + 1)))
        return (deleted, crawls.count > limit)
    }

    /// Crawl time of the newest crawl no later than `latest`: crawls dated after it (a wrong clock,
    /// or data from before the plausibility rules) are left out.
    public func newestCrawlTime(notAfter latest: Millis) throws -> Millis? {
        try Millis.fetchOne(db, sql: "SELECT MAX(time) FROM crawl WHERE time <= ?", arguments: [latest])
    }

    /// How many crawls are dated after `time`, and the latest of them.
    public func crawls(after time: Millis) throws -> (count: Int, latest: Millis?) {
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MAX(time) FROM crawl WHERE time > ?", arguments: [time])
        return (row?[0] ?? 0, row?[1])
    }
}

extension Store {
    /// Runs a consolidation pass on the write connection, which it keeps to itself: its
    /// transactions are the session's (`ConsolidationSession.inTransaction`).
    public func consolidate<T>(_ body: (ConsolidationSession) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            // A chunk writes hundreds of megabytes spread over the tables as streams end; a page
            // cache that holds them keeps SQLite from spilling pages it is still filling to the
            // log and reading them back. Back to the usual size once the pass is over.
            try db.execute(sql: "PRAGMA cache_size = -\(16 * Store.pageCacheKiB)")
            defer { try? db.execute(sql: "PRAGMA cache_size = -\(Store.pageCacheKiB)") }
            // Copying the pass's pages from the log into the database takes seconds of disk time;
            // the caller does it (`checkpoint()`) where it can overlap other work.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            defer { try? db.execute(sql: "PRAGMA wal_autocheckpoint = \(Store.autoCheckpointPages)") }
            return try body(try ConsolidationSession(db, pool: pool))
        }
    }
}
