import Model

/// The text columns of a segment row.
public enum SegmentText: Int, CaseIterable, Sendable {
    case streamID, userID, userLogin, userName, gameID, gameName, title, language

    /// Where the column sits: the segment's own text holds the stream's fields and the game id,
    /// its facts' text the names of its last observation (shared by the segments of one facts row).
    var place: (inFacts: Bool, index: Int) {
        switch self {
        case .streamID: (false, 0)
        case .userID: (false, 1)
        case .gameID: (false, 2)
        case .userLogin: (true, 0)
        case .userName: (true, 1)
        case .gameName: (true, 2)
        case .title: (true, 3)
        case .language: (true, 4)
        }
    }
}

/// Columns that follow each other in a `TextBuffer`: where the first starts, and where each ends
/// counted from that start.
struct TextRun<Ends: SIMD & Sendable>: Sendable where Ends.Scalar == UInt32 {
    var start: Int
    var ends: Ends

    @inline(__always)
    func column(_ i: Int, in text: UnsafeRawPointer) -> UnsafeRawBufferPointer {
        let from = i == 0 ? 0 : Int(ends[i - 1])
        return UnsafeRawBufferPointer(start: text + start + from, count: Int(ends[i]) - from)
    }
}

/// The segments whose first sighting falls in one day, with the names of each segment's last
/// observation and its stream's fixed fields, for the day's segments extract: 2 million rows of
/// eight text columns each on a full Twitch day. The numbers sit in fixed-size records, the text
/// in one `TextBuffer`, so loading, sorting and writing them never touches a String.
public final class DaySegmentRows: Sendable {
    public struct Record: Sendable {
        public var stream: Int64
        public var number: Int32
        /// Index of the segment's facts in `facts`.
        var facts: Int32
        public var startedAt: Millis
        public var firstSeen: Millis
        public var lastSeen: Millis
        public var durationMs: Int64
        public var watchMs: Int64
        public var peak: Int64
        /// Stream id, user id, game id.
        var text: TextRun<SIMD4<UInt32>>
    }

    public let records: [Record]
    /// User login, user name, game name, title, language of each facts row the records use.
    private let facts: FactsTexts
    private let text: TextBuffer

    init(records: [Record], facts: FactsTexts, text: TextBuffer) {
        self.records = records
        self.facts = facts
        self.text = text
    }

    /// Reads the records' text; valid while these rows live.
    public var reader: SegmentTextReader {
        SegmentTextReader(text: text.start, facts: facts.start)
    }
}

/// The text columns of `DaySegmentRows` records, read through plain pointers: the extract's two
/// threads would otherwise contend for the rows' reference count on every row.
public struct SegmentTextReader: @unchecked Sendable {
    let text: UnsafeRawPointer
    let facts: UnsafePointer<TextRun<SIMD8<UInt32>>>

    /// One text column of a record, as UTF-8 bytes.
    @inline(__always)
    public func text(_ record: DaySegmentRows.Record, _ column: SegmentText) -> UnsafeRawBufferPointer {
        let (inFacts, i) = column.place
        return inFacts ? facts[Int(record.facts)].column(i, in: text) : record.text.column(i, in: text)
    }
}

/// The text runs of the facts rows that a day's segments use, at a fixed address. Filled when
/// made, then only read (hence `Sendable`).
final class FactsTexts: @unchecked Sendable {
    private let runs: UnsafeMutableBufferPointer<TextRun<SIMD8<UInt32>>>

    init(_ runs: [TextRun<SIMD8<UInt32>>]) {
        self.runs = .allocate(capacity: max(runs.count, 1))
        _ = self.runs.initialize(from: runs)
    }

    deinit { runs.deallocate() }

    var start: UnsafePointer<TextRun<SIMD8<UInt32>>> { UnsafePointer(runs.baseAddress!) }
}
