import Model
import Store

/// Computes the daily tables of a reported day from the consolidated store.
public enum DayTableBuilder {
    public static func tables(store: Store, calendar: ReportCalendar, day: Int) throws -> DayTables {
        let (start, end) = calendar.dayBounds(day)
        let length = (end - start) / 1000
        let parts = try store.dayParts(day: day)
        let crawls = try store.crawlPoints(from: start, to: end)
        let gamePeaks = try store.gamePeaks(from: start, to: end)
        let languagePeaks = try store.languagePeaks(from: start, to: end)
        let userPeaks = try store.userPeaks(day: day)
        let segments = try store.segments(day: day)

        let games = gameRows(parts, peaks: gamePeaks, length: length)
        let channels = channelRows(parts, peaks: userPeaks)
        let total = parts.reduce(into: Time()) { $0 += Time(secondsMs: $1.secondsMs, watchMs: $1.watchMs) }
        let languages = languageRows(parts, peaks: languagePeaks, length: length, totalWatch: total.watchMs)

        var peak: CrawlPoint?
        for c in crawls where peak == nil || c.viewers > peak!.viewers { peak = c }
        let summary = SummaryRow(
            crawls: crawls.count, time: total, avgViewers: total.avgViewers(over: length),
            avgChannels: total.avgChannels(over: length), peakViewers: peak?.viewers ?? 0, peakViewersAt: peak?.time,
            peakChannels: crawls.map(\.channels).max() ?? 0, channels: Set(parts.map(\.userID)).count,
            games: Set(parts.map(\.gameID)).count, streams: Set(parts.map(\.stream)).count)

        return DayTables(
            day: day, lengthSeconds: length, games: games, channels: channels, languages: languages,
            summary: summary, segments: segments.map(SegmentSummary.init))
    }

    /// The latest of two observations: later time, then the later stream (a fixed tie-break).
    private static func isLater(_ a: DayPartRow, than b: DayPartRow) -> Bool {
        (a.latestAt, a.stream) > (b.latestAt, b.stream)
    }

    static func gameRows(_ parts: [DayPartRow], peaks: [String: PeakPair], length: Int64) -> [GameRow] {
        final class Acc {
            var time = Time()
            var latest: DayPartRow
            var users: Set<String> = []
            init(_ p: DayPartRow) { latest = p }
        }
        var byGame: [String: Acc] = [:]
        for p in parts {
            let acc: Acc
            if let a = byGame[p.gameID] { acc = a } else { acc = Acc(p); byGame[p.gameID] = acc }
            acc.time += Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
            if isLater(p, than: acc.latest) { acc.latest = p }
            acc.users.insert(p.userID)
        }
        var rows = byGame.map { id, acc in
            GameRow(
                rank: 0, gameID: id, gameName: acc.latest.gameName, time: acc.time,
                avgViewers: acc.time.avgViewers(over: length), avgChannels: acc.time.avgChannels(over: length),
                peakViewers: peaks[id]?.viewers ?? 0, peakChannels: peaks[id]?.channels ?? 0, streamers: acc.users.count)
        }
        rows.sort { a, b in
            if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
            if a.time.secondsMs != b.time.secondsMs { return a.time.secondsMs > b.time.secondsMs }
            return byteOrder(a.gameID, b.gameID)
        }
        for i in rows.indices { rows[i].rank = i + 1 }
        return rows
    }

    static func channelRows(_ parts: [DayPartRow], peaks: [String: Int]) -> [ChannelRow] {
        final class Acc {
            var time = Time()
            var latest: DayPartRow
            var streams: Set<Int64> = []
            var games: [String: Time] = [:]
            init(_ p: DayPartRow) { latest = p }
        }
        var byUser: [String: Acc] = [:]
        for p in parts {
            let acc: Acc
            if let a = byUser[p.userID] { acc = a } else { acc = Acc(p); byUser[p.userID] = acc }
            let t = Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
            acc.time += t
            if isLater(p, than: acc.latest) { acc.latest = p }
            acc.streams.insert(p.stream)
            acc.games[p.gameID, default: Time()] += t
        }
        // Names of the main game come from the day's game rows' source: the latest part of that game.
        var gameNames: [String: DayPartRow] = [:]
        for p in parts where gameNames[p.gameID].map({ isLater(p, than: $0) }) ?? true { gameNames[p.gameID] = p }

        var rows = byUser.map { user, acc -> ChannelRow in
            let main = acc.games.min { a, b in
                if a.value.secondsMs != b.value.secondsMs { return a.value.secondsMs > b.value.secondsMs }
                if a.value.watchMs != b.value.watchMs { return a.value.watchMs > b.value.watchMs }
                return byteOrder(a.key, b.key)
            }!.key
            return ChannelRow(
                rank: 0, userID: user, userLogin: acc.latest.userLogin, userName: acc.latest.userName, time: acc.time,
                peakViewers: peaks[user] ?? 0, streams: acc.streams.count, games: acc.games.count, mainGameID: main,
                mainGameName: gameNames[main]?.gameName ?? "", language: acc.latest.latestLanguage)
        }
        rows.sort { a, b in
            if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
            if a.time.secondsMs != b.time.secondsMs { return a.time.secondsMs > b.time.secondsMs }
            return byteOrder(a.userID, b.userID)
        }
        for i in rows.indices { rows[i].rank = i + 1 }
        return rows
    }

    static func languageRows(_ parts: [DayPartRow], peaks: [String: PeakPair], length: Int64, totalWatch: Int64) -> [LanguageRow] {
        final class Acc { var time = Time(); var users: Set<String> = [] }
        var byLanguage: [String: Acc] = [:]
        for p in parts {
            let acc: Acc
            if let a = byLanguage[p.language] { acc = a } else { acc = Acc(); byLanguage[p.language] = acc }
            acc.time += Time(secondsMs: p.secondsMs, watchMs: p.watchMs)
            acc.users.insert(p.userID)
        }
        var rows = byLanguage.map { language, acc in
            LanguageRow(
                rank: 0, language: language, time: acc.time, avgViewers: acc.time.avgViewers(over: length),
                avgChannels: acc.time.avgChannels(over: length), peakViewers: peaks[language]?.viewers ?? 0,
                peakChannels: peaks[language]?.channels ?? 0, channels: acc.users.count,
                watchShare: totalWatch == 0 ? 0 : Double(acc.time.watchMs) / Double(totalWatch))
        }
        rows.sort { a, b in
            if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
            return byteOrder(a.language, b.language)
        }
        for i in rows.indices { rows[i].rank = i + 1 }
        return rows
    }
}

extension SegmentSummary {
    init(_ s: SegmentRow) {
        self.init(
            streamID: s.streamID, segment: s.number, userID: s.userID, userLogin: s.userLogin, userName: s.userName,
            gameID: s.gameID, gameName: s.gameName, title: s.title, language: s.language, startedAt: s.startedAt,
            firstSeen: s.firstSeen, lastSeen: s.lastSeen, durationMs: s.durationMs, watchMs: s.watchMs,
            peakViewers: s.peak)
    }
}
