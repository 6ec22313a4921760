import Model
import Store

/// A stream's consolidation state during a pass. Plain values only (names live in the pass's
/// interners and `userIDs`), so the fold updates it in place without reference counting.
struct StreamFold {
    static let noTime = Millis.min

    let ref: Int64
    let startedAt: Millis
    /// `noTime` until the stream's first observation ever.
    var lastSeen: Millis
    var segments: Int
    /// The game of the newest segment, interned; -1 for none.
    var lastGame: Int32
    var open: OpenSegment?
    /// Whether it changed since its rows were last handed over (see `ConsolidationPass.takeRows`).
    var dirty = false
    var segmentChanged = false
    /// The pass's number of the last crawl that saw it: streams quiet for a while are handed
    /// over for writing while the pass goes on.
    var lastCrawl: Int32 = -1
    /// The highest viewer count in this pass's crawls of one day, not yet in the pass's table.
    var peakDay = Int.min
    var peak = 0
    /// The intervals added since the stream last changed day part: summed here, in memory the
    /// fold touches anyway, and added to the part table when the part changes or the rows are
    /// handed over.
    var part = PartRun()
}

/// Consecutive intervals of one stream that fall into one day part, not yet in the part table.
struct PartRun {
    var active = false
    var day = 0
    var game: Int32 = 0
    var language: Int32 = 0
    var secondsMs: Int64 = 0
    var watchMs: Int64 = 0
    var latestAt: Millis = .min
    var latestFacts: Int64 = 0
}

/// A segment being extended: a run of one stream's observations with one game.
struct OpenSegment {
    var number: Int
    var day: Int
    var game: Int32
    var facts: Int64
    var firstSeen: Millis
    var lastSeen: Millis
    var durationMs: Int64
    var watchMs: Int64
    var peak: Int

    func stored(stream: Int64, games: Interner) -> StoredSegment {
        StoredSegment(
            stream: stream, number: number, day: day, gameID: games[game], facts: facts, firstSeen: firstSeen,
            lastSeen: lastSeen, durationMs: durationMs, watchMs: watchMs, peak: peak)
    }
}

/// A segment closed by a game change in this pass; it is written back with the others.
struct ClosedSegment {
    var slot: Int32
    var segment: OpenSegment
}
