import Model

/// The PostgreSQL store several collectors land crawls in and builders pull them from. Every SQL
/// statement against PostgreSQL lives in this module.
public final class SharedCrawlStore {
    public let connection: PostgresConnection

    /// Connects and brings the schema up to date.
    public init(_ location: PostgresLocation) throws {
        connection = try PostgresConnection(location)
        try PostgresSchema.migrate(connection)
    }

    /// Stores a crawl outcome in one transaction. Returns false when this collector's crawl at
    /// that time is already stored (an upload repeated after its answer was lost).
    @discardableResult
    public func land(_ crawl: PackedCrawl) throws -> Bool {
        try connection.transaction {
            let inserted = try connection.execute(
                """
                INSERT INTO crawls (crawl_time, collector, client_label, status, pages, streams, left_out, duration_ms, retries, reason)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (collector, crawl_time) DO NOTHING
                RETURNING id
                """,
                [
                    .int(crawl.time), .text(crawl.collector), .text(crawl.clientLabel), .text(crawl.status.rawValue),
                    .int(Int64(crawl.pages)), .int(Int64(crawl.streams)), .int(Int64(crawl.leftOut)),
                    .int(crawl.durationMs), .int(Int64(crawl.retries)), crawl.reason.map { .text($0) } ?? .null,
                ])
            guard inserted.count == 1 else { return false }
            if crawl.status == .complete {
                try connection.execute(
                    "INSERT INTO crawl_observations (crawl, data) VALUES ($1, $2)", [.int(inserted.int(0, 0)), .bytes(crawl.data)])
            }
            return true
        }
    }

    /// Claims the crawl slot starting at `slotTime` for `collector`: true for the first collector
    /// to ask, false for every other.
    public func claimSlot(_ slotTime: Millis, collector: String) throws -> Bool {
        try connection.execute(
            "INSERT INTO crawl_slots (slot_time, collector) VALUES ($1, $2) ON CONFLICT (slot_time) DO NOTHING RETURNING slot_time",
            [.int(slotTime), .text(collector)]
        ).count == 1
    }

    /// A crawl as the pull lists it, before its observations are fetched.
    public struct Listed: Sendable, Equatable {
        public var id: Int64
        public var crawl: PackedCrawl
    }

    /// Registers `builder` (pruning waits for every registered builder) and lists the crawls it
    /// has not pulled yet, complete ones with their observations not yet pruned, in time order.
    public func unpulled(by builder: String) throws -> [Listed] {
        try connection.execute("INSERT INTO builders (name) VALUES ($1) ON CONFLICT DO NOTHING", [.text(builder)])
        let rows = try connection.execute(
            """
            SELECT c.id, c.crawl_time, c.collector, c.client_label, c.status, c.pages, c.streams, c.left_out,
                   c.duration_ms, c.retries, c.reason
            FROM crawls c
            WHERE NOT c.pruned
              AND NOT EXISTS (SELECT 1 FROM builder_pulls p WHERE p.builder = $1 AND p.crawl = c.id)
            ORDER BY c.crawl_time, c.id
            """, [.text(builder)])
        return (0..<rows.count).map { r in
            Listed(
                id: rows.int(r, 0),
                crawl: PackedCrawl(
                    time: rows.int(r, 1), collector: rows.text(r, 2), clientLabel: rows.text(r, 3),
                    status: PackedCrawl.Status(rawValue: rows.text(r, 4)) ?? .failed, pages: Int(rows.int(r, 5)),
                    streams: Int(rows.int(r, 6)), leftOut: Int(rows.int(r, 7)), durationMs: rows.int(r, 8),
                    retries: Int(rows.int(r, 9)), reason: rows.isNull(r, 10) ? nil : rows.text(r, 10), data: []))
        }
    }

    /// The packed observations of a listed crawl (empty for a failed one).
    public func observations(ofCrawl id: Int64) throws -> [UInt8] {
        let rows = try connection.executeBinary("SELECT data FROM crawl_observations WHERE crawl = $1", [.int(id)])
        return rows.count == 0 ? [] : rows.bytes(0, 0)
    }

    /// Records that `builder` holds these crawls now.
    public func markPulled(_ ids: [Int64], by builder: String) throws {
        guard !ids.isEmpty else { return }
        try connection.execute(
            """
            INSERT INTO builder_pulls (builder, crawl) SELECT $1, unnest(string_to_array($2, ',')::bigint[])
            ON CONFLICT DO NOTHING
            """, [.text(builder), .text(ids.map(String.init).joined(separator: ","))])
    }

    /// Drops the observations of crawls older than `keepRawDays` (counted back from the newest
    /// crawl) that every registered builder has pulled. The crawl rows stay, marked pruned, so a
    /// repeated upload is still recognised. Returns how many crawls were pruned.
    @discardableResult
    public func prune(keepRawDays: Int) throws -> Int {
        try connection.transaction {
            let pruned = try connection.execute(
                """
                UPDATE crawls c SET pruned = true
                WHERE NOT c.pruned
                  AND c.crawl_time < (SELECT max(crawl_time) FROM crawls WHERE status = 'complete') - $1
                  AND NOT EXISTS (
                      SELECT 1 FROM builders b
                      WHERE NOT EXISTS (SELECT 1 FROM builder_pulls p WHERE p.builder = b.name AND p.crawl = c.id))
                RETURNING c.id
                """, [.int(Int64(keepRawDays) * 86_400_000)])
            try connection.execute(
                "DELETE FROM crawl_observations o USING crawls c WHERE o.crawl = c.id AND c.pruned")
            try connection.execute(
                "DELETE FROM builder_pulls p USING crawls c WHERE p.crawl = c.id AND c.pruned")
            try connection.execute(
                "DELETE FROM crawl_slots WHERE slot_time < (SELECT coalesce(max(crawl_time), 0) FROM crawls) - $1",
                [.int(Int64(keepRawDays) * 86_400_000)])
            return pruned.count
        }
    }

    /// Crawl counts and bytes, for tests and the benchmark.
    public struct Totals: Sendable, Equatable {
        public var complete: Int
        public var failed: Int
        public var observations: Int
        public var observationBytes: Int64
    }

    public func totals() throws -> Totals {
        let rows = try connection.execute(
            """
            SELECT count(*) FILTER (WHERE status = 'complete'), count(*) FILTER (WHERE status = 'failed'),
                   coalesce(sum(streams) FILTER (WHERE status = 'complete'), 0),
                   (SELECT coalesce(sum(pg_column_size(data)), 0) FROM crawl_observations)
            FROM crawls
            """)
        return Totals(complete: Int(rows.int(0, 0)), failed: Int(rows.int(0, 1)), observations: Int(rows.int(0, 2)),
                      observationBytes: rows.int(0, 3))
    }

    /// Complete crawls' times and collectors, in time order.
    public func completeCrawls() throws -> [(time: Millis, collector: String)] {
        let rows = try connection.execute(
            "SELECT crawl_time, collector FROM crawls WHERE status = 'complete' ORDER BY crawl_time, collector")
        return (0..<rows.count).map { (rows.int($0, 0), rows.text($0, 1)) }
    }

    /// Every claimed slot with its collector, in time order.
    public func claimedSlots() throws -> [(time: Millis, collector: String)] {
        let rows = try connection.execute("SELECT slot_time, collector FROM crawl_slots ORDER BY slot_time")
        return (0..<rows.count).map { (rows.int($0, 0), rows.text($0, 1)) }
    }

    /// Every crawl outcome's time, collector, whether it is complete, streams and duration, in time order.
    public func crawlOutcomes() throws -> [(time: Millis, collector: String, complete: Bool, streams: Int, durationMs: Int64)] {
        let rows = try connection.execute(
            "SELECT crawl_time, collector, status, streams, duration_ms FROM crawls ORDER BY crawl_time, collector")
        return (0..<rows.count).map {
            (rows.int($0, 0), rows.text($0, 1), rows.text($0, 2) == "complete", Int(rows.int($0, 3)), rows.int($0, 4))
        }
    }
}
