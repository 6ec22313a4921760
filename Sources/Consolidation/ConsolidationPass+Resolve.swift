import Model
import Store

/// Reading a crawl: row ids to slots, facts to interned games and languages, and the crawl's
/// concurrent viewers and channels. The only part of a pass that reads the database.
extension ConsolidationPass {
    struct ResolvedObservation {
        var slot: Int32
        var game: Int32
        var language: Int32
    }

    mutating func resolve() throws {
        try loadMissingFacts()
        resolved.removeAll(keepingCapacity: true)
        resolved.reserveCapacity(rows.count)
        for o in rows {
            let slot = try streamSlot(o.stream)
            resolved.append(ResolvedObservation(slot: slot, game: factsGame[id: o.facts], language: factsLanguage[id: o.facts]))
        }
    }

    private mutating func streamSlot(_ ref: Int64) throws -> Int32 {
        var slot = slotOfStream[id: ref]
        if slot == DenseIndex.absent {
            try loadStreams(around: ref)
            slot = slotOfStream[id: ref]
            if slot == DenseIndex.absent { slot = addStream(try reader.streamState(ref)) }
        }
        if !streams[Int(slot)].dirty { markDirty(slot) }
        return slot
    }

    private mutating func loadStreams(around ref: Int64) throws {
        let first = ref - ref % Self.block
        try reader.forEachStreamState(in: first...(first + Self.block - 1)) { s in
            if slotOfStream[id: s.ref] == DenseIndex.absent { _ = addStream(s) }
        }
    }

    /// A stream as earlier builds left it: its newest segment says when it was last seen, how
    /// many segments it has and which game it played last, and is the segment still open.
    private mutating func addStream(_ s: StoredStreamState) -> Int32 {
        let slot = Int32(streams.count)
        var state = StreamFold(ref: s.ref, startedAt: s.startedAt, lastSeen: StreamFold.noTime, segments: 0, lastGame: -1, open: nil)
        if let last = s.lastSegment {
            let game = games.index(last.gameID)
            state.lastSeen = last.lastSeen
            state.segments = last.number
            state.lastGame = game
            state.open = OpenSegment(
                number: last.number, day: last.day, game: game, facts: last.facts, firstSeen: last.firstSeen,
                lastSeen: last.lastSeen, durationMs: last.durationMs, watchMs: last.watchMs, peak: last.peak)
        }
        streams.append(state)
        userIDs.append(s.userID)
        slotOfStream[id: s.ref] = slot
        return slot
    }

    /// A stream's first observation since its rows were last handed over: they will be written again.
    private mutating func markDirty(_ slot: Int32) {
        streams[Int(slot)].dirty = true
        dirtySlots.append(slot)
    }

    /// Loads the facts of this crawl's observations that no earlier crawl of the pass loaded. A
    /// crawl's new facts rows are dense (stored together), so those are read by one range scan;
    /// facts reused from older days (a channel streaming under the same title again) are spread
    /// over the whole history, so those are looked up one by one. Scanning blocks around them
    /// read most of a year's facts table for one full day.
    private mutating func loadMissingFacts() throws {
        missingFacts.removeAll(keepingCapacity: true)
        for o in rows where factsGame[id: o.facts] == DenseIndex.absent { missingFacts.append(o.facts) }
        guard !missingFacts.isEmpty else { return }
        missingFacts.sort()
        var start = 0
        while start < missingFacts.count {
            let first = missingFacts[start]
            var end = start + 1
            var distinct: Int64 = 1
            while end < missingFacts.count && missingFacts[end] - first < Self.block {
                if missingFacts[end] != missingFacts[end - 1] { distinct += 1 }
                end += 1
            }
            let last = missingFacts[end - 1]
            if distinct * Self.denseFactsRatio >= last - first + 1 {
                try reader.forEachFacts(in: first...last) { id, info in
                    factsGame[id: id] = games.index(info.gameID)
                    factsLanguage[id: id] = languages.index(info.language)
                }
            }
            for id in missingFacts[start..<end] where factsGame[id: id] == DenseIndex.absent {
                let info = try reader.factsInfo(id)  // throws for facts that do not exist
                factsGame.insertSparse(id: id, games.index(info.gameID))
                factsLanguage.insertSparse(id: id, languages.index(info.language))
            }
            start = end
        }
    }

    func crawlShares() -> (viewers: Int64, games: [CrawlShare], languages: [CrawlShare]) {
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
}
