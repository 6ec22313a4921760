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
    private let session: ConsolidationSession
    private let calendar: ReportCalendar

    private var slotOfStream = DenseIndex()
    private var streams: [StreamFold] = []
    /// User ids by slot, kept apart from `streams` so the fold's state holds no references.
    private var userIDs: [String] = []
    private var touchedSlots: [Int32] = []
    private var factsGame = DenseIndex()
    private var factsLanguage = DenseIndex()
    private var games = Interner()
    private var languages = Interner()
    private var parts = DayPartTable()
    private var peaks: [DayStreamKey: Int] = [:]
    private var closedSegments: [ClosedSegment] = []
    private(set) var dirtyDays: Set<Int> = []

    // Per-crawl buffers, reused.
    private var rows: [CrawlObservation] = []
    private var resolved: [ResolvedObservation] = []
    // The last day whose end was asked for: intervals rarely cross midnight.
    private var cachedDay = Int.min
    private var cachedDayEnd: Millis = 0

    /// Row ids are loaded in aligned blocks of this many: one range scan per block.
    private static let block: Int64 = 1024

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

    // MARK: Resolving row ids

    private struct ResolvedObservation {
        var slot: Int32
        var game: Int32
        var language: Int32
    }

    private mutating func resolve() throws {
        resolved.removeAll(keepingCapacity: true)
        resolved.reserveCapacity(rows.count)
        for o in rows {
            let slot = try streamSlot(o.stream)
            var game = factsGame[id: o.facts]
            if game == DenseIndex.absent {
                try loadFacts(around: o.facts)
                game = factsGame[id: o.facts]
            }
            resolved.append(ResolvedObservation(slot: slot, game: game, language: factsLanguage[id: o.facts]))
        }
    }

    private mutating func streamSlot(_ ref: Int64) throws -> Int32 {
        var slot = slotOfStream[id: ref]
        if slot == DenseIndex.absent {
            try loadStreams(around: ref)
            slot = slotOfStream[id: ref]
            if slot == DenseIndex.absent { slot = addStream(try session.streamState(ref)) }
        }
        if !streams[Int(slot)].touched { try touch(slot) }
        return slot
    }

    private mutating func loadStreams(around ref: Int64) throws {
        let first = ref - ref % Self.block
        try session.forEachStreamState(in: first...(first + Self.block - 1)) { s in
            if slotOfStream[id: s.ref] == DenseIndex.absent { _ = addStream(s) }
        }
    }

    private mutating func addStream(_ s: StoredStreamState) -> Int32 {
        let slot = Int32(streams.count)
        streams.append(StreamFold(
            ref: s.ref, startedAt: s.startedAt, lastSeen: s.lastSeen ?? StreamFold.noTime, segments: s.segments,
            lastGame: s.lastGameID.map { games.index($0) } ?? -1, open: nil))
        userIDs.append(s.userID)
        slotOfStream[id: s.ref] = slot
        return slot
    }

    /// A stream's first observation in this pass: its open segment is read now, and it will be
    /// written back.
    private mutating func touch(_ slot: Int32) throws {
        let i = Int(slot)
        streams[i].touched = true
        touchedSlots.append(slot)
        let segments = streams[i].segments
        guard segments > 0, let s = try session.segment(stream: streams[i].ref, number: segments) else { return }
        streams[i].open = OpenSegment(
            number: s.number, day: s.day, game: games.index(s.gameID), facts: s.facts, firstSeen: s.firstSeen,
            lastSeen: s.lastSeen, durationMs: s.durationMs, watchMs: s.watchMs, peak: s.peak)
    }

    private mutating func loadFacts(around id: Int64) throws {
        let first = id - id % Self.block
        try session.forEachFacts(in: first...(first + Self.block - 1)) { factsID, info in
            factsGame[id: factsID] = games.index(info.gameID)
            factsLanguage[id: factsID] = languages.index(info.language)
        }
        if factsGame[id: id] == DenseIndex.absent {
            let info = try session.factsInfo(id)  // throws for facts that do not exist
            factsGame[id: id] = games.index(info.gameID)
            factsLanguage[id: id] = languages.index(info.language)
        }
    }

    // MARK: Concurrent viewers and channels

    private func crawlShares() -> (viewers: Int64, games: [CrawlShare], languages: [CrawlShare]) {
        var gameViewers = [Int64](repeating: 0, count: games.count)
        var gameChannels = [Int](repeating: 0, count: games.count)
        var languageViewers = [Int64](repeating: 0, count: languages.count)
        var languageChannels = [Int](repeating: 0, count: languages.count)
        var viewers: Int64 = 0
        for (o, r) in zip(rows, resolved) {
            let v = Int64(o.viewers)
            viewers += v
            gameViewers[Int(r.game)] += v
            gameChannels[Int(r.game)] += 1
            languageViewers[Int(r.language)] += v
            languageChannels[Int(r.language)] += 1
        }
        var gameShares: [CrawlShare] = []
        for (i, c) in gameChannels.enumerated() where c > 0 {
            gameShares.append(CrawlShare(key: games.values[i], viewers: gameViewers[i], channels: c))
        }
        var languageShares: [CrawlShare] = []
        for (i, c) in languageChannels.enumerated() where c > 0 {
            languageShares.append(CrawlShare(key: languages.values[i], viewers: languageViewers[i], channels: c))
        }
        return (viewers, gameShares, languageShares)
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
    private mutating func addUp(_ run: inout PartRun) {
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
    private mutating func flushPeak(_ slot: Int32, _ state: inout StreamFold) {
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

    // MARK: Writing back

    /// Writes everything this pass touched back to the store.
    mutating func flush() throws {
        for slot in touchedSlots {
            var state = streams[Int(slot)]
            flushPeak(slot, &state)
            addUp(&state.part)
            streams[Int(slot)] = state
        }
        // The rows of each table are gathered on a second thread while the one before is written.
        let pass = UncheckedBox(self)
        let peaks = Background { pass.value.streamPeaks() }
        let segmentsAndStates = Background { pass.value.segmentsAndStreamStates() }
        try session.add(dayPartDeltas())
        try session.addPeaks(peaks.result())
        let (segments, updates, segmentDays) = segmentsAndStates.result()
        dirtyDays.formUnion(segmentDays)
        try session.save(segments)
        try session.saveStreamStates(updates)
        for day in dirtyDays.sorted() { try session.markDirty(day: day) }
    }

    private func dayPartDeltas() -> [DayPartDelta] {
        let all = parts.parts
        let ordered = all.indices.sorted { a, b in
            let x = all[a].key, y = all[b].key
            return (x.day, streams[Int(x.slot)].ref, x.game, x.language) < (y.day, streams[Int(y.slot)].ref, y.game, y.language)
        }
        return ordered.map { i in
            let part = all[i]
            return DayPartDelta(
                day: part.key.day, stream: streams[Int(part.key.slot)].ref, gameID: games[part.key.game],
                language: languages[part.key.language], userID: userIDs[Int(part.key.slot)], secondsMs: part.secondsMs,
                watchMs: part.watchMs, latestAt: part.latestAt, latestFacts: part.latestFacts)
        }
    }

    private func streamPeaks() -> [StreamPeak] {
        peaks.map { key, peak in
            StreamPeak(day: key.day, stream: streams[Int(key.slot)].ref, userID: userIDs[Int(key.slot)], peak: peak)
        }.sorted { ($0.day, $0.stream) < ($1.day, $1.stream) }
    }

    /// Segments to save (the ones closed in this pass and the changed open ones), the carried
    /// state of every touched stream, by stream, and the days of the saved segments.
    private func segmentsAndStreamStates() -> ([StoredSegment], [StreamStateUpdate], Set<Int>) {
        var closedBySlot: [Int32: [OpenSegment]] = [:]
        for c in closedSegments { closedBySlot[c.slot, default: []].append(c.segment) }
        var segments: [StoredSegment] = []
        var updates: [StreamStateUpdate] = []
        var days: Set<Int> = []
        segments.reserveCapacity(touchedSlots.count + closedSegments.count)
        updates.reserveCapacity(touchedSlots.count)
        for slot in touchedSlots.sorted(by: { streams[Int($0)].ref < streams[Int($1)].ref }) {
            let state = streams[Int(slot)]
            for segment in closedBySlot[slot] ?? [] {
                segments.append(segment.stored(stream: state.ref, games: games))
                days.insert(segment.day)
            }
            if state.segmentChanged, let segment = state.open {
                segments.append(segment.stored(stream: state.ref, games: games))
                days.insert(segment.day)
            }
            updates.append(StreamStateUpdate(
                ref: state.ref, lastSeen: state.lastSeen == StreamFold.noTime ? nil : state.lastSeen,
                segments: state.segments, lastGameID: state.lastGame < 0 ? nil : games[state.lastGame]))
        }
        return (segments, updates, days)
    }
}

struct DayStreamKey: Hashable {
    var day: Int
    var slot: Int32
}
