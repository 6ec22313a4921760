import Model
import Store

/// The segments of a day in the extract's order: by first_seen, then stream id (in byte order,
/// as SQLite compares text), then segment number. Their text stays UTF-8 bytes
/// (`DaySegmentRows`): the extract only copies it out.
public struct DaySegments: RandomAccessCollection, Sendable {
    private let rows: DaySegmentRows
    /// The record indices in the extract's order. The records stay where they were loaded: a
    /// reordered copy of two million wide records was 200 MB of fresh memory, dearer to fault in
    /// than the scattered reads of writing them in this order.
    private let order: [Int32]
    /// Read once: the rows' views take it without touching the rows' reference count.
    private let reader: SegmentTextReader

    private init(rows: DaySegmentRows, order: [Int32]) {
        self.rows = rows
        self.order = order
        reader = rows.reader
    }

    public static func load(store: Store, day: Int) throws -> DaySegments {
        let rows = try store.unorderedSegments(day: day)
        return DaySegments(rows: rows, order: extractOrder(rows))
    }

    /// The record indices in the extract's order.
    private static func extractOrder(_ rows: DaySegmentRows) -> [Int32] {
        let streamRanks = StreamRanks(rows)
        struct Key: Comparable {
            var firstSeen: Int64
            var stream: Int32
            var segment: Int32
            var record: Int32
            static func < (a: Key, b: Key) -> Bool {
                (a.firstSeen, a.stream, a.segment) < (b.firstSeen, b.stream, b.segment)
            }
        }
        var keys = rows.records.indices.map { i in
            let r = rows.records[i]
            return Key(firstSeen: r.firstSeen, stream: streamRanks.rank(ofRecord: i), segment: r.number, record: Int32(i))
        }
        keys.sort()
        return keys.map(\.record)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(i: Int) -> DaySegment {
        DaySegment(record: rows.records[Int(order[i])], reader: reader)
    }

    /// Every segment with its text as Strings (tests, small days).
    public var summaries: [SegmentRow] { map(\.summary) }
}

/// One segment of `DaySegments`. Its text points into the collection's buffer: use it only
/// while the collection lives (as the extract writer does, row by row).
public struct DaySegment {
    let record: DaySegmentRows.Record
    let reader: SegmentTextReader

    public var streamID: UnsafeRawBufferPointer { bytes(.streamID) }
    public var segment: Int { Int(record.number) }
    public var userID: UnsafeRawBufferPointer { bytes(.userID) }
    public var userLogin: UnsafeRawBufferPointer { bytes(.userLogin) }
    public var userName: UnsafeRawBufferPointer { bytes(.userName) }
    public var gameID: UnsafeRawBufferPointer { bytes(.gameID) }
    public var gameName: UnsafeRawBufferPointer { bytes(.gameName) }
    public var title: UnsafeRawBufferPointer { bytes(.title) }
    public var language: UnsafeRawBufferPointer { bytes(.language) }
    public var startedAt: Millis { record.startedAt }
    public var firstSeen: Millis { record.firstSeen }
    public var lastSeen: Millis { record.lastSeen }
    public var durationMs: Int64 { record.durationMs }
    public var watchMs: Int64 { record.watchMs }
    public var peakViewers: Int { Int(record.peak) }
    public var avgViewers: Double { SegmentRow.avgViewers(watchMs: watchMs, durationMs: durationMs) }

    @inline(__always)
    private func bytes(_ column: SegmentText) -> UnsafeRawBufferPointer {
        reader.text(record, column)
    }

    public var summary: SegmentRow {
        func string(_ column: SegmentText) -> String { String(decoding: bytes(column), as: UTF8.self) }
        return SegmentRow(
            stream: record.stream, streamID: string(.streamID), segment: segment, userID: string(.userID), userLogin: string(.userLogin),
            userName: string(.userName), gameID: string(.gameID), gameName: string(.gameName), title: string(.title),
            language: string(.language), startedAt: startedAt, firstSeen: firstSeen, lastSeen: lastSeen,
            durationMs: durationMs, watchMs: watchMs, peakViewers: peakViewers)
    }
}

extension SegmentRow {
    /// Average viewers while live (METRICS.md §5).
    public var avgViewers: Double { Self.avgViewers(watchMs: watchMs, durationMs: durationMs) }

    /// Watch time over duration; 0 for no duration.
    public static func avgViewers(watchMs: Int64, durationMs: Int64) -> Double {
        durationMs == 0 ? 0 : Double(watchMs) / Double(durationMs)
    }
}
