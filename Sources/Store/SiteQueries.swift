import GRDB
import Model

/// Viewers of one stream at one crawl.
public struct ViewerPoint: Sendable, Equatable {
    public var time: Millis
    public var viewers: Int
    /// The facts row of the observation (title, game, names then).
    public var facts: Int64 = 0
}

extension Store {
    /// Concurrent viewers and channels of every game at every consolidated crawl in [from, to).
    public func gameCrawlPoints(from: Millis, to: Millis) throws -> [String: [CrawlPoint]] {
        try crawlPoints(column: "games", from: from, to: to)
    }

    /// Concurrent viewers and channels of every key of a crawl-share column ("games" or
    /// "languages") at every consolidated crawl in [from, to).
    func crawlPoints(column: String, from: Millis, to: Millis) throws -> [String: [CrawlPoint]] {
        var result: [String: [CrawlPoint]] = [:]
        try forEachCrawlShare(column: column, from: from, to: to) { time, share in
            result[share.key, default: []].append(CrawlPoint(time: time, viewers: share.viewers, channels: share.channels))
        }
        return result
    }

    /// Segments of the given users whose day is in [from, through], by first_seen.
    public func segments(users: [String], fromDay: Int, throughDay: Int) throws -> [String: [SegmentRow]] {
        try read { db in
            // A channel's streams of the whole history are skipped through the index by their row
            // id (the index of users ends in it), not joined to their segments one by one.
            let s = try FastStatement(db, """
                SELECT g.stream, s.stream_id, g.segment, s.user_id, f.user_login, f.user_name, g.game_id, f.game_name,
                       f.title, f.language, s.started_at, g.first_seen, g.last_seen, g.duration_ms, g.watch_ms, g.peak
                FROM stream s JOIN segment g ON g.stream = s.id JOIN facts f ON f.id = g.facts
                WHERE s.user_id = ? AND s.id >= ? AND g.day BETWEEN ? AND ?
                ORDER BY g.first_seen, s.stream_id, g.segment
                """)
            guard let firstStream = try DaySegmentStreams.firstStream(db, fromDay: fromDay, throughDay: throughDay) else {
                return Dictionary(users.map { ($0, []) }, uniquingKeysWith: { a, _ in a })
            }
            var result: [String: [SegmentRow]] = [:]
            for user in users {
                s.reset()
                s.bind(1, user)
                s.bind(2, firstStream)
                s.bind(3, fromDay)
                s.bind(4, throughDay)
                var rows: [SegmentRow] = []
                while try s.step() {
                    rows.append(SegmentRow(
                        stream: s.int64(0), streamID: s.string(1), segment: s.int(2), userID: s.string(3),
                        userLogin: s.string(4), userName: s.string(5), gameID: s.string(6), gameName: s.string(7),
                        title: s.string(8), language: s.string(9), startedAt: s.int64(10), firstSeen: s.int64(11),
                        lastSeen: s.int64(12), durationMs: s.int64(13), watchMs: s.int64(14), peakViewers: s.int(15)))
                }
                result[user] = rows
            }
            return result
        }
    }

    /// Viewer counts of each stream at the crawls between its first and last sighting, from the raw
    /// observations still kept (pruned crawls give no points).
    public func viewerPoints(streams: [(stream: Int64, from: Millis, through: Millis)]) throws -> [Int64: [ViewerPoint]] {
        guard let earliest = streams.map(\.from).min(), let latest = streams.map(\.through).max() else { return [:] }
        return try read { db in
            let crawls = try Row.fetchAll(
                db, sql: "SELECT id, time FROM crawl WHERE time >= ? AND time <= ? AND raw_pruned = 0 ORDER BY time",
                arguments: [earliest - 3_600_000, latest]
            ).map { (id: $0[0] as Int64, time: $0[1] as Millis) }
            // Each crawl's observations are one blob, in stream order: decode the crawls in range
            // once and pick the wanted streams out of them by walking the sorted wanted list
            // alongside (a dictionary look-up per observation cost more than the decoding).
            let wanted = streams.sorted { $0.stream < $1.stream }
            let s = try FastStatement(db, "SELECT data FROM crawl_observations WHERE crawl = ?")
            var result: [Int64: [ViewerPoint]] = [:]
            for w in wanted { result[w.stream] = [] }
            for crawl in crawls {
                s.bind(1, crawl.id)
                if try s.step() {
                    var next = 0
                    ObservationBlob.decode(s.blob(0)) { o in
                        while next < wanted.count && wanted[next].stream < o.stream { next += 1 }
                        guard next < wanted.count, wanted[next].stream == o.stream else { return }
                        let t = crawl.time + o.offset
                        if t >= wanted[next].from && t <= wanted[next].through {
                            result[o.stream]!.append(ViewerPoint(time: t, viewers: Int(o.viewers), facts: o.facts))
                        }
                    }
                }
                s.reset()
            }
            return result
        }
    }
}
