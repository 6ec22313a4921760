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

    private mutating func loadFacts(around id: Int64) throws {
        let first = id - id % Self.block
        try reader.forEachFacts(in: first...(first + Self.block - 1)) { factsID, info in
            factsGame[id: factsID] = games.index(info.gameID)
            factsLanguage[id: factsID] = languages.index(info.language)
        }
        if factsGame[id: id] == DenseIndex.absent {
            let info = try reader.factsInfo(id)  // throws for facts that do not exist
            factsGame[id: id] = games.index(info.gameID)
            factsLanguage[id: id] = languages.index(info.language)
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
