import Model

/// The text columns of a segment row, in the order they sit in the text buffer.
public enum SegmentText: Int, CaseIterable, Sendable {
    case streamID, userID, userLogin, userName, gameID, gameName, title, language
}

/// The segments whose first sighting falls in one day, with the names of each segment's last
/// observation and its stream's fixed fields, for the day's segments extract: 2 million rows of
/// eight text columns each on a full Twitch day. The numbers sit in fixed-size records, the text
/// in one `TextBuffer`, so loading, sorting and writing them never touches a String.
public struct DaySegmentRows: Sendable {
    public struct Record: Sendable {
        public var stream: Int64
        public var number: Int32
        public var startedAt: Millis
        public var firstSeen: Millis
        public var lastSeen: Millis
        public var durationMs: Int64
        public var watchMs: Int64
        public var peak: Int64
        /// Where this row's text starts in the buffer, and where each `SegmentText` column ends,
        /// counted from that start (the columns follow each other).
        var textStart: Int
        var textEnds: SIMD8<UInt32>
    }

    public var records: [Record]
    public let text: TextBuffer

    /// One text column of a record, as UTF-8 bytes valid while `text` lives.
    @inline(__always)
    public func text(_ record: Record, _ column: SegmentText) -> UnsafeRawBufferPointer {
        Self.text(record, column, in: text.start)
    }

    /// The same, from the buffer's start pointer (read once, for a loop over many records).
    @inline(__always)
    public static func text(_ record: Record, _ column: SegmentText, in start: UnsafeRawPointer) -> UnsafeRawBufferPointer {
        let i = column.rawValue
        let from = i == 0 ? 0 : Int(record.textEnds[i - 1])
        return UnsafeRawBufferPointer(start: start + record.textStart + from, count: Int(record.textEnds[i]) - from)
    }
}

extension Store {
    /// The day's segments in no particular order: sorting two million wide rows in SQLite's sorter
    /// cost more than the query; the caller sorts them.
    public func unorderedSegments(day: Int) throws -> DaySegmentRows {
        try read { db in
            // The text columns first, in `SegmentText` order.
            let s = try FastStatement(db, """
                SELECT s.stream_id, s.user_id, f.user_login, f.user_name, g.game_id, f.game_name, f.title, f.language,
                       g.stream, g.segment, s.started_at, g.first_seen, g.last_seen, g.duration_ms, g.watch_ms, g.peak
                FROM segment g JOIN stream s ON s.id = g.stream JOIN facts f ON f.id = g.facts
                WHERE g.day = ?
                """)
            s.bind(1, day)
            let text = TextBuffer()
            var records: [DaySegmentRows.Record] = []
            while try s.step() {
                let start = text.count
                var ends = SIMD8<UInt32>()
                for column in 0..<8 {
                    text.append(s.utf8(Int32(column)))
                    ends[column] = UInt32(text.count - start)
                }
                records.append(DaySegmentRows.Record(
                    stream: s.int64(8), number: Int32(s.int64(9)), startedAt: s.int64(10), firstSeen: s.int64(11),
                    lastSeen: s.int64(12), durationMs: s.int64(13), watchMs: s.int64(14), peak: s.int64(15),
                    textStart: start, textEnds: ends))
            }
            return DaySegmentRows(records: records, text: text)
        }
    }
}
