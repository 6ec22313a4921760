import Model
import Store

/// Writing a pass back: day parts, peaks, segments and stream states, in key order.
extension ConsolidationPass {
    /// Writes everything this pass touched back to the store.
    mutating func flush() throws {
        for slot in touchedSlots {
            var state = streams[Int(slot)]
            flushPeak(slot, &state)
            addUp(&state.part)
            streams[Int(slot)] = state
        }
        // The rows of each table are gathered on a second thread while the one before is written.
        let pass = UncheckedSendable(self)
        let peaks = BackgroundWork("consolidate: peaks") { pass.value.streamPeaks() }
        let segmentsAndStates = BackgroundWork("consolidate: segments") { pass.value.segmentsAndStreamStates() }
        try session.add(dayPartDeltas())
        try session.addPeaks(peaks.value())
        let (segments, updates, segmentDays) = try segmentsAndStates.value()
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
