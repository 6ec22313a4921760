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
        let days = Array(period.reportedDays(among: reportedDays))
        guard let first = days.first, let last = days.last else { return nil }
        let length = days.reduce(Int64(0)) { $0 + calendar.lengthSeconds(ofDay: $1) }

        // One stream's parts of different days must lie together (distinct streams are counted
        // where the stream changes); within a stream they stay in day order.
        var parts: [DayPartRow] = []
        for day in days { parts += try store.dayParts(day: day) }
        let order = parts.indices.sorted { (parts[$0].stream, $0) < (parts[$1].stream, $1) }
        let index = DayPartIndex(order.map { parts[$0] })
        parts = []

        var userPeaks = [Int](repeating: 0, count: index.userIDs.count)
        for day in days {
            try store.channelPeaks(day: day) { user, peak in
                if let u = index.user(user), peak > userPeaks[u] { userPeaks[u] = peak }
            }
        }
        let gamePeaks = try store.historyPeaks(of: .games, from: first, through: last)
        let languagePeaks = try store.historyPeaks(of: .languages, from: first, through: last)
        // Crawls fall only in reported days: those between the first and the last are the period's.
        let crawls = try store.crawlPoints(from: calendar.start(ofDay: first), to: calendar.end(ofDay: last))

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

        let previous = try PreviousRanks(store: store, period: period.previous, reportedDays: reportedDays)
        let previousLength = period.previous.reportedDays(among: reportedDays).reduce(Int64(0)) {
            $0 + calendar.lengthSeconds(ofDay: $1)
        }
        let games = DayTableBuilder.gameRows(index, sums, names, peaks: gamePeaks, length: length)
        let channels = DayTableBuilder.channelRows(index, sums, names, peaks: userPeaks)
        let languages = DayTableBuilder.languageRows(index, sums, peaks: languagePeaks, length: length)
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
