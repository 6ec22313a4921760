/// The shared store's schema, in versions applied in order and recorded in `schema_version`.
/// A released version is never edited; a change is a new version.
enum PostgresSchema {
    static let versions: [(name: String, sql: [String])] = [
        (
            "v1-crawls",
            [
                """
                CREATE TABLE crawls (
                    id bigserial PRIMARY KEY,
                    crawl_time bigint NOT NULL,
                    collector text NOT NULL,
                    client_label text NOT NULL,
                    status text NOT NULL CHECK (status IN ('complete', 'failed')),
                    pages integer NOT NULL,
                    streams integer NOT NULL,
                    left_out integer NOT NULL DEFAULT 0,
                    duration_ms bigint NOT NULL,
                    retries integer NOT NULL,
                    reason text,
                    landed_at timestamptz NOT NULL DEFAULT now(),
                    pruned boolean NOT NULL DEFAULT false,
                    UNIQUE (collector, crawl_time)
                )
                """,
                "CREATE INDEX crawls_by_time ON crawls (crawl_time)",
                // One row per crawl, its observations packed (Model's PackedCrawl); PostgreSQL
                // compresses the value out of line (TOAST).
                "CREATE TABLE crawl_observations (crawl bigint PRIMARY KEY REFERENCES crawls (id) ON DELETE CASCADE, data bytea NOT NULL)",
                // A crawl slot (a multiple of the interval) belongs to the collector that inserted it first.
                "CREATE TABLE crawl_slots (slot_time bigint PRIMARY KEY, collector text NOT NULL, claimed_at timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE builders (name text PRIMARY KEY, registered_at timestamptz NOT NULL DEFAULT now())",
                """
                CREATE TABLE builder_pulls (
                    builder text NOT NULL REFERENCES builders (name) ON DELETE CASCADE,
                    crawl bigint NOT NULL REFERENCES crawls (id) ON DELETE CASCADE,
                    PRIMARY KEY (builder, crawl)
                )
                """,
            ]
        ),
    ]

    /// Brings the database to the newest version. Several collectors starting at once take turns
    /// through an advisory lock held for the transaction.
    static func migrate(_ connection: PostgresConnection) throws {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(7305150001)")
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let applied = try connection.execute("SELECT coalesce(max(version), 0) FROM schema_version").int(0, 0)
            guard applied <= versions.count else {
                throw PostgresError.invalid(
                    "the PostgreSQL store is at schema version \(applied), newer than this twitch-stats knows (\(versions.count)); upgrade twitch-stats")
            }
            for (n, version) in versions.enumerated() where n + 1 > applied {
                for statement in version.sql { try connection.execute(statement) }
                try connection.execute(
                    "INSERT INTO schema_version (version, name) VALUES ($1, $2)", [.int(Int64(n + 1)), .text(version.name)])
            }
        }
    }
}
