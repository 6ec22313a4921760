import Model
import Store

/// One pass over pending crawls. Keeps every touched stream's state and every touched day part
/// in memory, and writes them back once in `flush()`.
final class ConsolidationPass {
    private let session: ConsolidationSession
    private let calendar: ReportCalendar
    private var streams: [Int64: StreamState] = [:]
    private var facts: [Int64: FactsEntry] = [:]
    private var parts: [DayPartKey: DayPart] = [:]
    private var peaks: [DayStreamKey: PeakEntry] = [:]
    private var games = Interner()
    private var languages = Interner()
    private(set) var dirtyDays: Set<Int> = []

    init(session: ConsolidationSession, calendar: ReportCalendar) {
        self.session = session
        self.calendar = calendar
    }

    /// Consolidates one crawl; returns its number of kept observations.
    func consolidate(_ crawl: PendingCrawl) throws -> Int {
        let crawlDay = calendar.day(containing: crawl.time)
        dirtyDays.insert(crawlDay)
        var gameViewers = [Int64](repeating: 0, count: games.count)
        var gameChannels = [Int](repeating: 0, count: games.count)
        var languageViewers = [Int64](repeating: 0, count: languages.count)
        var languageChannels = [Int](repeating: 0, count: languages.count)
        var viewers: Int64 = 0
        var count = 0

        try session.forEachObservation(crawl: crawl.id) { ref, offset, viewerCount, factsID in
            let observedAt = crawl.time + offset
            let f = try factsEntry(factsID)
            let state = try streamState(ref)
            let v = Int64(viewerCount)
            count += 1
            viewers += v
            if f.game >= gameViewers.count {
                gameViewers.append(contentsOf: repeatElement(0, count: f.game - gameViewers.count + 1))
                gameChannels.append(contentsOf: repeatElement(0, count: f.game - gameChannels.count + 1))
            }
            gameViewers[f.game] += v
            gameChannels[f.game] += 1
            if f.language >= languageViewers.count {
                languageViewers.append(contentsOf: repeatElement(0, count: f.language - languageViewers.count + 1))
                languageChannels.append(contentsOf: repeatElement(0, count: f.language - languageChannels.count + 1))
            }
            languageViewers[f.language] += v
            languageChannels[f.language] += 1

            if state.peakDay == crawlDay {
                state.peak = max(state.peak, viewerCount)
            } else {
                flushPeak(state)
                state.peakDay = crawlDay
                state.peak = viewerCount
            }

            let previous = state.lastSeen ?? state.startedAt
            let duration = max(0, observedAt - previous)
            if duration > 0 { addInterval(from: previous, to: observedAt, viewers: v, facts: factsID, f, state) }
            extendSegment(state, at: observedAt, duration: duration, viewers: viewerCount, facts: factsID, f)
            state.lastSeen = observedAt
        }

        var gameShares: [CrawlShare] = []
        for (i, c) in gameChannels.enumerated() where c > 0 {
            gameShares.append(CrawlShare(key: games.values[i], viewers: gameViewers[i], channels: c))
        }
        var languageShares: [CrawlShare] = []
        for (i, c) in languageChannels.enumerated() where c > 0 {
            languageShares.append(CrawlShare(key: languages.values[i], viewers: languageViewers[i], channels: c))
        }
        try session.saveCrawl(crawl, streams: count, viewers: viewers, games: gameShares, languages: languageShares)
        return count
    }

    /// Attributes the interval (from, to] to the days it spans, split at local midnight.
    private func addInterval(from: Millis, to: Millis, viewers: Int64, facts factsID: Int64, _ f: FactsEntry, _ state: StreamState) {
        var day = calendar.day(containing: from)
        var start = from
        while start < to {
            let end = min(to, calendar.end(ofDay: day))
            let length = end - start
            if length > 0 {
                let part: DayPart
                if let current = state.part, current.key.day == day, current.key.game == f.game, current.key.language == f.language {
                    part = current
                } else {
                    let key = DayPartKey(day: day, stream: state.ref, game: f.game, language: f.language)
                    if let existing = parts[key] { part = existing } else {
                        part = DayPart(key: key)
                        parts[key] = part
                        dirtyDays.insert(day)
                    }
                    state.part = part
                }
                part.secondsMs += length
                part.watchMs += length * viewers
                if to >= part.latestAt {
                    part.latestAt = to
                    part.latestFacts = factsID
                }
            }
            start = end
            day += 1
        }
    }

    /// Moves a stream's running peak for one crawl day into the pass's table.
    private func flushPeak(_ state: StreamState) {
        guard state.peakDay != Int.min else { return }
        let key = DayStreamKey(day: state.peakDay, stream: state.ref)
        if let p = peaks[key] { p.peak = max(p.peak, state.peak) } else {
            peaks[key] = PeakEntry(userID: state.userID, peak: state.peak)
        }
        state.peakDay = Int.min
    }

    private func extendSegment(_ state: StreamState, at t: Millis, duration: Int64, viewers: Int, facts factsID: Int64, _ f: FactsEntry) {
        if state.openSegment != nil, state.lastGame == f.game {
            state.openSegment!.lastSeen = t
            state.openSegment!.durationMs += duration
            state.openSegment!.watchMs += duration * Int64(viewers)
            if viewers > state.openSegment!.peak { state.openSegment!.peak = viewers }
            state.openSegment!.facts = factsID
        } else {
            let gameID = games.values[f.game]
            if let closed = state.openSegment { state.finished.append(closed) }
            state.segments += 1
            let day = calendar.day(containing: t)
            state.openSegment = StoredSegment(
                stream: state.ref, number: state.segments, day: day, gameID: gameID, facts: factsID,
                firstSeen: t, lastSeen: t, durationMs: duration, watchMs: duration * Int64(viewers), peak: viewers)
            state.lastGameID = gameID
            state.lastGame = f.game
        }
        state.segmentChanged = true
    }

    /// Writes everything this pass touched back to the store.
    func flush() throws {
        for state in streams.values { flushPeak(state) }
        for part in parts.values.sorted(by: { $0.key < $1.key }) {
            try session.add(DayPartDelta(
                day: part.key.day, stream: part.key.stream, gameID: games.values[part.key.game],
                language: languages.values[part.key.language], userID: streams[part.key.stream]!.userID,
                secondsMs: part.secondsMs, watchMs: part.watchMs, latestAt: part.latestAt, latestFacts: part.latestFacts))
        }
        for (key, p) in peaks.sorted(by: { ($0.key.day, $0.key.stream) < ($1.key.day, $1.key.stream) }) {
            try session.addPeak(day: key.day, stream: key.stream, userID: p.userID, peak: p.peak)
        }
        for state in streams.values.sorted(by: { $0.ref < $1.ref }) {
            for segment in state.finished {
                try session.save(segment)
                dirtyDays.insert(segment.day)
            }
            if state.segmentChanged, let segment = state.openSegment {
                try session.save(segment)
                dirtyDays.insert(segment.day)
            }
            try session.saveStreamState(ref: state.ref, lastSeen: state.lastSeen, segments: state.segments, lastGameID: state.lastGameID)
        }
        for day in dirtyDays.sorted() { try session.markDirty(day: day) }
    }

    private func streamState(_ ref: Int64) throws -> StreamState {
        if let s = streams[ref] { return s }
        let s = StreamState(try session.streamState(ref))
        if let game = s.lastGameID { s.lastGame = games.index(game) }
        streams[ref] = s
        return s
    }

    private func factsEntry(_ id: Int64) throws -> FactsEntry {
        if let f = facts[id] { return f }
        let info = try session.factsInfo(id)
        let f = FactsEntry(game: games.index(info.gameID), language: languages.index(info.language))
        facts[id] = f
        return f
    }
}

/// A stream's state during a pass. A segment closed by a game change must be saved too, so the
/// state keeps every segment it finished in this pass.
final class StreamState {
    let ref: Int64
    let userID: String
    let startedAt: Millis
    var lastSeen: Millis?
    var segments: Int
    var lastGameID: String?
    var openSegment: StoredSegment?
    var finished: [StoredSegment] = []
    var segmentChanged = false
    /// `lastGameID` interned, so the per-observation comparison is of integers.
    var lastGame = -1
    /// The highest viewer count in this pass's crawls of one day, not yet in the pass's table.
    var peakDay = Int.min
    var peak = 0
    /// The day part this stream added to last, to skip a dictionary lookup per observation.
    var part: DayPart?

    init(_ s: StoredStreamState) {
        ref = s.ref
        userID = s.userID
        startedAt = s.startedAt
        lastSeen = s.lastSeen
        segments = s.segments
        lastGameID = s.lastGameID
        openSegment = s.openSegment
    }
}

struct FactsEntry {
    var game: Int
    var language: Int
}

struct DayPartKey: Hashable, Comparable {
    var day: Int
    var stream: Int64
    var game: Int
    var language: Int

    static func < (a: DayPartKey, b: DayPartKey) -> Bool {
        (a.day, a.stream, a.game, a.language) < (b.day, b.stream, b.game, b.language)
    }
}

final class DayPart {
    let key: DayPartKey
    var secondsMs: Int64 = 0
    var watchMs: Int64 = 0
    var latestAt: Millis = .min
    var latestFacts: Int64 = 0

    init(key: DayPartKey) { self.key = key }
}

struct DayStreamKey: Hashable {
    var day: Int
    var stream: Int64
}

final class PeakEntry {
    let userID: String
    var peak: Int

    init(userID: String, peak: Int) {
        self.userID = userID
        self.peak = peak
    }
}

/// Strings to small integers, so per-crawl sums index arrays instead of hashing strings.
struct Interner {
    private var indices: [String: Int] = [:]
    private(set) var values: [String] = []
    var count: Int { values.count }

    mutating func index(_ s: String) -> Int {
        if let i = indices[s] { return i }
        indices[s] = values.count
        values.append(s)
        return values.count - 1
    }
}
