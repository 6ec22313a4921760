import Model
import Store

/// The stored form of `PeriodSums`: LEB128 varints and UTF-8 ids, games and languages first so
/// that a channel refers to them by their position in the blob. A full day of Twitch (about
/// 800,000 streams of 400,000 channels) packs into a few megabytes.
extension PeriodSums {
    /// Changes whenever the layout does; a blob of another format is rebuilt, never misread.
    static let format: UInt64 = 1

    /// Whether a blob is of the current format.
    public static func isCurrent(_ blob: [UInt8]) -> Bool {
        blob.withUnsafeBytes { bytes in
            var i = 0
            return LEB128.get(bytes, &i) == format
        }
    }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + channels.count * 24 + games.count * 32)
        func put(_ v: Int64) { LEB128.put(LEB128.zigzag(v), &out) }
        func put(_ t: Time) { put(t.secondsMs); put(t.watchMs) }
        func put(_ l: Latest) { put(l.at); put(l.stream); put(l.facts) }
        func put(_ p: PeakPair) { put(p.viewers); put(Int64(p.channels)) }

        LEB128.put(Self.format, &out)
        put(Int64(crawls))
        if let p = peakCrawl {
            put(1); put(p.time); put(p.viewers); put(Int64(p.channels))
        } else {
            put(0)
        }
        put(Int64(peakChannels))
        put(total)
        put(Int64(games.count))
        for g in 0..<games.count {
            LEB128.putText(games.values[g], &out)
            put(gameTime[g]); put(gameLatest[g]); put(gamePeak[g])
        }
        put(Int64(languages.count))
        for l in 0..<languages.count {
            LEB128.putText(languages.values[l], &out)
            put(languageTime[l]); put(languagePeak[l])
        }
        put(Int64(channels.count))
        for (u, c) in channels.enumerated() {
            LEB128.putText(users.values[u], &out)
            put(c.time)
            if let l = c.latest { put(1); put(l) } else { put(0) }
            put(Int64(c.peak))
            put(Int64(c.streams.count))
            var before: Int64 = 0
            for s in c.streams {
                put(s &- before)
                before = s
            }
            put(Int64(c.games.count))
            for g in c.games { put(Int64(g.game)); put(g.time) }
            put(Int64(c.languages.count))
            for l in c.languages { put(Int64(l)) }
        }
        return out
    }

    /// Adds the days of an `encoded()` blob to these sums; false for a blob of another format
    /// (nothing added) or a damaged one (a count longer than the bytes left, an id out of range;
    /// part of it may have been added, so these sums are then to be thrown away). `timesOnly`
    /// keeps what ranks need, each id's time: the period before's ranks want nothing else, and
    /// skipping the channels' streams halves the work.
    public mutating func merge(encoded blob: [UInt8], timesOnly: Bool = false) -> Bool {
        blob.withUnsafeBytes { bytes in
            var i = 0
            guard LEB128.get(bytes, &i) == Self.format else { return false }
            func int() -> Int64 { LEB128.unzigzag(LEB128.get(bytes, &i)) }
            // Every counted item takes at least a byte: a larger count is damage, not a long loop.
            func count() -> Int? {
                let n = int()
                return n >= 0 && n <= Int64(bytes.count - i) ? Int(n) : nil
            }
            func time() -> Time { Time(secondsMs: int(), watchMs: int()) }
            func latest() -> Latest { Latest(at: int(), stream: int(), facts: int()) }
            func peak() -> PeakPair { PeakPair(viewers: int(), channels: Int(int())) }

            let crawlCount = Int(int())
            var crawl: CrawlPoint?
            if int() == 1 { crawl = CrawlPoint(time: int(), viewers: int(), channels: Int(int())) }
            let mostChannels = Int(int())
            mergeTotals(time(), crawls: crawlCount, peakCrawl: crawl, peakChannels: mostChannels)

            guard let gameCount = count() else { return false }
            var gameMap: [Int32] = []
            gameMap.reserveCapacity(gameCount)
            for _ in 0..<gameCount {
                let id = LEB128.getText(bytes, &i)
                let g = gameIndex(id, time: time(), latest: latest())
                raiseGamePeak(index: g, to: peak())
                gameMap.append(g)
            }
            guard let languageCount = count() else { return false }
            var languageMap: [Int32] = []
            languageMap.reserveCapacity(languageCount)
            for _ in 0..<languageCount {
                let id = LEB128.getText(bytes, &i)
                let l = languageIndex(id, time: time())
                raiseLanguagePeak(index: l, to: peak())
                languageMap.append(l)
            }
            guard let channelCount = count() else { return false }
            var decoded: [Int64] = []
            var decodedGames: [(game: Int32, time: Time)] = []
            var gamePositions: [Int32] = []
            for _ in 0..<channelCount {
                // Straight into this sums' channel: a temporary channel's arrays cost more than the merge.
                let u = channelIndex(utf8: LEB128.getTextBytes(bytes, &i))
                let time = time()
                let seen: Latest? = int() == 1 ? latest() : nil
                mergeChannel(u, time: time, latest: seen, peak: Int(int()))
                var stream: Int64 = 0
                guard let streamCount = count() else { return false }
                if timesOnly {
                    for _ in 0..<streamCount { _ = LEB128.get(bytes, &i) }
                } else {
                    decoded.removeAll(keepingCapacity: true)
                    for _ in 0..<streamCount {
                        stream &+= int()
                        decoded.append(stream)
                    }
                    addStreams(decoded, toChannel: u)
                }
                guard let channelGames = count() else { return false }
                decodedGames.removeAll(keepingCapacity: true)
                for _ in 0..<channelGames {
                    let g = int()
                    let t = Time(secondsMs: int(), watchMs: int())
                    guard g >= 0 && g < gameMap.count else { return false }
                    decodedGames.append((gameMap[Int(g)], t))
                }
                if !timesOnly { addGames(decodedGames, toChannel: u, positions: &gamePositions) }
                guard let channelLanguages = count() else { return false }
                for _ in 0..<channelLanguages {
                    let l = int()
                    guard l >= 0 && l < languageMap.count else { return false }
                    if !timesOnly { addLanguage(languageMap[Int(l)], toChannel: u) }
                }
            }
            return true
        }
    }
}
