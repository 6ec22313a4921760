import Model
import Store

/// One reported day's headline totals: the day summary the history keeps (`HistorySummaryRow`,
/// one definition for writing, reading and the site).
public typealias DayTotals = HistorySummaryRow

extension HistorySummaryRow {
    /// The summary of a day's tables, as the history keeps it.
    public init(_ t: DayTables) {
        let s = t.summary
        self.init(
            day: t.day, lengthSeconds: t.lengthSeconds, crawls: s.crawls, watchMs: s.time.watchMs,
            secondsMs: s.time.secondsMs, peakViewers: s.peakViewers, peakChannels: s.peakChannels, channels: s.channels,
            games: s.games, streams: s.streams)
    }

    public var time: Time { Time(secondsMs: secondsMs, watchMs: watchMs) }
    public var avgViewers: Double { time.avgViewers(over: lengthSeconds) }
    public var avgChannels: Double { time.avgChannels(over: lengthSeconds) }
}

/// A game or a language on one day: rank and totals. `count` is the game's streamers or the
/// language's channels.
public struct RankedDay: Sendable, Equatable {
    public var day: Int
    public var id: String
    public var name: String
    public var rank: Int
    public var time: Time
    public var peakViewers: Int64
    public var peakChannels: Int
    public var count: Int

    init(_ r: HistoryRankRow) {
        day = r.day
        id = r.id
        name = r.name
        rank = r.rank
        time = Time(secondsMs: r.secondsMs, watchMs: r.watchMs)
        peakViewers = r.peakViewers
        peakChannels = r.peakChannels
        count = r.count
    }
}

/// A channel on one day.
public struct ChannelDay: Sendable, Equatable {
    public var day: Int
    public var rank: Int
    public var time: Time
    public var peakViewers: Int
    public var streams: Int
    public var mainGameID: String
    public var mainGameName: String

    init(_ r: HistoryChannelRow) {
        day = r.day
        rank = r.rank
        time = Time(secondsMs: r.secondsMs, watchMs: r.watchMs)
        peakViewers = r.peakViewers
        streams = r.streams
        mainGameID = r.mainGameID
        mainGameName = r.mainGameName
    }
}

/// Concurrent viewers and channels at one crawl, as the store reads them.
public typealias ConcurrentPoint = CrawlPoint

/// One stream of a channel: its segments and, while raw observations are kept, its viewers at
/// each crawl.
public struct ChannelStream: Sendable {
    public var streamID: String
    public var startedAt: Millis
    public var segments: [SegmentRow]
    public var viewers: [(time: Millis, viewers: Int)]
    /// The stream's key in the store (`stream.id`).
    public var key: Int64 = 0
    /// Its title at the first kept observation and at each change after, in time order; from
    /// the segments when the raw observations are pruned.
    public var titles: [(time: Millis, title: String)] = []
    /// Its rank among the streams of each day it was live, by hours watched that day.
    public var ranks: [StreamDayRank] = []
    public var lastSeen: Millis { segments.map(\.lastSeen).max() ?? startedAt }
    public var time: Time {
        segments.reduce(into: Time()) { $0 += Time(secondsMs: $1.durationMs, watchMs: $1.watchMs) }
    }
    public var peakViewers: Int { segments.map(\.peakViewers).max() ?? 0 }
}

