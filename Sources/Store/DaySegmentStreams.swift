import GRDB

/// Which streams have segments in a day, and how many segments it has: how a day's segments are
/// found (range scans over those streams' rows, see `unorderedSegments(day:)`). An index of the
/// segments by day did the same and cost a second b-tree insert for each of the two million
/// segments of a full day, on consolidation's writing thread, its long pole.
public struct DaySegmentStreams: Sendable, Equatable {
    public let day: Int
    public private(set) var segments: Int
    /// Row ids in the stream table, ascending and distinct.
    public private(set) var streams: [Int64]

    public init(day: Int, segments: Int = 0, streams: [Int64] = []) {
        self.day = day
        self.segments = segments
        self.streams = streams
    }

    /// Adds segments that are new in this day (never stored before), with their streams in any
    /// order and repeated as often as they like.
    public mutating func add(newSegments: Int, streams more: [Int64]) {
        segments += newSegments
        streams = Self.union(streams, more.sorted())
    }

    /// The distinct values of two ascending arrays, ascending (either may repeat values).
    private static func union(_ a: [Int64], _ b: [Int64]) -> [Int64] {
        var result: [Int64] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let next: Int64
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                next = a[i]; i += 1
            } else {
                next = b[j]; j += 1
            }
            if result.last != next { result.append(next) }
        }
        return result
    }

    /// The streams as stored: each as its LEB128 difference from the one before.
    func packedStreams() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(streams.count * 2)
        var previous: Int64 = 0
        for stream in streams {
            LEB128.put(UInt64(stream - previous), &out)
            previous = stream
        }
        return out
    }

    static func unpackStreams(_ bytes: UnsafeRawBufferPointer) -> [Int64] {
        var streams: [Int64] = []
        var i = 0
        var stream: Int64 = 0
        while i < bytes.count {
            stream += Int64(LEB128.get(bytes, &i))
            streams.append(stream)
        }
        return streams
    }

    /// The stored row of `day`, or an empty one.
    static func fetch(_ db: Database, day: Int) throws -> DaySegmentStreams {
        let s = try FastStatement(db, "SELECT segments, streams FROM day_segment_streams WHERE day = ?")
        s.bind(1, day)
        guard try s.step() else { return DaySegmentStreams(day: day) }
        return DaySegmentStreams(day: day, segments: s.int(0), streams: unpackStreams(s.blob(1)))
    }

    /// The lowest row id of a stream with segments in `fromDay...throughDay` (nil when none has):
    /// each day's list starts with its lowest, so only the first number of each is read.
    static func firstStream(_ db: Database, fromDay: Int, throughDay: Int) throws -> Int64? {
        let s = try FastStatement(db, "SELECT streams FROM day_segment_streams WHERE day BETWEEN ? AND ?")
        s.bind(1, fromDay)
        s.bind(2, throughDay)
        var first: Int64?
        while try s.step() {
            let bytes = s.blob(0)
            guard !bytes.isEmpty else { continue }
            var i = 0
            let stream = Int64(LEB128.get(bytes, &i))
            first = min(first ?? stream, stream)
        }
        return first
    }

    static func save(_ days: [DaySegmentStreams], _ db: Database) throws {
        guard !days.isEmpty else { return }
        let s = try FastStatement(
            db, "INSERT OR REPLACE INTO day_segment_streams(day, segments, streams) VALUES (?, ?, ?)")
        for day in days {
            s.bind(1, day.day)
            s.bind(2, day.segments)
            s.bind(3, blob: day.packedStreams())
            try s.run()
        }
    }
}
