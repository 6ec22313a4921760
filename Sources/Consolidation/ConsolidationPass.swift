import Model
import Store

/// One pass over pending crawls. Every touched stream's state and every touched day part stays in
/// memory, in arrays indexed by dense slots, and is written back once in `flush()`.
///
/// Each crawl is handled in two steps: `resolve` reads the crawl and maps row ids to slots and
/// interned games and languages (the only step that reads the database), then `fold` runs the
/// interval, segment and peak rules over plain values. A struct, so that the hot loops' accesses to
/// its arrays are checked for exclusivity at compile time rather than on every access.
struct ConsolidationPass {
    let session: ConsolidationSession
    let calendar: ReportCalendar

    var slotOfStream = DenseIndex()
    var streams: [StreamFold] = []
    /// User ids by slot, kept apart from `streams` so the fold's state holds no references.
    var userIDs: [String] = []
    var touchedSlots: [Int32] = []
    var factsGame = DenseIndex()
    var factsLanguage = DenseIndex()
    var games = Interner()
    var languages = Interner()
    var parts = DayPartTable()
    var peaks: [DayStreamKey: Int] = [:]
    var closedSegments: [ClosedSegment] = []
    var dirtyDays: Set<Int> = []

    // Per-crawl buffers, reused.
    var rows: [CrawlObservation] = []
    var resolved: [ResolvedObservation] = []
    // The last day whose end was asked for: intervals rarely cross midnight.
    var cachedDay = Int.min
    var cachedDayEnd: Millis = 0

    /// Row ids are loaded in aligned blocks of this many: one range scan per block.
    static let block: Int64 = 1024

    init(session: ConsolidationSession, calendar: ReportCalendar) {
        self.session = session
        self.calendar = calendar
    }

    /// Consolidates one crawl; returns its number of kept observations.
    mutating func consolidate(_ crawl: PendingCrawl) throws -> Int {
        let crawlDay = calendar.day(containing: crawl.time)
        dirtyDays.insert(crawlDay)
        try session.observations(crawl: crawl.id, into: &rows)
        try resolve()
        let shares = crawlShares()
        fold(crawlTime: crawl.time, crawlDay: crawlDay)
        try session.saveCrawl(
            crawl, streams: rows.count, viewers: shares.viewers, games: shares.games, languages: shares.languages)
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
                if current.index < 0 || current.day != day || current.game != r.game || current.language != r.language {
                    addUp(&state.part)
                    let found = parts.find(DayPartTable.Key(day: day, slot: r.slot, game: r.game, language: r.language))
                    if found.created { dirtyDays.insert(day) }
                    state.part = PartRun(index: found.index, day: day, game: r.game, language: r.language)
                }
                state.part.secondsMs += length
                state.part.watchMs += length * viewers
                if to >= state.part.latestAt {
                    state.part.latestAt = to
                    state.part.latestFacts = facts
                }
            }
            start = end
            day += 1
        }
    }

    /// Adds a stream's run of intervals into its day part. Applying the run at once equals
    /// applying its intervals one by one: the sums add up, and the latest time with its facts is
    /// a maximum taken in order, ties going to the later observation, either way.
    mutating func addUp(_ run: inout PartRun) {
        guard run.index >= 0 else { return }
        parts[run.index].secondsMs += run.secondsMs
        parts[run.index].watchMs += run.watchMs
        if run.latestAt >= parts[run.index].latestAt {
            parts[run.index].latestAt = run.latestAt
            parts[run.index].latestFacts = run.latestFacts
        }
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

    private mutating func extendSegment(
        _ r: ResolvedObservation, _ state: inout StreamFold, at t: Millis, duration: Int64, viewers: Int, facts: Int64
    ) {
        if state.open != nil, state.lastGame == r.game {
            state.open!.lastSeen = t
            state.open!.durationMs += duration
            state.open!.watchMs += duration * Int64(viewers)
            if viewers > state.open!.peak { state.open!.peak = viewers }
            state.open!.facts = facts
        } else {
            if let closed = state.open { closedSegments.append(ClosedSegment(slot: r.slot, segment: closed)) }
            state.segments += 1
            state.open = OpenSegment(
                number: state.segments, day: calendar.day(containing: t), game: r.game, facts: facts, firstSeen: t,
                lastSeen: t, durationMs: duration, watchMs: duration * Int64(viewers), peak: viewers)
            state.lastGame = r.game
        }
        state.segmentChanged = true
    }
}

struct DayStreamKey: Hashable {
    var day: Int
    var slot: Int32
}
