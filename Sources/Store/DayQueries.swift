import GRDB
import Model

/// A stream's consolidated time in one day with one game and language, and the facts of the
/// latest observation whose interval has a positive part in that day (where its names come from).
public struct DayPartRow: Sendable {
    public var stream: Int64
    public var userID: String
    public var gameID: String
    public var language: String
    public var secondsMs: Int64
    public var watchMs: Int64
    public var latestAt: Millis
    public var latestFacts: Int64
}

/// The names an observation carried, from its facts row.
public struct FactsNames: Sendable {
    public var userLogin: String
    public var userName: String
    public var gameName: String
    /// The stream's language then (a part's own `language` is what it was counted as).
    public var language: String
}

/// Concurrent totals of one crawl.
public struct CrawlPoint: Sendable, Equatable {
    public var time: Millis
    public var viewers: Int64
    public var channels: Int

    public init(time: Millis, viewers: Int64, channels: Int) {
        self.time = time
        self.viewers = viewers
        self.channels = channels
    }
}

/// Highest concurrent viewers and channels of one game or language over a range of crawls.
public struct PeakPair: Sendable, Equatable {
    public var viewers: Int64
    public var channels: Int

    public init(viewers: Int64, channels: Int) {
        self.viewers = viewers
        self.channels = channels
    }
}

/// A segment with the names of its last observation and its stream's fixed fields: the one
/// segment type, read for a channel's streams and schedule and copied out of a day's segments
/// (`DaySegment.summary`). `stream` is the stream's key in the store (`stream.id`), by which its
/// viewers and ranks are looked up.
public struct SegmentRow: Sendable {
    public var stream: Int64
    public var streamID: String
    public var segment: Int
    public var userID: String
    public var userLogin: String
    public var userName: String
    public var gameID: String
    public var gameName: String
    public var title: String
    public var language: String
    public var startedAt: Millis
    public var firstSeen: Millis
    public var lastSeen: Millis
    public var durationMs: Int64
    public var watchMs: Int64
    public var peakViewers: Int

    public init(stream: Int64, streamID: String, segment: Int, userID: String, userLogin: String, userName: String,
                gameID: String, gameName: String, title: String, language: String, startedAt: Millis,
                firstSeen: Millis, lastSeen: Millis, durationMs: Int64, watchMs: Int64, peakViewers: Int) {
        self.stream = stream
        self.streamID = streamID
        self.segment = segment
        self.userID = userID
        self.userLogin = userLogin
        self.userName = userName
        self.gameID = gameID
        self.gameName = gameName
        self.title = title
        self.language = language
        self.startedAt = startedAt
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.durationMs = durationMs
        self.watchMs = watchMs
        self.peakViewers = peakViewers
    }
}

extension Store {
    /// The day's parts, by stream (then game and language).
    public func dayParts(day: Int) throws -> [DayPartRow] {
        try read { db in
            let s = try FastStatement(db, """
                SELECT stream, user_id, game_id, language, seconds_ms, watch_ms, latest_at, latest_facts
                FROM day_part WHERE day = ? ORDER BY stream, game_id, language
                """)
            s.bind(1, day)
            var rows: [DayPartRow] = []
            while try s.step() {
                rows.append(DayPartRow(
                    stream: s.int64(0), userID: s.string(1), gameID: s.string(2), language: s.string(3),
                    secondsMs: s.int64(4), watchMs: s.int64(5), latestAt: s.int64(6), latestFacts: s.int64(7)))
            }
            return rows
        }
    }

    /// The names of some facts rows, by id. A day names each channel and game once, from one of
    /// its parts: reading those few beats joining the facts of every part. Read in id order, in
    /// the range scans `IdRanges` chooses, like the segments' names.
    public func factsNames(_ ids: Set<Int64>) throws -> [Int64: FactsNames] {
        try read { db in
            let s = try FastStatement(
                db, "SELECT id, user_login, user_name, game_name, language FROM facts WHERE id BETWEEN ? AND ?")
            var names: [Int64: FactsNames] = [:]
            names.reserveCapacity(ids.count)
            for range in IdRanges.covering(ids.sorted()) {
                s.reset()
                s.bind(1, range.lowerBound)
                s.bind(2, range.upperBound)
                while try s.step() {
                    let id = s.int64(0)
                    guard ids.contains(id) else { continue }  // a short gap between wanted ids
                    names[id] = FactsNames(
                        userLogin: s.string(1), userName: s.string(2), gameName: s.string(3), language: s.string(4))
                }
            }
            if let missing = ids.first(where: { names[$0] == nil }) {
                throw DatabaseError(message: "a day part refers to missing facts \(missing)")
            }
            return names
        }
    }

    /// Calls `each` with every channel's highest viewer count over the crawls of `day`.
    public func channelPeaks(day: Int, _ each: (_ userID: String, _ peak: Int) -> Void) throws {
        try read { db in try DayChannelPeaks.forEach(db, day: day, each) }
    }

    /// Consolidated crawls with crawl time in [from, to), in time order.
    public func crawlPoints(from: Millis, to: Millis) throws -> [CrawlPoint] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT time, viewers, channels FROM crawl WHERE consolidated = 1 AND time >= ? AND time < ? ORDER BY time",
                arguments: [from, to]
            ).map { CrawlPoint(time: $0[0], viewers: $0[1], channels: $0[2]) }
        }
    }

    /// Crawl times of every consolidated crawl, in order.
    public func consolidatedCrawlTimes() throws -> [Millis] {
        try read { db in try Millis.fetchAll(db, sql: "SELECT time FROM crawl WHERE consolidated = 1 ORDER BY time") }
    }

    /// Times of the consolidated crawls in [from, to), in order.
    public func consolidatedCrawlTimes(from: Millis, to: Millis) throws -> [Millis] {
        try read { db in
            try Millis.fetchAll(
                db, sql: "SELECT time FROM crawl WHERE time >= ? AND time < ? AND consolidated = 1 ORDER BY time",
                arguments: [from, to])
        }
    }

    /// Times of the crawls the next consolidation pass folds, in order.
    public func pendingCrawlTimes() throws -> [Millis] {
        try read { db in try Millis.fetchAll(db, sql: "SELECT time FROM crawl WHERE consolidated = 0 ORDER BY time") }
    }

    /// The highest concurrent viewers and channels of each game over the crawls in [from, to).
    public func gamePeaks(from: Millis, to: Millis) throws -> [String: PeakPair] {
        try peaks(column: "games", from: from, to: to)
    }

    public func languagePeaks(from: Millis, to: Millis) throws -> [String: PeakPair] {
        try peaks(column: "languages", from: from, to: to)
    }

    private func peaks(column: String, from: Millis, to: Millis) throws -> [String: PeakPair] {
        var result: [String: PeakPair] = [:]
        // In place through the subscript: a million shares a day, one look-up each.
        func raise(_ peak: inout PeakPair, to share: CrawlShare) {
            peak.viewers = max(peak.viewers, share.viewers)
            peak.channels = max(peak.channels, share.channels)
        }
        try forEachCrawlShare(column: column, from: from, to: to) { _, share in
            raise(&result[share.key, default: PeakPair(viewers: share.viewers, channels: share.channels)], to: share)
        }
        return result
    }

    /// Calls `body` with every share by game (`column` "games") or by language ("languages") of
    /// the consolidated crawls in [from, to), crawl by crawl in time order.
    func forEachCrawlShare(column: String, from: Millis, to: Millis, _ body: (Millis, CrawlShare) throws -> Void) throws {
        try read { db in
            let s = try FastStatement(
                db, "SELECT crawl_time, \(column) FROM crawl_share WHERE crawl_time >= ? AND crawl_time < ? ORDER BY crawl_time")
            s.bind(1, from)
            s.bind(2, to)
            while try s.step() {
                let time = s.int64(0)
                try CrawlShareBlob.decode(s.blob(1)) { try body(time, $0) }
            }
        }
    }

    public func dirtyDays() throws -> [Int] {
        try read { db in try Int.fetchAll(db, sql: "SELECT day FROM dirty_day ORDER BY day") }
    }

    /// Clears the dirty marks of days that were published.
    public func clearDirty(_ days: [Int]) throws {
        try write { db in
            for day in days { try db.execute(sql: "DELETE FROM dirty_day WHERE day = ?", arguments: [day]) }
        }
    }

    /// Counts for the build's report: crawls, failed crawls, observations kept raw.
    public func counts() throws -> (crawls: Int, failedCrawls: Int, rawObservations: Int, streams: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM crawl") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM crawl_failure") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM crawl_observations") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stream") ?? 0)
        }
    }
}
