import GRDB
import Model

/// One crawl as the coverage page and `crawls.csv` list it: complete (stored) or failed.
public struct CrawlLogRow: Sendable, Equatable {
    public var time: Millis
    public var complete: Bool
    public var pages: Int
    /// Streams the crawl saw (after consolidation; 0 for a failed crawl).
    public var streams: Int
    /// Streams left out as implausible.
    public var leftOut: Int
    public var durationMs: Int64
    /// Why a failed crawl failed; empty for a complete one.
    public var reason: String

    public init(time: Millis, complete: Bool, pages: Int, streams: Int, leftOut: Int, durationMs: Int64, reason: String) {
        self.time = time
        self.complete = complete
        self.pages = pages
        self.streams = streams
        self.leftOut = leftOut
        self.durationMs = durationMs
        self.reason = reason
    }
}

extension Store {
    /// Every complete and failed crawl with a time in [from, to), in time order (a complete crawl
    /// before a failed one at the same time).
    public func crawlLog(from: Millis, to: Millis) throws -> [CrawlLogRow] {
        try read { db in
            var rows: [CrawlLogRow] = []
            let complete = try FastStatement(db, """
                SELECT time, pages, COALESCE(streams, 0), left_out, duration_ms FROM crawl
                WHERE time >= ? AND time < ? ORDER BY time
                """)
            complete.bind(1, from)
            complete.bind(2, to)
            while try complete.step() {
                rows.append(CrawlLogRow(
                    time: complete.int64(0), complete: true, pages: complete.int(1), streams: complete.int(2),
                    leftOut: complete.int(3), durationMs: complete.int64(4), reason: ""))
            }
            let failed = try FastStatement(db, """
                SELECT time, pages, duration_ms, reason FROM crawl_failure WHERE time >= ? AND time < ? ORDER BY time, id
                """)
            failed.bind(1, from)
            failed.bind(2, to)
            while try failed.step() {
                rows.append(CrawlLogRow(
                    time: failed.int64(0), complete: false, pages: failed.int(1), streams: 0, leftOut: 0,
                    durationMs: failed.int64(2), reason: failed.string(3)))
            }
            // Stable: complete crawls stay ahead of failures at the same time.
            return rows.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        }
    }
}
