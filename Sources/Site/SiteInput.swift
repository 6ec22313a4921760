import Foundation
import Metrics

/// One day whose report (and digest) is written in this build.
public struct DayInput: Sendable {
    public var tables: DayTables
    public var comparison: DayComparison
    /// Concurrent viewers and channels at each crawl of the day.
    public var concurrent: [ConcurrentPoint]
    /// The day is not over yet: its numbers still grow.
    public var inProgress: Bool
    /// How completely the crawls covered the day.
    public var coverage: DayCoverage?

    public init(tables: DayTables, comparison: DayComparison, concurrent: [ConcurrentPoint], inProgress: Bool,
                coverage: DayCoverage? = nil) {
        self.tables = tables
        self.comparison = comparison
        self.concurrent = concurrent
        self.inProgress = inProgress
        self.coverage = coverage
    }
}

/// Everything a site build renders from.
public struct SiteInput: Sendable {
    public var history: SiteHistory
    /// The latest complete day: the overview, games, channels and languages pages show it.
    public var latest: DayInput
    /// Top channels of each game on the latest day.
    public var gameChannels: [String: [GameChannel]]
    /// Days whose report and digest are (re)written.
    public var reports: [DayInput]
    public var timeZone: TimeZone
    /// The report time zone as the user named it (`UTC`, not Foundation's `GMT`).
    public var timeZoneName: String
    /// The absolute URL the site is served from (digest links); nil makes digest links relative.
    public var baseURL: String?
    public var siteName: String
    /// The rankings of each language of the latest day (`languages/<code>/`).
    public var languages: [LanguageRanking]
    /// The coverage of every reported day (`coverage/`).
    public var coverage: [DayCoverage]
    /// When each channel with a page streams, over the trend window.
    public var channelSchedules: [String: ChannelSchedule]
    /// Every period with a reported day (the periods index lists them).
    public var periods: [Period]
    /// Periods whose pages are (re)written.
    public var periodPages: [PeriodTables]
    /// What each published stream page was rendered from (`StreamPages.inputs(of:_:)`), by stream
    /// id: a page rendered from the same is not rendered again. Empty renders every stream page.
    public var publishedStreamPages: [String: UInt64] = [:]

    public init(history: SiteHistory, latest: DayInput, gameChannels: [String: [GameChannel]], reports: [DayInput],
                timeZone: TimeZone, timeZoneName: String, baseURL: String?, siteName: String = "twitch-stats",
                languages: [LanguageRanking] = [], coverage: [DayCoverage] = [],
                channelSchedules: [String: ChannelSchedule] = [:],
                periods: [Period] = [], periodPages: [PeriodTables] = [],
                publishedStreamPages: [String: UInt64] = [:]) {
        self.publishedStreamPages = publishedStreamPages
        self.periods = periods
        self.periodPages = periodPages
        self.history = history
        self.latest = latest
        self.gameChannels = gameChannels
        self.reports = reports
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName
        self.baseURL = baseURL
        self.siteName = siteName
        self.languages = languages
        self.coverage = coverage
        self.channelSchedules = channelSchedules
    }
}

/// A rendered file: a path relative to the site root and its contents.
public struct SiteFile: Sendable {
    public var path: String
    public var contents: String
}

extension SiteInput {
    /// When a channel streams, when it streamed at all in the window.
    func schedules(_ userID: String) -> ChannelSchedule? {
        channelSchedules[userID].flatMap { $0.startMinutes.isEmpty ? nil : $0 }
    }
}
