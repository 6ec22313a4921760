import Model
import Store

/// Handing rows over for writing: day parts, peaks, segments and crawl totals, in key order. The
/// store adds parts and peaks up as increments and replaces segments (a stream's newest segment
/// is its carried state), so a stream may be handed over any number of times and the result is
/// what one write at the end of the pass would give.
extension ConsolidationPass {
    /// Everything ready to be written: every part, peak and closed segment folded so far, and
    /// the open segment of each changed stream that has been quiet for a while (of every changed
    /// stream when `final`).
    mutating func takeRows(final: Bool) -> PassRows {
        var quiet: [Int32] = []
        var active: [Int32] = []
        for slot in dirtySlots {
            if final || streams[Int(slot)].lastCrawl <= crawlNumber - handOver.quietCrawls {
                quiet.append(slot)
            } else {
                active.append(slot)
            }
        }
        dirtySlots = active
        for slot in quiet {
            var state = streams[Int(slot)]
            flushPeak(slot, &state)
            addUp(&state.part, slot: slot)
            streams[Int(slot)] = state
        }
        let rows = PassRows(
            crawls: savedCrawls, parts: dayPartDeltas(parts.takeAll()), peaks: streamPeaks(),
            segments: segments(closedSegments, quiet: quiet))
        savedCrawls.removeAll()
        peaks.removeAll(keepingCapacity: true)
        closedSegments.removeAll(keepingCapacity: true)
        for slot in quiet {
            streams[Int(slot)].dirty = false
            streams[Int(slot)].segmentChanged = false
        }
        for segment in rows.segments { dirtyDays.insert(segment.day) }
        return rows
    }

    /// What ends a chunk, after its final rows (`takeRows(final: true)`): the segments started in
    /// each day since the last chunk, for the days' lists of streams with segments, the days whose
    /// numbers changed, and the newest crawl folded. Gathered here while the writing thread writes
    /// the rows before.
    mutating func takeChunkEnd(through time: Millis) -> PassRows {
        let days = newSegments.keys.sorted().map { day in
            let streams = newSegments[day]!.streams
            return NewDaySegments(day: day, count: streams.count, streams: streams.sorted())
        }
        newSegments.removeAll()
        return PassRows(chunkEnd: ChunkEnd(through: time, dirtyDays: dirtyDays.sorted(), newSegments: days))
    }

    private func dayPartDeltas(_ all: [DayPartTable.Part]) -> [DayPartDelta] {
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

    /// The segments closed since the last hand-over, and the changed open segments of `quiet`.
    private func segments(_ closed: [ClosedSegment], quiet: [Int32]) -> [StoredSegment] {
        var segments: [StoredSegment] = []
        segments.reserveCapacity(closed.count + quiet.count)
        for c in closed { segments.append(c.segment.stored(stream: streams[Int(c.slot)].ref, games: games)) }
        for slot in quiet {
            let state = streams[Int(slot)]
            if state.segmentChanged, let open = state.open { segments.append(open.stored(stream: state.ref, games: games)) }
        }
        segments.sort { ($0.stream, $0.number) < ($1.stream, $1.number) }
        return segments
    }
}

/// When a pass hands rows over for writing. Any cadence gives the same database; this one keeps
/// both threads busy and writes few rows twice.
struct HandOver: Sendable {
    /// Crawls before the first hand-over: few, so that the writing thread starts early.
    var firstBatch = 6
    /// Crawls between two hand-overs.
    var crawlsPerBatch = 36
    /// Crawls a stream must have been missing from before its open segment is handed
    /// over mid-pass. Most such streams have ended; one that comes back is written again.
    var quietCrawls: Int32 = 3

    /// Whether rows are handed over once `crawls` crawls of the pass are folded.
    func handsOver(after crawls: Int) -> Bool {
        crawls == firstBatch || crawls % crawlsPerBatch == 0
    }
}

/// One crawl's concurrent totals, saved with the batch of rows it was folded into.
struct SavedCrawl: Sendable {
    var crawl: PendingCrawl
    var streams: Int
    var viewers: Int64
    var games: PackedShares
    var languages: PackedShares
}

/// The segments a pass started in one day since its last chunk: `count` segments, of `streams`
/// (ascending, a stream once per segment).
struct NewDaySegments: Sendable {
    var day: Int
    var count: Int
    var streams: [Int64]
}

/// The last rows of a chunk: with them, the database holds everything the chunk's crawls
/// carry to the next one, as a pass ending there would leave it.
struct ChunkEnd: Sendable {
    /// Crawl time of the chunk's newest crawl.
    var through: Millis
    var dirtyDays: [Int]
    var newSegments: [NewDaySegments]
}

/// A batch of rows handed from the folding thread to the writing one. Batches are written in
/// the order they were taken; a chunk's transaction commits after the batch that ends it.
struct PassRows: Sendable {
    var crawls: [SavedCrawl] = []
    var parts: [DayPartDelta] = []
    var peaks: [StreamPeak] = []
    var segments: [StoredSegment] = []
    var chunkEnd: ChunkEnd?

    func write(to session: ConsolidationSession) throws {
        for c in crawls {
            try session.saveCrawl(c.crawl, streams: c.streams, viewers: c.viewers, games: c.games, languages: c.languages)
        }
        try session.add(parts)
        session.addPeaks(peaks)
        try session.save(segments)
        if let end = chunkEnd {
            for day in end.newSegments { try session.addSegments(day: day.day, count: day.count, streams: day.streams) }
            for day in end.dirtyDays { try session.markDirty(day: day) }
            try session.setConsolidatedThrough(end.through)
        }
    }
}
