import GRDB
import Model

/// What consolidation reads: a crawl's raw observations, the carried state of its streams and
/// the facts they refer to. On a read connection of its own (`ConsolidationSession.read`), so it
/// sees the database as the pass's transaction found it, whatever the pass writes meanwhile.
public final class ConsolidationReader {
    private let db: Database
    /// The consolidated state was forgotten in the pass's transaction, which this connection
    /// cannot see: every stream reads as never consolidated.
    private let carriedStateReset: Bool
    private let observationsOfCrawl: FastStatement
    private let findStream: FastStatement
    private let findSegment: FastStatement
    private let findFacts: FastStatement
    private let streamsInRange: FastStatement
    private let factsInRange: FastStatement

    init(_ db: Database, carriedStateReset: Bool) throws {
        self.db = db
        self.carriedStateReset = carriedStateReset
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
        streamsInRange = try FastStatement(
            db, "SELECT id, user_id, started_at, last_seen, segments, last_game_id FROM stream WHERE id BETWEEN ? AND ?")
        factsInRange = try FastStatement(db, "SELECT id, game_id, language FROM facts WHERE id BETWEEN ? AND ?")
    }

    /// Replaces `into`'s contents with the crawl's kept observations, in stream order.
    public func observations(crawl: Int64, into rows: inout [CrawlObservation]) throws {
        rows.removeAll(keepingCapacity: true)
        let s = observationsOfCrawl
        s.bind(1, crawl)
        defer { s.reset() }
        while try s.step() {
            ObservationBlob.decode(s.blob(0)) { o in
                rows.append(CrawlObservation(stream: o.stream, offsetMs: o.offset, viewers: Int(o.viewers), facts: o.facts))
            }
        }
    }

    /// Calls `body` with the carried state (without the open segment) of every stream whose row
    /// id lies in `ids`: one range scan instead of a look-up per stream.
    public func forEachStreamState(in ids: ClosedRange<Int64>, _ body: (StoredStreamState) throws -> Void) throws {
        let s = streamsInRange
        s.bind(1, ids.lowerBound)
        s.bind(2, ids.upperBound)
        defer { s.reset() }
        while try s.step() {
            try body(carried(StoredStreamState(
                ref: s.int64(0), userID: s.string(1), startedAt: s.int64(2), lastSeen: s.isNull(3) ? nil : s.int64(3),
                segments: s.int(4), lastGameID: s.isNull(5) ? nil : s.string(5))))
        }
    }

    /// The stored segment `number` of a stream, if any.
    public func segment(stream ref: Int64, number: Int) throws -> StoredSegment? {
        guard !carriedStateReset else { return nil }
        findSegment.bind(1, ref)
        findSegment.bind(2, number)
        defer { findSegment.reset() }
        guard try findSegment.step() else { return nil }
        let f = findSegment
        return StoredSegment(
            stream: ref, number: number, day: f.int(0), gameID: f.string(1), facts: f.int64(2),
            firstSeen: f.int64(3), lastSeen: f.int64(4), durationMs: f.int64(5), watchMs: f.int64(6), peak: f.int(7))
    }

    /// Calls `body` with every facts row whose id lies in `ids`.
    public func forEachFacts(in ids: ClosedRange<Int64>, _ body: (Int64, FactsInfo) throws -> Void) throws {
        let s = factsInRange
        s.bind(1, ids.lowerBound)
        s.bind(2, ids.upperBound)
        defer { s.reset() }
        while try s.step() {
            try body(s.int64(0), FactsInfo(gameID: s.string(1), language: s.string(2)))
        }
    }

    /// One stream's carried state, without its open segment (see `segment(stream:number:)`).
    public func streamState(_ ref: Int64) throws -> StoredStreamState {
        findStream.bind(1, ref)
        defer { findStream.reset() }
        guard try findStream.step() else {
            throw DatabaseError(message: "observation refers to missing stream \(ref)")
        }
        return carried(StoredStreamState(
            ref: ref, userID: findStream.string(0), startedAt: findStream.int64(1),
            lastSeen: findStream.isNull(2) ? nil : findStream.int64(2), segments: findStream.int(3),
            lastGameID: findStream.isNull(4) ? nil : findStream.string(4)))
    }

    public func factsInfo(_ id: Int64) throws -> FactsInfo {
        findFacts.bind(1, id)
        defer { findFacts.reset() }
        guard try findFacts.step() else { throw DatabaseError(message: "observation refers to missing facts \(id)") }
        return FactsInfo(gameID: findFacts.string(0), language: findFacts.string(1))
    }

    private func carried(_ state: StoredStreamState) -> StoredStreamState {
        guard carriedStateReset else { return state }
        var fresh = state
        fresh.lastSeen = nil
        fresh.segments = 0
        fresh.lastGameID = nil
        return fresh
    }
}
