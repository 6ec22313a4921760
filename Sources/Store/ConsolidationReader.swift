import GRDB
import Model

/// What consolidation reads: a crawl's raw observations, the carried state of its streams and
/// the facts they refer to. On a read connection of its own (`ConsolidationSession.read`), so it
/// sees the database as the pass found it, whatever the pass writes and commits meanwhile.
public final class ConsolidationReader {
    private let db: Database
    private let observationsOfCrawl: FastStatement
    private let findFacts: FastStatement
    private let streamsInRange: FastStatement
    private let segmentsInRange: FastStatement
    private let factsInRange: FastStatement

    init(_ db: Database) throws {
        self.db = db
        observationsOfCrawl = try FastStatement(db, "SELECT data FROM crawl_observations WHERE crawl = ?")
        findFacts = try FastStatement(db, "SELECT game_id, language FROM facts WHERE id = ?")
        streamsInRange = try FastStatement(
            db, "SELECT id, user_id, started_at FROM stream WHERE id BETWEEN ? AND ? ORDER BY id")
        segmentsInRange = try FastStatement(
            db,
            """
            SELECT stream, segment, day, game_id, facts, first_seen, last_seen, duration_ms, watch_ms, peak
            FROM segment WHERE stream BETWEEN ? AND ? ORDER BY stream, segment
            """)
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
                // Held to the plausible range (METRICS.md §1), which is what every bound downstream
                // rests on: counts stored before the rules existed could be anything.
                let viewers = Int(min(max(o.viewers, 0), Int64(Plausibility.maxViewerCount)))
                rows.append(CrawlObservation(stream: o.stream, offsetMs: o.offset, viewers: viewers, facts: o.facts))
            }
        }
    }

    /// Calls `body` with the state of every stream whose row id lies in `ids`, in id order: two
    /// range scans (streams, and their segments, keeping each one's newest) instead of look-ups
    /// per stream.
    public func forEachStreamState(in ids: ClosedRange<Int64>, _ body: (StoredStreamState) throws -> Void) throws {
        let last = try lastSegments(in: ids)
        let s = streamsInRange
        s.bind(1, ids.lowerBound)
        s.bind(2, ids.upperBound)
        defer { s.reset() }
        var next = 0
        while try s.step() {
            let ref = s.int64(0)
            while next < last.count && last[next].stream < ref { next += 1 }
            let segment = next < last.count && last[next].stream == ref ? last[next] : nil
            try body(StoredStreamState(ref: ref, userID: s.string(1), startedAt: s.int64(2), lastSegment: segment))
        }
    }

    /// The newest segment of each stream in `ids` that has one, by stream.
    private func lastSegments(in ids: ClosedRange<Int64>) throws -> [StoredSegment] {
        let s = segmentsInRange
        s.bind(1, ids.lowerBound)
        s.bind(2, ids.upperBound)
        defer { s.reset() }
        var newest: [StoredSegment] = []
        while try s.step() {
            let segment = StoredSegment(
                stream: s.int64(0), number: s.int(1), day: s.int(2), gameID: s.string(3), facts: s.int64(4),
                firstSeen: s.int64(5), lastSeen: s.int64(6), durationMs: s.int64(7), watchMs: s.int64(8), peak: s.int(9))
            if newest.last?.stream == segment.stream { newest[newest.count - 1] = segment } else { newest.append(segment) }
        }
        return newest
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

    /// One stream's state.
    public func streamState(_ ref: Int64) throws -> StoredStreamState {
        var found: StoredStreamState?
        try forEachStreamState(in: ref...ref) { found = $0 }
        guard let found else { throw DatabaseError(message: "observation refers to missing stream \(ref)") }
        return found
    }

    public func factsInfo(_ id: Int64) throws -> FactsInfo {
        findFacts.bind(1, id)
        defer { findFacts.reset() }
        guard try findFacts.step() else { throw DatabaseError(message: "observation refers to missing facts \(id)") }
        return FactsInfo(gameID: findFacts.string(0), language: findFacts.string(1))
    }
}
