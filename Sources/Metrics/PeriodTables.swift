import Model
import Store

/// A row of a period table with its rank in the period before (nil when it was not ranked there).
public struct PeriodRanked<Row: Sendable>: Sendable {
    public var row: Row
    public var previousRank: Int?
    /// Hours watched and streamed in the period before, when it was ranked there.
    public var previousTime: Time?
}

/// The tables of one period (METRICS.md §8): the daily tables of §4 computed over all of the
/// period's reported days at once, each row with its rank in the period before.
public struct PeriodTables: Sendable {
    public var period: Period
    /// The period's reported days, in order.
    public var days: [Int]
    /// The sum of the lengths of those days, in seconds.
    public var lengthSeconds: Int64
    /// The same for the period before (0 when none of its days is reported).
    public var previousLengthSeconds: Int64
    public var games: [PeriodRanked<GameRow>]
    public var channels: [PeriodRanked<ChannelRow>]
    public var languages: [PeriodRanked<LanguageRow>]
    public var summary: SummaryRow
}

/// Computes period tables from consolidated data: the day parts of every reported day of the
/// period (kept for good, unlike raw observations), each channel's daily peaks, and the history
/// tables for the games' and languages' daily peaks and for the ranking of the period before.
public enum PeriodTableBuilder {
    /// The period's tables; nil when none of its days is reported.
    public static func tables(store: Store, calendar: ReportCalendar, period: Period, reportedDays: [Int]) throws
        -> PeriodTables?
    {
        try tables(store: store, calendar: calendar, periods: [period], reportedDays: reportedDays)[period] ?? nil
    }

    /// The tables of several periods, each day read once for all the periods that hold it (the
    /// windows and the year overlap); a period without a reported day maps to nil.
    public static func tables(store: Store, calendar: ReportCalendar, periods: [Period], reportedDays: [Int]) throws
        -> [Period: PeriodTables?]
    {
        var sums = [PeriodSums](repeating: PeriodSums(), count: periods.count)
        var days = Set<Int>()
        for p in periods { days.formUnion(p.reportedDays(among: reportedDays)) }
        let ordered = days.sorted()
        for day in ordered {
            let holders = periods.indices.filter { periods[$0].contains(day) }
            for part in try store.dayParts(day: day) {
                for i in holders { sums[i].add(part) }
            }
        }
        // Once every channel of the period is known: a channel's peak may come from a day in which
        // it had no time (a sighting before its own started_at).
        for day in ordered {
            let holders = periods.indices.filter { periods[$0].contains(day) }
            try store.channelPeaks(day: day) { user, peak in
                for i in holders { sums[i].raisePeak(of: user, to: peak) }
            }
        }
        var result: [Period: PeriodTables?] = [:]
        for (i, period) in periods.enumerated() {
            result[period] = try finish(period, sums[i], store: store, calendar: calendar, reportedDays: reportedDays)
            sums[i] = PeriodSums()
        }
        return result
    }

    private static func finish(_ period: Period, _ sums: PeriodSums, store: Store,
                               calendar: ReportCalendar, reportedDays: [Int]) throws -> PeriodTables? {
        let days = Array(period.reportedDays(among: reportedDays))
        guard let first = days.first, let last = days.last else { return nil }
        let length = days.reduce(Int64(0)) { $0 + calendar.lengthSeconds(ofDay: $1) }
        let gamePeaks = try store.historyPeaks(of: .games, from: first, through: last)
        let languagePeaks = try store.historyPeaks(of: .languages, from: first, through: last)
        // Crawls fall only in reported days: those between the first and the last are the period's.
        let crawls = try store.crawlPoints(from: calendar.start(ofDay: first), to: calendar.end(ofDay: last))

        var wanted = Set(sums.gameLatest.map(\.facts))
        for c in sums.channels { wanted.insert(c.latest.facts) }
        let names = try store.factsNames(wanted)
        let distinct = sums.distinctChannels()

        var peak: CrawlPoint?
        for c in crawls where peak == nil || c.viewers > peak!.viewers { peak = c }
        let total = sums.total
        let summary = SummaryRow(
            crawls: crawls.count, time: total, avgViewers: total.avgViewers(over: length),
            avgChannels: total.avgChannels(over: length), peakViewers: peak?.viewers ?? 0, peakViewersAt: peak?.time,
            peakChannels: crawls.map(\.channels).max() ?? 0, channels: sums.users.count,
            games: sums.games.count, streams: sums.streams)

        var games = sums.games.values.enumerated().map { g, id in
            let time = sums.gameTime[g]
            return GameRow(
                rank: 0, gameID: id, gameName: names[sums.gameLatest[g].facts]!.gameName, time: time,
                avgViewers: time.avgViewers(over: length), avgChannels: time.avgChannels(over: length),
                peakViewers: gamePeaks[id]?.viewers ?? 0, peakChannels: gamePeaks[id]?.channels ?? 0,
                streamers: distinct.games[g])
        }
        games.rank()

        var channels = sums.channels.enumerated().map { u, c -> ChannelRow in
            let latest = names[c.latest.facts]!
            let main = Int(sums.mainGame(c))
            let userID = sums.users.values[u]
            // The main game is named as the period's games table names it.
            return ChannelRow(
                rank: 0, userID: userID, userLogin: latest.userLogin, userName: latest.userName, time: c.time,
                peakViewers: c.peak, streams: c.streams.count, games: c.games.count,
                mainGameID: sums.games.values[main], mainGameName: names[sums.gameLatest[main].facts]!.gameName,
                language: latest.language)
        }
        channels.rank()

        let totalWatch = total.watchMs
        var languages = sums.languages.values.enumerated().map { l, language in
            let time = sums.languageTime[l]
            return LanguageRow(
                rank: 0, language: language, time: time, avgViewers: time.avgViewers(over: length),
                avgChannels: time.avgChannels(over: length), peakViewers: languagePeaks[language]?.viewers ?? 0,
                peakChannels: languagePeaks[language]?.channels ?? 0, channels: distinct.languages[l],
                watchShare: totalWatch == 0 ? 0 : Double(time.watchMs) / Double(totalWatch))
        }
        languages.rank()

        let previous = try PreviousRanks(store: store, period: period.previous, reportedDays: reportedDays)
        let previousLength = period.previous.reportedDays(among: reportedDays).reduce(Int64(0)) {
            $0 + calendar.lengthSeconds(ofDay: $1)
        }
        return PeriodTables(
            period: period, days: days, lengthSeconds: length, previousLengthSeconds: previousLength,
            games: games.map { PeriodRanked(row: $0, previousRank: previous.games[$0.gameID]?.rank,
                                            previousTime: previous.games[$0.gameID]?.time) },
            channels: channels.map { PeriodRanked(row: $0, previousRank: previous.channels[$0.userID]?.rank,
                                                  previousTime: previous.channels[$0.userID]?.time) },
            languages: languages.map { PeriodRanked(row: $0, previousRank: previous.languages[$0.language]?.rank,
                                                    previousTime: previous.languages[$0.language]?.time) },
            summary: summary)
    }
}

/// The ranks and times of the period before, from the sums of its days' history (ranks need
/// nothing else).
struct PreviousRanks {
    typealias Entry = (rank: Int, time: Time)
    var games: [String: Entry] = [:]
    var channels: [String: Entry] = [:]
    var languages: [String: Entry] = [:]

    init(store: Store, period: Period, reportedDays: [Int]) throws {
        let days = period.reportedDays(among: reportedDays)
        guard let first = days.first, let last = days.last else { return }
        games = Self.ranks(try store.historySums(of: .games, from: first, through: last), bySeconds: true)
        channels = Self.ranks(try store.historySums(of: .channels, from: first, through: last), bySeconds: true)
        languages = Self.ranks(try store.historySums(of: .languages, from: first, through: last), bySeconds: false)
    }

    /// Ranks by hours watched, then (games and channels) hours streamed, then id in byte order.
    static func ranks(_ rows: [PeriodSumRow], bySeconds: Bool) -> [String: Entry] {
        let sorted = rows.sorted { a, b in
            if a.watchMs != b.watchMs { return a.watchMs > b.watchMs }
            if bySeconds && a.secondsMs != b.secondsMs { return a.secondsMs > b.secondsMs }
            return byteOrder(a.id, b.id)
        }
        var ranks: [String: Entry] = [:]
        ranks.reserveCapacity(sorted.count)
        for (i, r) in sorted.enumerated() { ranks[r.id] = (i + 1, Time(secondsMs: r.secondsMs, watchMs: r.watchMs)) }
        return ranks
    }
}
