import Model
import Store

/// Computes the daily tables of a reported day from the consolidated store (the segments, which
/// only the extracts read, load separately: `DaySegments`).
public enum DayTableBuilder {
    /// How many channels each game's list of top channels keeps.
    public static let topChannelsPerGame = 25

    public static func tables(store: Store, calendar: ReportCalendar, day: Int) throws -> DayTables {
        let (start, end) = calendar.dayBounds(day)
        let length = (end - start) / 1000
        let index = DayPartIndex(try store.dayParts(day: day))
        let crawls = try store.crawlPoints(from: start, to: end)
        let gamePeaks = try store.gamePeaks(from: start, to: end)
        let languagePeaks = try store.languagePeaks(from: start, to: end)
        var userPeaks = [Int](repeating: 0, count: index.userIDs.count)
        try store.channelPeaks(day: day) { user, peak in
            if let u = index.user(user), peak > userPeaks[u] { userPeaks[u] = peak }
        }
        let sums = DaySums(index)
        let names = try PartNames(index, sums, store: store)

        var peak: CrawlPoint?
        for c in crawls where peak == nil || c.viewers > peak!.viewers { peak = c }
        let total = sums.total
        let summary = SummaryRow(
            crawls: crawls.count, time: total, avgViewers: total.avgViewers(over: length),
            avgChannels: total.avgChannels(over: length), peakViewers: peak?.viewers ?? 0, peakViewersAt: peak?.time,
            peakChannels: crawls.map(\.channels).max() ?? 0, channels: index.userIDs.count,
            games: index.gameIDs.count, streams: sums.streams)

        let games = gameRows(index, sums, names, peaks: gamePeaks, length: length)
        return DayTables(
            day: day, lengthSeconds: length, games: games,
            channels: channelRows(index, sums, names, peaks: userPeaks),
            languages: languageRows(index, sums, peaks: languagePeaks, length: length), summary: summary,
            gameChannels: gameChannels(index, sums, names), languageGames: languageGames(index, sums, games),
            streamWatch: sums.streamWatch.sorted { ($0.watchMs, $1.stream) > ($1.watchMs, $0.stream) })
    }

    /// Each language's games, ranked like the day's games table (hours watched, hours streamed,
    /// game id) and named as it names them.
    static func languageGames(_ index: DayPartIndex, _ sums: DaySums, _ games: [GameRow]) -> [String: [LanguageGameRow]] {
        var gameNames: [String: String] = [:]
        for g in games { gameNames[g.gameID] = g.gameName }
        var result: [String: [LanguageGameRow]] = [:]
        for (key, value) in sums.languageGames {
            let language = index.languages[Int(key >> 32)]
            let gameID = index.gameIDs[Int(key & 0xffff_ffff)]
            result[language, default: []].append(LanguageGameRow(
                rank: 0, gameID: gameID, gameName: gameNames[gameID] ?? "", time: value.time, channels: value.channels))
        }
        for (language, rows) in result {
            var rows = rows
            rows.rank()
            result[language] = rows
        }
        return result
    }

    /// The latest of two observations: later time, then the later stream (a fixed tie-break).
    static func isLater(_ a: DayPartRow, than b: DayPartRow) -> Bool {
        (a.latestAt, a.stream) > (b.latestAt, b.stream)
    }

    static func gameRows(_ index: DayPartIndex, _ sums: DaySums, _ names: PartNames, peaks: [String: PeakPair],
                         length: Int64) -> [GameRow] {
        var rows = index.gameIDs.enumerated().map { g, id in
            let time = sums.gameTime[g]
            return GameRow(
                rank: 0, gameID: id, gameName: names[sums.gameLatest[g]].gameName, time: time,
                avgViewers: time.avgViewers(over: length), avgChannels: time.avgChannels(over: length),
                peakViewers: peaks[id]?.viewers ?? 0, peakChannels: peaks[id]?.channels ?? 0,
                streamers: sums.gameStreamers[g])
        }
        rows.rank()
        return rows
    }

    static func channelRows(_ index: DayPartIndex, _ sums: DaySums, _ names: PartNames, peaks: [Int]) -> [ChannelRow] {
        var rows = sums.channels.enumerated().map { u, c -> ChannelRow in
            let latest = names[c.latest]
            // The main game is named as the day's games table names it.
            let main = Int(c.mainGame)
            return ChannelRow(
                rank: 0, userID: index.userIDs[u], userLogin: latest.userLogin, userName: latest.userName, time: c.time,
                peakViewers: peaks[u], streams: c.streams, games: c.games, mainGameID: index.gameIDs[main],
                mainGameName: names[sums.gameLatest[main]].gameName, language: latest.language)
        }
        rows.rank()
        return rows
    }

    static func languageRows(_ index: DayPartIndex, _ sums: DaySums, peaks: [String: PeakPair], length: Int64)
        -> [LanguageRow]
    {
        let totalWatch = sums.total.watchMs
        var rows = index.languages.enumerated().map { l, language in
            let time = sums.languageTime[l]
            return LanguageRow(
                rank: 0, language: language, time: time, avgViewers: time.avgViewers(over: length),
                avgChannels: time.avgChannels(over: length), peakViewers: peaks[language]?.viewers ?? 0,
                peakChannels: peaks[language]?.channels ?? 0, channels: sums.languageChannels[l],
                watchShare: totalWatch == 0 ? 0 : Double(time.watchMs) / Double(totalWatch))
        }
        rows.rank()
        return rows
    }

    /// The top channels of each game, by hours watched in that game (a channel counts in every
    /// game it played, not only its main game).
    static func gameChannels(_ index: DayPartIndex, _ sums: DaySums, _ names: PartNames) -> [String: [GameChannel]] {
        var result: [String: [GameChannel]] = [:]
        result.reserveCapacity(index.gameIDs.count)
        for (g, users) in sums.gameUsers.enumerated() {
            let top = users.sorted { a, b in
                if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
                if a.time.secondsMs != b.time.secondsMs { return a.time.secondsMs > b.time.secondsMs }
                return byteOrder(index.userIDs[Int(a.user)], index.userIDs[Int(b.user)])
            }.prefix(topChannelsPerGame)
            result[index.gameIDs[g]] = top.map { entry in
                let named = names[sums.channels[Int(entry.user)].named]
                return GameChannel(userID: index.userIDs[Int(entry.user)], userLogin: named.userLogin,
                                   userName: named.userName, time: entry.time)
            }
        }
        return result
    }
}

/// The names of the parts the tables take names from: each channel's latest and named part and
/// each game's latest part, read in one go.
struct PartNames {
    private let index: DayPartIndex
    private let names: [Int64: FactsNames]

    init(_ index: DayPartIndex, _ sums: DaySums, store: Store) throws {
        var wanted = Set<Int64>()
        for c in sums.channels {
            wanted.insert(index.parts[Int(c.latest)].latestFacts)
            wanted.insert(index.parts[Int(c.named)].latestFacts)
        }
        for g in sums.gameLatest { wanted.insert(index.parts[Int(g)].latestFacts) }
        self.index = index
        names = try store.factsNames(wanted)
    }

    /// The names of part `i` (one of those above).
    subscript(_ i: Int32) -> FactsNames { names[index.parts[Int(i)].latestFacts]! }
}
