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
    /// How many rows each ranking has in full; differs from the arrays' counts in a copy cut to
    /// its top rows (`top(_:)`).
    public private(set) var rowCounts: (games: Int, channels: Int, languages: Int)?

    public var gameCount: Int { rowCounts?.games ?? games.count }
    public var channelCount: Int { rowCounts?.channels ?? channels.count }
    public var languageCount: Int { rowCounts?.languages ?? languages.count }

    /// A copy with only the first `rows` rows of each ranking: what a page shows. A full-Twitch
    /// period ranks a third of a million channels, and a build holds several periods.
    public func top(_ rows: Int) -> PeriodTables {
        var cut = self
        cut.rowCounts = (gameCount, channelCount, languageCount)
        cut.games = Array(games.prefix(rows))
        cut.channels = Array(channels.prefix(rows))
        cut.languages = Array(languages.prefix(rows))
        return cut
    }
}

/// Computes period tables from the period sums of their days (`PeriodSumsSource`): the tables
/// of §4 over the whole period, each row with its rank in the period before.
public enum PeriodTableBuilder {
    /// The period's tables; nil when none of its days is reported.
    public static func tables(store: Store, calendar: ReportCalendar, period: Period, reportedDays: [Int]) throws
        -> PeriodTables?
    {
        try tables(store: store, calendar: calendar, periods: [period], reportedDays: reportedDays)[period] ?? nil
    }

    /// The tables of several periods; a period without a reported day maps to nil. Periods with
    /// the same reported days (a first month is also its year, and young windows hold the same
    /// days) share one computation.
    public static func tables(store: Store, calendar: ReportCalendar, periods: [Period], reportedDays: [Int]) throws
        -> [Period: PeriodTables?]
    {
        var result: [Period: PeriodTables?] = [:]
        try tables(store: store, calendar: calendar, periods: periods, reportedDays: reportedDays) { result[$0] = $1 }
        return result
    }

    /// The same, each handed to `each` as soon as it is computed, so that a caller can write a
    /// period's files and let its full tables go before the next: a full-Twitch period ranks a
    /// third of a million channels.
    ///
    /// - Parameter forecast: ranks of periods before computed ahead (`PreviousRanksForecast`), by
    ///   their days, each still true (none of its days changed since).
    public static func tables(store: Store, calendar: ReportCalendar, periods: [Period], reportedDays: [Int],
                              forecast: PreviousRanksForecast? = nil, changedDays: Set<Int> = [],
                              each: (Period, PeriodTables?) throws -> Void) throws
    {
        let source = PeriodSumsSource(store: store, calendar: calendar, reportedDays: reportedDays)
        var shared: (days: [Int], core: Core)?
        var previousShared: (days: [Int], ranks: PreviousRanks)?
        // Periods ending alike name mostly the same channels: each facts row is read once.
        var names: [Int64: FactsNames] = [:]
        let ordered = Self.ordered(periods, reportedDays: reportedDays)
        // The sums of the period computed last: the next one ending on the same day adds its older days.
        var grown: (days: [Int], sums: PeriodSums)?
        let previous = PreviousRanksAhead(
            store: store, calendar: calendar, reportedDays: reportedDays,
            days: ordered.filter { !$0.reportedDays(among: reportedDays).isEmpty }.map {
                Array($0.previous.reportedDays(among: reportedDays))
            },
            known: forecast?.usable(changedDays: changedDays) ?? [:])
        defer { previous.stop() }
        for period in ordered {
            let days = Array(period.reportedDays(among: reportedDays))
            guard !days.isEmpty else { try each(period, nil); continue }
            if shared?.days != days {
                shared = nil  // a year's sums are large: one at a time
                var sums: PeriodSums
                if let before = grown?.days, before.count < days.count, days.last == before.last,
                   days.suffix(before.count).elementsEqual(before) {
                    sums = grown!.sums
                    grown = nil  // `sums` is then the only holder: merged in place, not copied
                    try source.merge(days: days.dropLast(before.count), into: &sums)
                } else {
                    grown = nil
                    sums = try source.sums(days: days[...])
                }
                shared = (days, try core(sums, days: days, store: store, calendar: calendar, names: &names))
                grown = (days, sums)
            }
            let previousDays = Array(period.previous.reportedDays(among: reportedDays))
            if previousShared?.days != previousDays {
                previousShared = nil
                previousShared = (previousDays, try previous.ranks(days: previousDays))
            }
            let previousLength = previousDays.reduce(Int64(0)) { $0 + calendar.lengthSeconds(ofDay: $1) }
            try each(period, shared!.core.tables(period, previous: previousShared!.ranks, previousLength: previousLength))
        }
    }

    /// The order periods are computed in: by last day, then shortest first. Periods ending alike
    /// share their newest month's sums (kept one at a time), and each grows from the one before it.
    static func ordered(_ periods: [Period], reportedDays: [Int]) -> [Period] {
        periods.sorted { a, b in
            let (x, y) = (a.reportedDays(among: reportedDays), b.reportedDays(among: reportedDays))
            return (x.last ?? 0, -(x.first ?? 0), x.count, a.name) < (y.last ?? 0, -(y.first ?? 0), y.count, b.name)
        }
    }

    /// What a period's tables are without the period before: the same for every period with
    /// the same reported days.
    struct Core {
        var days: [Int]
        var length: Int64
        var games: [GameRow]
        var channels: [ChannelRow]
        var languages: [LanguageRow]
        var summary: SummaryRow

        func tables(_ period: Period, previous: PreviousRanks, previousLength: Int64) -> PeriodTables {
            func ranked<Row>(_ row: Row, _ before: PreviousRanks.Entry?) -> PeriodRanked<Row> {
                PeriodRanked(row: row, previousRank: before?.rank, previousTime: before?.time)
            }
            return PeriodTables(
                period: period, days: days, lengthSeconds: length, previousLengthSeconds: previousLength,
                games: games.map { ranked($0, previous.games[$0.gameID]) },
                channels: channels.map { ranked($0, previous.channels[$0.userID]) },
                languages: languages.map { ranked($0, previous.languages[$0.language]) },
                summary: summary)
        }
    }

    private static func core(_ sums: PeriodSums, days: [Int], store: Store, calendar: ReportCalendar,
                             names: inout [Int64: FactsNames]) throws -> Core {
        let length = days.reduce(Int64(0)) { $0 + calendar.lengthSeconds(ofDay: $1) }
        var wanted = Set(sums.gameLatest.map(\.facts).filter { names[$0] == nil })
        for c in sums.channels { if let l = c.latest, names[l.facts] == nil { wanted.insert(l.facts) } }
        names.merge(try store.factsNames(wanted)) { $1 }
        let distinct = sums.distinctChannels()

        let total = sums.total
        let summary = SummaryRow(
            crawls: sums.crawls, time: total, avgViewers: total.avgViewers(over: length),
            avgChannels: total.avgChannels(over: length), peakViewers: sums.peakCrawl?.viewers ?? 0,
            peakViewersAt: sums.peakCrawl?.time, peakChannels: sums.peakChannels, channels: sums.rankedChannels,
            games: sums.games.count, streams: sums.streams)

        var games = sums.games.values.enumerated().map { g, id in
            let time = sums.gameTime[g]
            return GameRow(
                rank: 0, gameID: id, gameName: names[sums.gameLatest[g].facts]!.gameName, time: time,
                avgViewers: time.avgViewers(over: length), avgChannels: time.avgChannels(over: length),
                peakViewers: sums.gamePeak[g].viewers, peakChannels: sums.gamePeak[g].channels,
                streamers: distinct.games[g])
        }
        games.rank()

        var channels: [ChannelRow] = []
        channels.reserveCapacity(sums.channels.count)
        for (u, c) in sums.channels.enumerated() {
            guard let latestSeen = c.latest else { continue }
            let latest = names[latestSeen.facts]!
            let main = Int(sums.mainGame(c))
            // The main game is named as the period's games table names it.
            channels.append(ChannelRow(
                rank: 0, userID: sums.users.values[u], userLogin: latest.userLogin, userName: latest.userName,
                time: c.time, peakViewers: c.peak, streams: c.streams.count, games: c.games.count,
                mainGameID: sums.games.values[main], mainGameName: names[sums.gameLatest[main].facts]!.gameName,
                language: latest.language))
        }
        channels.rank()

        let totalWatch = total.watchMs
        var languages = sums.languages.values.enumerated().map { l, language in
            let time = sums.languageTime[l]
            return LanguageRow(
                rank: 0, language: language, time: time, avgViewers: time.avgViewers(over: length),
                avgChannels: time.avgChannels(over: length), peakViewers: sums.languagePeak[l].viewers,
                peakChannels: sums.languagePeak[l].channels, channels: distinct.languages[l],
                watchShare: totalWatch == 0 ? 0 : Double(time.watchMs) / Double(totalWatch))
        }
        languages.rank()
        return Core(days: days, length: length, games: games, channels: channels, languages: languages, summary: summary)
    }
}

/// The ranks of the periods before, computed on a thread of their own in the order the periods
/// ask for them, while the periods' own sums are merged and ranked: they read other days' kept
/// sums (through a `PeriodSumsSource` of their own), and each is small, times by id.
final class PreviousRanksAhead: @unchecked Sendable {
    private let handOver = BatchChannel<(days: [Int], ranks: Result<PreviousRanks, any Error>)>(capacity: 1)
    private let work: BackgroundWork<Void>
    private let store: Store
    private let calendar: ReportCalendar
    private let reportedDays: [Int]

    /// Ranks already computed (`PreviousRanksForecast`), by their days; each is handed out once.
    private var known: [[Int]: PreviousRanks]

    /// `days`: each period's previous reported days, in the order `ranks(days:)` will ask.
    init(store: Store, calendar: ReportCalendar, reportedDays: [Int], days: [[Int]],
         known: [[Int]: PreviousRanks] = [:]) {
        var wanted: [[Int]] = []
        for d in days where wanted.last != d && known[d] == nil { wanted.append(d) }
        self.known = known
        self.store = store
        self.calendar = calendar
        self.reportedDays = reportedDays
        let handOver = handOver
        let inputs = UncheckedSendable((store, calendar, reportedDays, wanted))
        work = BackgroundWork("build: previous ranks") {
            let (store, calendar, reportedDays, wanted) = inputs.value
            let source = PeriodSumsSource(store: store, calendar: calendar, reportedDays: reportedDays)
            for days in wanted {
                let ranks = Result { try PreviousRanks(source: source, days: days) }
                guard handOver.send((days, ranks)), (try? ranks.get()) != nil else { break }
            }
            handOver.close()
        }
    }

    /// The ranks of the period before over `days`; computed here when they come out of order.
    func ranks(days: [Int]) throws -> PreviousRanks {
        if let ready = known.removeValue(forKey: days) { return ready }
        if let next = handOver.receive(), next.days == days { return try next.ranks.get() }
        return try PreviousRanks(source: PeriodSumsSource(store: store, calendar: calendar, reportedDays: reportedDays),
                                 days: days)
    }

    /// Ends the thread (at once, if the periods stopped early) and waits for it.
    func stop() {
        handOver.cancel()
        try? work.value()
    }
}

/// The ranks and times of the period before, from its days' sums (ranks need nothing else).
struct PreviousRanks: Sendable {
    typealias Entry = (rank: Int, time: Time)
    struct SumRow {
        var id: String
        var watchMs: Int64
        var secondsMs: Int64
    }

    var games: [String: Entry] = [:]
    var channels: [String: Entry] = [:]
    var languages: [String: Entry] = [:]

    init(source: PeriodSumsSource, days: [Int]) throws {
        guard !days.isEmpty else { return }
        let sums = try source.sums(days: days[...], timesOnly: true)
        func rows(_ ids: Interner, _ times: [Time]) -> [SumRow] {
            ids.values.enumerated().map { SumRow(id: $1, watchMs: times[$0].watchMs, secondsMs: times[$0].secondsMs) }
        }
        games = Self.ranks(rows(sums.games, sums.gameTime), bySeconds: true)
        languages = Self.ranks(rows(sums.languages, sums.languageTime), bySeconds: false)
        let ranked = sums.channels.enumerated().filter { $0.element.latest != nil }
        channels = Self.ranks(ranked.map { u, c in
            SumRow(id: sums.users.values[u], watchMs: c.time.watchMs, secondsMs: c.time.secondsMs)
        }, bySeconds: true)
    }

    /// Ranks by hours watched, then (games and channels) hours streamed, then id in byte order.
    static func ranks(_ rows: [SumRow], bySeconds: Bool) -> [String: Entry] {
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
