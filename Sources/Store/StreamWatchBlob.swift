import GRDB

/// A day's streams by hours watched, most first, as one blob: for each stream its key
/// (`stream.id`) and its watch time on the day in milliseconds, as LEB128 varints. A stream's
/// rank that day is its position. One row a day instead of hundreds of thousands.
enum StreamWatchBlob {
    static func encode(_ streams: [(stream: Int64, watchMs: Int64)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(streams.count * 6)
        for s in streams {
            LEB128.put(UInt64(s.stream), &out)
            LEB128.put(UInt64(max(0, s.watchMs)), &out)
        }
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, _ body: (Int64, Int64) -> Void) {
        var i = 0
        while i < bytes.count {
            let stream = Int64(LEB128.get(bytes, &i))
            let watch = Int64(LEB128.get(bytes, &i))
            body(stream, watch)
        }
    }
}

/// A stream's rank among the streams of a day by hours watched.
public struct StreamDayRank: Sendable, Equatable {
    public var day: Int
    public var rank: Int
    public var of: Int
    public var watchMs: Int64

    public init(day: Int, rank: Int, of: Int, watchMs: Int64) {
        self.day = day
        self.rank = rank
        self.of = of
        self.watchMs = watchMs
    }
}

extension Store {
    /// Records a day's streams, in rank order (most hours watched first).
    public func replaceStreamWatch(day: Int, _ streams: [(stream: Int64, watchMs: Int64)]) throws {
        let blob = StreamWatchBlob.encode(streams)
        try write { db in
            let s = try FastStatement(db, "INSERT OR REPLACE INTO history_stream_watch(day, streams) VALUES (?, ?)")
            s.bind(1, day)
            s.bind(2, blob: blob)
            try s.run()
        }
    }

    /// The rank of each wanted stream on each of the days, where it had any time; days recorded
    /// before the history kept streams give none.
    public func streamDayRanks(days: [Int], streams wanted: Set<Int64>) throws -> [Int64: [StreamDayRank]] {
        try read { db in
            let s = try FastStatement(db, "SELECT streams FROM history_stream_watch WHERE day = ?")
            var result: [Int64: [StreamDayRank]] = [:]
            for day in days.sorted() {
                s.reset()
                s.bind(1, day)
                guard try s.step() else { continue }
                var position = 0
                var found: [(Int64, Int, Int64)] = []
                StreamWatchBlob.decode(s.blob(0)) { stream, watch in
                    position += 1
                    if wanted.contains(stream) { found.append((stream, position, watch)) }
                }
                for (stream, rank, watch) in found {
                    result[stream, default: []].append(StreamDayRank(day: day, rank: rank, of: position, watchMs: watch))
                }
            }
            return result
        }
    }

    /// The title of each facts row.
    public func factsTitles(_ ids: Set<Int64>) throws -> [Int64: String] {
        try read { db in
            let s = try FastStatement(db, "SELECT title FROM facts WHERE id = ?")
            var titles: [Int64: String] = [:]
            for id in ids.sorted() {
                s.reset()
                s.bind(1, id)
                if try s.step() { titles[id] = s.string(0) }
            }
            return titles
        }
    }
}
