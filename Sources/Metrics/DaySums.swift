import Store

/// The sums behind a day's tables: per game, language and user, and per game and user (for
/// each game's top channels). One pass over the parts, then one over each user's parts.
struct DaySums {
    struct Channel {
        var time = Time()
        /// The user's latest part (names, language), by `DayTableBuilder.isLater`.
        var latest: Int32
        /// The user's first part with the latest `latestAt`: the names of the user in a game's top channels.
        var named: Int32
        var streams = 0
        var games = 0
        var mainGame: Int32 = 0
    }

    var total = Time()
    var gameTime: [Time]
    /// The latest part of each game (its name).
    var gameLatest: [Int32]
    var gameStreamers: [Int]
    var languageTime: [Time]
    var languageChannels: [Int]
    var channels: [Channel] = []
    /// Each game's users with their time in it.
    var gameUsers: [[(user: Int32, time: Time)]]
    var streams = 0
    /// Time and channels of each game within each language, by `languageGameKey`.
    var languageGames: [Int64: (time: Time, channels: Int)] = [:]
    /// Each stream's watch time on the day, in the order the parts come.
    var streamWatch: [(stream: Int64, watchMs: Int64)] = []

    static func languageGameKey(language: Int32, game: Int32) -> Int64 { Int64(language) << 32 | Int64(game) }

    init(_ index: DayPartIndex) {
        let parts = index.parts
        let gameCount = index.gameIDs.count
        gameTime = Array(repeating: Time(), count: gameCount)
        gameLatest = Array(repeating: -1, count: gameCount)
        gameStreamers = Array(repeating: 0, count: gameCount)
        gameUsers = Array(repeating: [], count: gameCount)
        languageTime = Array(repeating: Time(), count: index.languages.count)
        languageChannels = Array(repeating: 0, count: index.languages.count)

        // Parts come by stream: each stream's parts are next to each other.
        var lastStream: Int64?
        for (i, p) in parts.enumerated() {
            let t = Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
            let g = Int(index.gameOf[i])
            total += t
            gameTime[g] += t
            if gameLatest[g] < 0 || DayTableBuilder.isLater(p, than: parts[Int(gameLatest[g])]) { gameLatest[g] = Int32(i) }
            languageTime[Int(index.languageOf[i])] += t
            languageGames[Self.languageGameKey(language: index.languageOf[i], game: index.gameOf[i]),
                          default: (Time(), 0)].time += t
            if p.stream != lastStream {
                streams += 1
                streamWatch.append((p.stream, 0))
            }
            streamWatch[streamWatch.count - 1].watchMs += p.watchMs
            lastStream = p.stream
        }

        // Most users have a part or two: small arrays beat sets and dictionaries here.
        var userStreams: [Int64] = []
        var userGames: [(game: Int32, time: Time)] = []
        var userLanguages: [Int32] = []
        var userLanguageGames: [Int64] = []
        channels.reserveCapacity(index.userIDs.count)
        for u in 0..<index.userIDs.count {
            let own = index.parts(ofUser: u)
            var channel = Channel(latest: own.first!, named: own.first!)
            userStreams.removeAll(keepingCapacity: true)
            userGames.removeAll(keepingCapacity: true)
            userLanguages.removeAll(keepingCapacity: true)
            userLanguageGames.removeAll(keepingCapacity: true)
            for i in own {
                let p = parts[Int(i)]
                let t = Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
                channel.time += t
                if DayTableBuilder.isLater(p, than: parts[Int(channel.latest)]) { channel.latest = i }
                if p.latestAt > parts[Int(channel.named)].latestAt { channel.named = i }
                if !userStreams.contains(p.stream) { userStreams.append(p.stream) }
                let g = index.gameOf[Int(i)]
                if let k = userGames.firstIndex(where: { $0.game == g }) { userGames[k].time += t } else { userGames.append((g, t)) }
                let l = index.languageOf[Int(i)]
                if !userLanguages.contains(l) { userLanguages.append(l) }
                let pair = Self.languageGameKey(language: l, game: g)
                if !userLanguageGames.contains(pair) { userLanguageGames.append(pair) }
            }
            for (g, t) in userGames {
                gameStreamers[Int(g)] += 1
                gameUsers[Int(g)].append((Int32(u), t))
            }
            for l in userLanguages { languageChannels[Int(l)] += 1 }
            for pair in userLanguageGames { languageGames[pair]!.channels += 1 }
            channel.streams = userStreams.count
            channel.games = userGames.count
            // Main game: most seconds; ties: more watch time, then the smaller game id.
            channel.mainGame = userGames.min { a, b in
                if a.time.secondsMs != b.time.secondsMs { return a.time.secondsMs > b.time.secondsMs }
                if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
                return byteOrder(index.gameIDs[Int(a.game)], index.gameIDs[Int(b.game)])
            }!.game
            channels.append(channel)
        }
    }
}
