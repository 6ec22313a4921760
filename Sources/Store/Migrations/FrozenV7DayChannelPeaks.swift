import Foundation
import GRDB

/// Migration `v7-day-channel-peaks`, frozen: released databases went through exactly this, so it is never edited
/// and calls no code outside this file (see `Schema`).
enum FrozenV7DayChannelPeaks {
    static func migrate(_ db: Database) throws {
        // Peaks by channel, one blob per day (see packPeaks), instead of a row per stream.
        try db.execute(sql: """
            CREATE TABLE day_channel_peaks (
                day INTEGER PRIMARY KEY,
                peaks BLOB NOT NULL
            );
            """)
        try packPeaks(db)
        try db.execute(sql: "DROP TABLE day_stream_peak")
    }

    /// Writes each day's blob from the per-stream rows, a day at a time: for each channel, the
    /// highest peak of its streams, as its user id's UTF-8 length and bytes, then the peak, as
    /// LEB128 varints (the peak zigzagged). Readers take the channels in any order.
    private static func packPeaks(_ db: Database) throws {
        let save = try db.makeStatement(sql: "INSERT INTO day_channel_peaks(day, peaks) VALUES (?, ?)")
        var day: Int64?
        var peaks: [UInt8] = []
        func flush() throws {
            guard let day else { return }
            try save.execute(arguments: [day, Data(peaks)])
            peaks.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT day, user_id, MAX(peak) FROM day_stream_peak GROUP BY day, user_id ORDER BY day, user_id")
        while let row = try rows.next() {
            let d: Int64 = row[0]
            if d != day {
                try flush()
                day = d
            }
            let user: String = row[1]
            putVarint(UInt64(user.utf8.count), &peaks)
            peaks.append(contentsOf: user.utf8)
            putVarint(zigzag(row[2]), &peaks)
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

    private static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
}
