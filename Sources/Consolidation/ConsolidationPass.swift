import Model
import Store

/// One pass over pending crawls, on a thread of its own: it reads each crawl, folds it into the
/// touched streams' state and the day parts, and every so often hands the rows that are ready
/// (`takeRows`) to the thread that writes them. Stream state and pending day parts live in arrays
/// indexed by dense slots.
///
/// Each crawl is handled in two steps: `resolve` reads the crawl and maps row ids to slots and
/// interned games and languages (the only step that reads the database), then `fold` runs the
/// interval, segment and peak rules over plain values. A struct, so that the hot loops' accesses to
/// its arrays are checked for exclusivity at compile time rather than on every access.
struct ConsolidationPass {
    let reader: ConsolidationReader
    let calendar: ReportCalendar
    let handOver: HandOver

    var slotOfStream = DenseIndex()
    var streams: [StreamFold] = []
    /// User ids by slot, kept apart from `streams` so the fold's state holds no references.
    var userIDs: [String] = []
    /// Slots changed since their rows were last handed over.
    var dirtySlots: [Int32] = []
    var factsGame = DenseIndex()
    var factsLanguage = DenseIndex()
    var games = Interner()
    var languages = Interner()
    var parts = DayPartTable()
    var peaks: [DayStreamKey: Int] = [:]
    var closedSegments: [ClosedSegment] = []
    /// The segments this pass started since its last chunk, by day: added to the days' lists of
    /// streams with segments at the end of the chunk.
    var newSegments: [Int: NewSegments] = [:]
    var savedCrawls: [SavedCrawl] = []
    var dirtyDays: Set<Int> = []
    /// This pass's number of the crawl being folded.
    var crawlNumber: Int32 = -1

    // Per-crawl buffers, reused.
    var rows: [CrawlObservation] = []
    var resolved: [ResolvedObservation] = []
    var missingFacts: [Int64] = []
    // The last day whose end was asked for: intervals rarely cross midnight.
    var cachedDay = Int.min
    var cachedDayEnd: Millis = 0

    /// Row ids are loaded in aligned blocks of this many: one range scan per block.
    static let block: Int64 = 1024
    /// Facts ids within a block are read by one range scan when at least one in this many of the
    /// ids it spans is wanted; otherwise one by one.
    static let denseFactsRatio: Int64 = 8

    init(reader: ConsolidationReader, calendar: ReportCalendar, handOver: HandOver) {
        self.reader = reader
        self.calendar = calendar
        self.handOver = handOver
    }

    /// Consolidates one crawl; returns its number of kept observations.
    mutating func consolidate(_ crawl: PendingCrawl) throws -> Int {
        crawlNumber += 1
        let crawlDay = calendar.day(containing: crawl.time)
        dirtyDays.insert(crawlDay)
        try reader.observations(crawl: crawl.id, into: &rows)
        try resolve()
        let shares = crawlShares()
        fold(crawlTime: crawl.time, crawlDay: crawlDay)
        savedCrawls.append(SavedCrawl(
            crawl: crawl, streams: rows.count, viewers: shares.viewers, games: PackedShares(shares.games),
            languages: PackedShares(shares.languages)))
        return rows.count
    }

    // MARK: Folding observations into intervals, segments and peaks

    private mutating func fold(crawlTime: Millis, crawlDay: Int) {
        // The states are moved out of `self` and updated in place through a buffer: no copy of a
        // state per observation, and no exclusivity check.
        var states: [StreamFold] = []
        swap(&states, &streams)
        defer { swap(&states, &streams) }
        let rows = self.rows, resolved = self.resolved
        states.withUnsafeMutableBufferPointer { states in
            for i in rows.indices {
                let o = rows[i], r = resolved[i]
                fold(o, r, &states[Int(r.slot)], crawlTime: crawlTime, crawlDay: crawlDay)
            }
        }
    }

    private mutating func fold(
        _ o: CrawlObservation, _ r: ResolvedObservation, _ state: inout StreamFold, crawlTime: Millis, crawlDay: Int
    ) {
        let observedAt = crawlTime + o.offsetMs
        let viewers = o.viewers
        state.lastCrawl = crawlNumber
        if state.peakDay == crawlDay {
            state.peak = max(state.peak, viewers)
        } else {
            flushPeak(r.slot, &state)
            state.peakDay = crawlDay
            state.peak = viewers
        }
        let previous = state.lastSeen == StreamFold.noTime ? state.startedAt : state.lastSeen
        let duration = max(0, observedAt - previous)
        if duration > 0 {
            addInterval(from: previous, to: observedAt, viewers: Int64(viewers), facts: o.facts, r, &state)
        }
        extendSegment(r, &state, at: observedAt, duration: duration, viewers: viewers, facts: o.facts)
        state.lastSeen = observedAt
    }

    /// Attributes the interval (from, to] to the days it spans, split at local midnight.
    private mutating func addInterval(
        from: Millis, to: Millis, viewers: Int64, facts: Int64, _ r: ResolvedObservation, _ state: inout StreamFold
    ) {
        var day = calendar.day(containing: from)
        var start = from
        while start < to {
            let end = min(to, dayEnd(day))
            let length = end - start
            if length > 0 {
                let current = state.part
                if !current.active || current.day != day || current.game != r.game || current.language != r.language {
                    addUp(&state.part, slot: r.slot)
                    state.part = PartRun(active: true, day: day, game: r.game, language: r.language)
                }
                // A part lies inside one day (≤ 25 h = 9·10^7 ms) and viewers are at most 5·10^7,
                // so one product is below 4.5·10^15; the run adds up with saturation because
                // nothing but the data bounds how often one stream is counted in a day.
                state.part.secondsMs = state.part.secondsMs.addingSaturated(length)
                state.part.watchMs = state.part.watchMs.addingSaturated(length * viewers)
                if to >= state.part.latestAt {
                    state.part.latestAt = to
                    state.part.latestFacts = facts
                }
            }
            start = end
            day += 1
        }
    }

    /// Moves a stream's run of intervals into the part table.
    mutating func addUp(_ run: inout PartRun, slot: Int32) {
        guard run.active else { return }
        if parts.add(run, slot: slot) { dirtyDays.insert(run.day) }
        run = PartRun()
    }

    private mutating func dayEnd(_ day: Int) -> Millis {
        if day != cachedDay {
            cachedDay = day
            cachedDayEnd = calendar.end(ofDay: day)
        }
        return cachedDayEnd
    }

    /// Moves a stream's running peak for one crawl day into the pass's table.
    mutating func flushPeak(_ slot: Int32, _ state: inout StreamFold) {
        guard state.peakDay != Int.min else { return }
        let key = DayStreamKey(day: state.peakDay, slot: slot)
        peaks[key] = max(peaks[key] ?? Int.min, state.peak)
        state.peakDay = Int.min
    }

    /// Viewer-milliseconds of a whole interval. Unlike a day part, an interval has no length
    /// limit (a stream id seen again years later spans the years between), so 5·10^7 viewers over
    /// more than about six years would exceed Int64: the product saturates instead.
    @inline(__always)
    static func watch(_ duration: Int64, _ viewers: Int) -> Int64 {
        duration.multipliedSaturated(by: Int64(viewers))
    }

    private mutating func extendSegment(
        _ r: ResolvedObservation, _ state: inout StreamFold, at t: Millis, duration: Int64, viewers: Int, facts: Int64
    ) {
        if state.open != nil, state.lastGame == r.game {
            state.open!.lastSeen = t
            state.open!.durationMs = state.open!.durationMs.addingSaturated(duration)
            state.open!.watchMs = state.open!.watchMs.addingSaturated(Self.watch(duration, viewers))
            if viewers > state.open!.peak { state.open!.peak = viewers }
            state.open!.facts = facts
        } else {
            if let closed = state.open { closedSegments.append(ClosedSegment(slot: r.slot, segment: closed)) }
            state.segments += 1
            let day = calendar.day(containing: t)
            state.open = OpenSegment(
                number: state.segments, day: day, game: r.game, facts: facts, firstSeen: t,
                lastSeen: t, durationMs: duration, watchMs: Self.watch(duration, viewers), peak: viewers)
            newSegments[day, default: NewSegments()].streams.append(state.ref)
            state.lastGame = r.game
        }
        state.segmentChanged = true
    }
}

/// The streams of the segments a pass started in one day, one entry per segment.
struct NewSegments {
    var streams: [Int64] = []
}

struct DayStreamKey: Hashable {
    var day: Int
    var slot: Int32
}
