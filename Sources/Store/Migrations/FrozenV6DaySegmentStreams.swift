import Foundation
import GRDB

/// Migration `v6-day-segment-streams`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV6DaySegmentStreams {
    static func migrate(_ db: Database) throws {
        // A day's segments are found through the streams that have some (see DaySegmentStreams)
        // instead of an index by day.
        try db.execute(sql: """
            CREATE TABLE day_segment_streams (
                day INTEGER PRIMARY KEY,
                segments INTEGER NOT NULL,
                streams BLOB NOT NULL
            );
            """)
        try listStreams(db)
        try db.execute(sql: "DROP INDEX segment_day")
    }

    /// Writes each day's row from the segments stored, a day at a time: how many segments it has,
    /// and the row ids of their streams, ascending, each as its LEB128 difference from the one before.
    private static func listStreams(_ db: Database) throws {
        let save = try db.makeStatement(sql: "INSERT INTO day_segment_streams(day, segments, streams) VALUES (?, ?, ?)")
        var day: Int64?
        var segments: Int64 = 0
        var streams: [UInt8] = []
        var previousStream: Int64 = 0
        func flush() throws {
            guard let day else { return }
            try save.execute(arguments: [day, segments, Data(streams)])
            segments = 0
            streams.removeAll(keepingCapacity: true)
            previousStream = 0
        }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT day, stream, COUNT(*) FROM segment GROUP BY day, stream ORDER BY day, stream")
        while let row = try rows.next() {
            let d: Int64 = row[0]
            if d != day {
                try flush()
                day = d
            }
            let stream: Int64 = row[1]
            putVarint(UInt64(stream - previousStream), &streams)
            previousStream = stream
            segments += row[2] as Int64
        }
        try flush()
    }

    private static func putVarint(_ value: UInt64, _ bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}
