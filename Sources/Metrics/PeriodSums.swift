import Model
import Store

/// The sums behind a period's tables, taken day part by day part: a year of full Twitch is far
/// too many parts to hold at once, while what the tables need grows only with the distinct
/// channels, games, languages and streams. Gives the same tables as `DaySums` over all the parts.
struct PeriodSums {
    /// The observation a name comes from: the latest, then the later stream (`DayTableBuilder.isLater`).
    struct Latest {
        var at: Millis
        var stream: Int64
        var facts: Int64

        init(_ p: DayPartRow) {
            at = p.latestAt
            stream = p.stream
            facts = p.latestFacts
        }

        func isLater(than other: Latest) -> Bool { (at, stream) > (other.at, other.stream) }
    }

    struct Channel {
        var time = Time()
        var latest: Latest
        /// Most channels have a stream or two and a game or two: small arrays beat sets here.
        var streams: [Int64] = []
        var games: [(game: Int32, time: Time)] = []
        var languages: [Int32] = []
        /// The highest viewer count of the channel in a crawl of the period.
        var peak = 0
    }

    private(set) var users = Interner()
    private(set) var games = Interner()
    private(set) var languages = Interner()
    private(set) var channels: [Channel] = []
    private(set) var gameTime: [Time] = []
    private(set) var gameLatest: [Latest] = []
    private(set) var languageTime: [Time] = []
    private(set) var total = Time()
    private var streamSet = Set<Int64>()
    var streams: Int { streamSet.count }

    mutating func add(_ p: DayPartRow) {
        let t = Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
        let latest = Latest(p)
        total += t
        streamSet.insert(p.stream)

        let g = games.index(p.gameID)
        if Int(g) == gameTime.count {
            gameTime.append(t)
            gameLatest.append(latest)
        } else {
            gameTime[Int(g)] += t
            if latest.isLater(than: gameLatest[Int(g)]) { gameLatest[Int(g)] = latest }
        }
        let l = languages.index(p.language)
        if Int(l) == languageTime.count { languageTime.append(t) } else { languageTime[Int(l)] += t }

        let u = Int(users.index(p.userID))
        if u == channels.count { channels.append(Channel(latest: latest)) }
        channels[u].add(t, latest: latest, stream: p.stream, game: g, language: l)
    }

    /// Raises a channel's peak (channels without time in the period are not in its tables).
    mutating func raisePeak(of user: String, to peak: Int) {
        if let u = users.existing(user), peak > channels[Int(u)].peak { channels[Int(u)].peak = peak }
    }

    /// Each game's distinct channels, and each language's.
    func distinctChannels() -> (games: [Int], languages: [Int]) {
        var perGame = [Int](repeating: 0, count: games.count)
        var perLanguage = [Int](repeating: 0, count: languages.count)
        for c in channels {
            for g in c.games { perGame[Int(g.game)] += 1 }
            for l in c.languages { perLanguage[Int(l)] += 1 }
        }
        return (perGame, perLanguage)
    }

    /// The channel's main game: most seconds; ties: more watch time, then the smaller game id.
    func mainGame(_ c: Channel) -> Int32 {
        c.games.min { a, b in
            if a.time.secondsMs != b.time.secondsMs { return a.time.secondsMs > b.time.secondsMs }
            if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
            return byteOrder(games[a.game], games[b.game])
        }!.game
    }
}

extension PeriodSums.Channel {
    mutating func add(_ t: Time, latest: PeriodSums.Latest, stream: Int64, game: Int32, language: Int32) {
        time += t
        if latest.isLater(than: self.latest) { self.latest = latest }
        if !streams.contains(stream) { streams.append(stream) }
        if let k = games.firstIndex(where: { $0.game == game }) { games[k].time += t } else { games.append((game, t)) }
        if !languages.contains(language) { languages.append(language) }
    }
}
