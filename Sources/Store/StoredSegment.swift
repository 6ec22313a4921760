import Model

/// A segment as stored: a maximal run of one stream's observations with one game.
public struct StoredSegment: Sendable {
    public var stream: Int64
    public var number: Int
    public var day: Int
    public var gameID: String
    public var facts: Int64
    public var firstSeen: Millis
    public var lastSeen: Millis
    public var durationMs: Int64
    public var watchMs: Int64
    public var peak: Int

    public init(stream: Int64, number: Int, day: Int, gameID: String, facts: Int64, firstSeen: Millis,
                lastSeen: Millis, durationMs: Int64, watchMs: Int64, peak: Int) {
        self.stream = stream
        self.number = number
        self.day = day
        self.gameID = gameID
        self.facts = facts
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.durationMs = durationMs
        self.watchMs = watchMs
        self.peak = peak
    }
}

/// A stream as a pass starts from it: its fixed fields and its newest stored segment, which
/// carries everything consolidation needs from earlier builds (when the stream was last seen, how
/// many segments it has, its last game, and the segment still open).
public struct StoredStreamState: Sendable {
    public var ref: Int64
    public var userID: String
    public var startedAt: Millis
    public var lastSegment: StoredSegment?
}
