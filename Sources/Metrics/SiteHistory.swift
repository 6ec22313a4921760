import Model
import Store

/// Everything the pages read besides the day tables themselves: trends, rank histories, the
/// concurrent series of the latest complete day, the channels that get pages and their streams.
/// (The rolling windows are periods: `PeriodTableBuilder`.) Loaded from the history tables in a handful of queries.
public struct SiteHistory: Sendable {
    /// Days of the trend window (30 days through the latest complete day).
    public static let trendDays = 30
    /// Days of streams shown on a channel page.
    public static let streamDays = 7

    public var reportedDays: [Int]
    /// The latest day that is over (a crawl after its end exists), or the last reported day.
    public var latestDay: Int
    /// Day totals over the trend window, in day order.
    public var totals: [DayTotals]
    /// Day totals of every reported day, in day order.
    public var allTotals: [DayTotals]
    /// Each game's days over the trend window, in day order.
    public var games: [String: [RankedDay]]
    /// Each language's days over the trend window, in day order.
    public var languages: [String: [RankedDay]]
    /// Concurrent viewers and channels at each crawl of the latest day.
    public var concurrent: [ConcurrentPoint]
    /// The same, per game.
    public var gameConcurrent: [String: [ConcurrentPoint]]
    /// Channels that get a page: the top by hours watched over the trend window.
    public var channelPages: [RollupEntry]
    public var channelDays: [String: [ChannelDay]]
    public var channelStreams: [String: [ChannelStream]]
    /// Times of the crawls from a week before the first day of `channelStreams` through the
    /// latest day, in order: the cadence each stream was crawled at.
    public var streamCrawlTimes: [Millis] = []
    /// Each game's rows in months, years and the 7-, 30- and 90-day windows (`PeriodRecorder`).
    public var periodGames: [String: [PeriodEntityRow]] = [:]
    /// The same for the channels that get a page.
    public var periodChannels: [String: [PeriodEntityRow]] = [:]

    public var trendFirstDay: Int { latestDay - Self.trendDays + 1 }

    /// Loads the history for the pages; nil when no day is reported yet. Without `periodRows` the
    /// games' and channels' period rows are left empty, for `loadPeriodRows` once the periods are
    /// recorded: the rest needs only the recorded days, so a build loads it beside the periods.
    public static func load(store: Store, calendar: ReportCalendar, reportedDays: [Int], channelPages: Int,
                            periodRows: Bool = true) throws -> SiteHistory?
    {
        guard let lastReported = reportedDays.last else { return nil }
        let through = try store.meta(.consolidatedThrough).flatMap { Millis($0) } ?? calendar.start(ofDay: lastReported)
        let latest = reportedDays.last { calendar.end(ofDay: $0) <= through } ?? lastReported
        let first = latest - trendDays + 1
        let (start, end) = calendar.dayBounds(latest)

        let allTotals = try store.historySummaries(from: reportedDays[0], through: lastReported)
        let totals = allTotals.filter { $0.day >= first && $0.day <= latest }
        let games = Dictionary(grouping: try store.historyGames(from: first, through: latest).map(RankedDay.init), by: \.id)
        let languages = Dictionary(
            grouping: try store.historyLanguages(from: first, through: latest).map(RankedDay.init), by: \.id)
        let concurrent = try store.crawlPoints(from: start, to: end)
        let gameConcurrent = try store.gameCrawlPoints(from: start, to: end)

        let windowChannels = try store.channelTotals(from: first, through: latest, limit: channelPages)
        let top = RollupEntry.ranked(Array(windowChannels.prefix(channelPages)), previous: [])
        let users = top.map(\.id)
        let channelDays = try store.historyChannels(users: users, from: first, through: latest).mapValues {
            $0.map(ChannelDay.init)
        }
        let streams = try channelStreams(store: store, users: users, from: latest - streamDays + 1, through: latest)

        var history = SiteHistory(
            reportedDays: reportedDays, latestDay: latest, totals: totals, allTotals: allTotals, games: games, languages: languages,
            concurrent: concurrent, gameConcurrent: gameConcurrent, channelPages: top, channelDays: channelDays,
            channelStreams: streams)
        // A stream starts at most a week before a crawl sees it (METRICS.md §1).
        history.streamCrawlTimes = try store.consolidatedCrawlTimes(
            from: calendar.start(ofDay: latest - 2 * streamDays), to: calendar.end(ofDay: latest + 1))
        if periodRows { try history.loadPeriodRows(store: store) }
        return history
    }

    /// Each game's period rows, and those of the channels that get a page (`PeriodRecorder`).
    public mutating func loadPeriodRows(store: Store) throws {
        periodGames = try store.periodGameRows()
        periodChannels = try store.periodChannelRows(users: channelPages.map(\.id))
    }

    private static func channelStreams(store: Store, users: [String], from: Int, through: Int) throws
        -> [String: [ChannelStream]]
    {
        let segments = try store.segments(users: users, fromDay: from, throughDay: through)
        var byUser: [String: [ChannelStream]] = [:]
        var wanted: [(stream: Int64, from: Millis, through: Millis)] = []
        var keys: [String: Int64] = [:]
        for (user, rows) in segments {
            var streams: [String: ChannelStream] = [:]
            for row in rows {
                keys[row.streamID] = row.stream
                streams[row.streamID, default: ChannelStream(
                    streamID: row.streamID, startedAt: row.startedAt, segments: [], viewers: [], key: row.stream)
                ].segments.append(row)
            }
            byUser[user] = streams.values.sorted { ($0.startedAt, $0.streamID) > ($1.startedAt, $1.streamID) }
            for s in streams.values {
                wanted.append((keys[s.streamID]!, s.segments.map(\.firstSeen).min()!, s.lastSeen))
            }
        }
        let points = try store.viewerPoints(streams: wanted)
        let titles = try store.factsTitles(Set(points.values.flatMap { $0.map(\.facts) }))
        let ranks = try store.streamDayRanks(days: Array(from...through), streams: Set(keys.values))
        for (user, streams) in byUser {
            byUser[user] = streams.map { s in
                var s = s
                let own = points[s.key] ?? []
                s.viewers = own.map { ($0.time, $0.viewers) }
                s.titles = titleChanges(own.map { ($0.time, titles[$0.facts] ?? "") })
                if s.titles.isEmpty { s.titles = titleChanges(s.segments.map { ($0.firstSeen, $0.title) }) }
                s.ranks = ranks[s.key] ?? []
                return s
            }
        }
        return byUser
    }

    /// The first title and each change after it.
    private static func titleChanges(_ seen: [(Millis, String)]) -> [(time: Millis, title: String)] {
        var changes: [(time: Millis, title: String)] = []
        for (time, title) in seen where changes.last?.title != title { changes.append((time, title)) }
        return changes
    }
}
