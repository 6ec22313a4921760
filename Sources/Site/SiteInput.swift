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

    public init(tables: DayTables, comparison: DayComparison, concurrent: [ConcurrentPoint], inProgress: Bool) {
        self.tables = tables
        self.comparison = comparison
        self.concurrent = concurrent
        self.inProgress = inProgress
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
    /// Every period with a reported day (the periods index lists them).
    public var periods: [Period]
    /// Periods whose pages are (re)written.
    public var periodPages: [PeriodTables]

    public init(history: SiteHistory, latest: DayInput, gameChannels: [String: [GameChannel]], reports: [DayInput],
                timeZone: TimeZone, timeZoneName: String, baseURL: String?, siteName: String = "twitch-stats",
                periods: [Period] = [], periodPages: [PeriodTables] = []) {
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
    }
}

/// A rendered file: a path relative to the site root and its contents.
public struct SiteFile: Sendable {
    public var path: String
    public var contents: String
}
