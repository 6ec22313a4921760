import Model
import Store

/// Everything a period's tables need from a run of reported days, kept so that two runs merge
/// exactly: sums add, peaks and the latest observation take the larger, and what is counted
/// distinct (a channel's streams, games and languages; from them each game's and language's
/// channels, and the period's channels, games and streams) is kept as the ids themselves.
/// A day's sums are built from its day parts once; a month's are its days' merged, and a year
/// or window merges months and days (`PeriodSumsSource`), so a nightly build reads what changed
/// and a few compact summaries instead of every day part of the year.
public struct PeriodSums: Sendable {
    /// The observation a name comes from: the latest, then the later stream (`DayTableBuilder.isLater`).
    struct Latest: Sendable {
        var at: Millis
        var stream: Int64
        var facts: Int64

        func isLater(than other: Latest) -> Bool { (at, stream) > (other.at, other.stream) }
    }

    struct Channel: Sendable {
        var time = Time()
        /// Nil for a channel seen only in a crawl's peak (no time in these days, so not ranked
        /// unless another day gives it time).
        var latest: Latest?
        /// Distinct, ascending: most channels have a stream or two a day, and merging sorted
        /// arrays keeps a year's long ones cheap.
        var streams: [Int64] = []
        var games: [(game: Int32, time: Time)] = []
        var languages: [Int32] = []
        /// The highest viewer count of the channel in a crawl of these days.
        var peak = 0
    }

    private(set) var users = Interner()
    private(set) var games = Interner()
    private(set) var languages = Interner()
    private(set) var channels: [Channel] = []
    private(set) var gameTime: [Time] = []
    private(set) var gameLatest: [Latest] = []
    private(set) var gamePeak: [PeakPair] = []
    private(set) var languageTime: [Time] = []
    private(set) var languagePeak: [PeakPair] = []
    private(set) var total = Time()
    private(set) var crawls = 0
    /// The highest crawl by viewers (the earliest on a tie), and the most channels in a crawl.
    private(set) var peakCrawl: CrawlPoint?
    private(set) var peakChannels = 0

    public init() {}

    // MARK: Building a day's sums

    mutating func add(_ p: DayPartRow) {
        let t = Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
        let latest = Latest(at: p.latestAt, stream: p.stream, facts: p.latestFacts)
        total += t
        let g = gameIndex(p.gameID, time: t, latest: latest)
        let l = languageIndex(p.language, time: t)
        let u = channelIndex(p.userID)
        channels[u].add(t, latest: latest, game: g, language: l)
        channels[u].addStream(p.stream)
    }

    /// Raises a channel's peak; a channel without time here is kept for its peak alone, as it
    /// may have time on another day of a period (a sighting before its own `started_at`).
    mutating func raisePeak(of user: String, to peak: Int) {
        let u = channelIndex(user)
        if peak > channels[u].peak { channels[u].peak = peak }
    }

    mutating func raiseGamePeak(_ game: String, to peak: PeakPair) {
        if let g = games.existing(game) { gamePeak[Int(g)].raise(to: peak) }
    }

    mutating func raiseLanguagePeak(_ language: String, to peak: PeakPair) {
        if let l = languages.existing(language) { languagePeak[Int(l)].raise(to: peak) }
    }

    mutating func add(crawl c: CrawlPoint) {
        crawls += 1
        if let p = peakCrawl, c.viewers < p.viewers || (c.viewers == p.viewers && c.time >= p.time) {} else { peakCrawl = c }
        peakChannels = max(peakChannels, c.channels)
    }

    // MARK: Indices, shared by building and merging

    mutating func gameIndex(_ id: String, time: Time, latest: Latest) -> Int32 {
        let g = games.index(id)
        if Int(g) == gameTime.count {
            gameTime.append(time)
            gameLatest.append(latest)
            gamePeak.append(PeakPair(viewers: 0, channels: 0))
        } else {
            gameTime[Int(g)] += time
            if latest.isLater(than: gameLatest[Int(g)]) { gameLatest[Int(g)] = latest }
        }
        return g
    }

    mutating func languageIndex(_ id: String, time: Time) -> Int32 {
        let l = languages.index(id)
        if Int(l) == languageTime.count {
            languageTime.append(time)
            languagePeak.append(PeakPair(viewers: 0, channels: 0))
        } else {
            languageTime[Int(l)] += time
        }
        return l
    }

    mutating func channelIndex(_ user: String) -> Int {
        let u = Int(users.index(user))
        if u == channels.count { channels.append(Channel()) }
        return u
    }

    mutating func channelIndex(utf8 user: UnsafeRawBufferPointer) -> Int {
        let u = Int(users.index(utf8: user))
        if u == channels.count { channels.append(Channel()) }
        return u
    }

    mutating func mergeChannel(_ u: Int, time: Time, latest: Latest?, peak: Int) {
        channels[u].time += time
        if let theirs = latest {
            if let mine = channels[u].latest, !theirs.isLater(than: mine) {} else { channels[u].latest = theirs }
        }
        if peak > channels[u].peak { channels[u].peak = peak }
    }

    /// Adds distinct ascending streams: days after those merged so far append, days before them
    /// go in front, and overlapping ones (a stream across the midnight between) are united only
    /// where their ranges overlap, never one insertion at a time: merging a year month by month
    /// must not walk a channel's whole list for each month.
    mutating func addStreams(_ streams: [Int64], toChannel u: Int) {
        guard let first = streams.first, let last = streams.last else { return }
        let mine = channels[u].streams
        guard let myFirst = mine.first, let myLast = mine.last else { channels[u].streams = streams; return }
        if first > myLast { channels[u].streams.append(contentsOf: streams); return }
        if last < myFirst { channels[u].streams = streams + mine; return }
        // Below `low` only one list has ids, above `high` only one: copied whole. Between, both.
        let low = max(first, myFirst), high = min(last, myLast)
        let (a, b) = (mine.partitioned(below: low, through: high), streams.partitioned(below: low, through: high))
        var united: [Int64] = []
        united.reserveCapacity(mine.count + streams.count)
        united.append(contentsOf: first < myFirst ? streams[..<b.lower] : mine[..<a.lower])
        var i = a.lower, j = b.lower
        while i < a.upper && j < b.upper {
            let x = mine[i], y = streams[j]
            if x <= y { united.append(x); i += 1; if x == y { j += 1 } } else { united.append(y); j += 1 }
        }
        united.append(contentsOf: mine[i..<a.upper])
        united.append(contentsOf: streams[j..<b.upper])
        united.append(contentsOf: last > myLast ? streams[b.upper...] : mine[a.upper...])
        channels[u].streams = united
    }
    /// Adds a channel's distinct games with their time. A year's channel plays dozens: past a
    /// few, each game's place is looked up in `positions` (by game, 1-based; left all zero)
    /// instead of searched for.
    mutating func addGames(_ list: [(game: Int32, time: Time)], toChannel u: Int, positions: inout [Int32]) {
        if channels[u].games.isEmpty { channels[u].games = list; return }
        if list.count * channels[u].games.count <= 64 {
            for g in list { channels[u].addGame(g.game, g.time) }
            return
        }
        if positions.count < games.count { positions.append(contentsOf: repeatElement(0, count: games.count - positions.count)) }
        for (k, g) in channels[u].games.enumerated() { positions[Int(g.game)] = Int32(k + 1) }
        for g in list {
            let at = Int(positions[Int(g.game)])
            if at > 0 {
                channels[u].games[at - 1].time += g.time
            } else {
                channels[u].games.append(g)
                positions[Int(g.game)] = Int32(channels[u].games.count)
            }
        }
        for g in channels[u].games { positions[Int(g.game)] = 0 }
    }
    mutating func addLanguage(_ language: Int32, toChannel u: Int) {
        if !channels[u].languages.contains(language) { channels[u].languages.append(language) }
    }

    mutating func mergeTotals(_ time: Time, crawls: Int, peakCrawl: CrawlPoint?, peakChannels: Int) {
        total += time
        self.crawls += crawls
        if let c = peakCrawl {
            if let p = self.peakCrawl, c.viewers < p.viewers || (c.viewers == p.viewers && c.time >= p.time) {} else {
                self.peakCrawl = c
            }
        }
        self.peakChannels = max(self.peakChannels, peakChannels)
    }

    mutating func raiseGamePeak(index g: Int32, to peak: PeakPair) { gamePeak[Int(g)].raise(to: peak) }
    mutating func raiseLanguagePeak(index l: Int32, to peak: PeakPair) { languagePeak[Int(l)].raise(to: peak) }

    // MARK: What the tables read

    /// The channels with time in these days (a peak alone does not rank a channel).
    var rankedChannels: Int { channels.reduce(0) { $0 + ($1.latest == nil ? 0 : 1) } }

    /// The distinct streams of these days (each stream belongs to one channel).
    var streams: Int { channels.reduce(0) { $0 + $1.streams.count } }

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

extension PeakPair {
    mutating func raise(to other: PeakPair) {
        if other.viewers > viewers { viewers = other.viewers }
        if other.channels > channels { channels = other.channels }
    }
}

extension PeriodSums.Channel {
    mutating func add(_ t: Time, latest: PeriodSums.Latest, game: Int32, language: Int32) {
        time += t
        if let mine = self.latest, !latest.isLater(than: mine) {} else { self.latest = latest }
        addGame(game, t)
        if !languages.contains(language) { languages.append(language) }
    }

    mutating func addGame(_ game: Int32, _ t: Time) {
        if let k = games.firstIndex(where: { $0.game == game }) { games[k].time += t } else { games.append((game, t)) }
    }

    /// Parts come in stream order, and merged days in day order, so appending is the rule and
    /// inserting the exception.
    mutating func addStream(_ stream: Int64) {
        guard let last = streams.last, stream <= last else { streams.append(stream); return }
        if stream == last { return }
        let at = streams.firstIndex { $0 >= stream }!
        if streams[at] != stream { streams.insert(stream, at: at) }
    }
}

extension Array where Element == Int64 {
    /// In an ascending array, where the ids from `low` through `high` start and end.
    fileprivate func partitioned(below low: Int64, through high: Int64) -> (lower: Int, upper: Int) {
        (partitioningIndex { $0 >= low }, partitioningIndex { $0 > high })
    }
}
