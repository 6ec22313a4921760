import Foundation
import Helix
import Metrics
import Model
import Site

/// What the pages read that the periods step does not change: the history of the recorded days,
/// the inputs of the days whose reports are written, language rankings, schedules, coverage and
/// the templates. Loading it is mostly waiting on the store on one thread, so it runs beside the
/// periods step; the pages step adds the periods' rows and pages (`PagesStep`).
struct PageInputs: Sendable {
    var history: SiteHistory
    var templates: SiteTemplates
    /// The render settings' fingerprint, and whether it differs from the published pages'.
    var settings: String
    var settingsChanged: Bool
    var latest: DayInput
    var reports: [DayInput]
    var languages: [LanguageRanking]
    var coverage: [DayCoverage]
    var schedules: [String: ChannelSchedule]
    /// What the published stream pages were rendered from (`SiteInput.publishedStreamPages`).
    var publishedStreamPages: [String: UInt64]
}

enum PageInputsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        c.pageInputs = try load(c, staging: staging)
    }

    /// Nil when no day is reported yet. Reads only what was set before the step started
    /// (`reportedDays`, `daysToWrite`): the periods step changes the report meanwhile.
    static func load(_ c: BuildContext, staging: SiteStaging) throws -> PageInputs? {
        let reported = c.reportedDays
        guard let history = try SiteHistory.load(
            store: c.store, calendar: c.calendar, reportedDays: reported, channelPages: c.options.channelPages,
            periodRows: false)
        else { return nil }
        let templates = try SiteTemplates(overrides: c.options.templates)
        if !templates.overridden.isEmpty {
            c.logger.info("templates overridden", metadata: ["files": "\(templates.overridden.joined(separator: ", "))"])
        }

        // A day's report changes with its own numbers, and the day before's with its "next" link.
        var reportDays = Set(c.daysToWrite)
        for day in c.daysToWrite {
            if let i = reported.firstIndex(of: day), i > 0 { reportDays.insert(reported[i - 1]) }
        }
        // Pages of every day depend on the templates and settings, and on the program that renders
        // them: when they change, render all days.
        let settings = SiteTemplates.hash([
            templates.fingerprint, c.options.baseURL ?? "", String(c.options.channelPages), c.options.timeZone,
            TwitchStatsVersion.current,
        ])
        let settingsChanged = try c.store.siteState(PagesStep.renderSettingsKey) != settings
        if settingsChanged { reportDays.formUnion(reported) }
        for day in reported where !staging.exists("reports/\(CivilDate(dayNumber: day).iso)/index.html")
            || !staging.exists(SitePaths.emailText(CivilDate(dayNumber: day).iso)) {
            reportDays.insert(day)
        }
        let newest = try c.store.meta(.consolidatedThrough).flatMap { Millis($0) } ?? 0
        let coverage = try DayCoverage.load(store: c.store, calendar: c.calendar, days: reported)
        func input(_ day: Int) throws -> DayInput {
            let (start, end) = c.calendar.dayBounds(day)
            return DayInput(
                tables: try c.dayTables(day), comparison: try DayComparison.load(store: c.store, day: day),
                // The latest day's crawls are in the history already.
                concurrent: day == history.latestDay ? history.concurrent : try c.store.crawlPoints(from: start, to: end),
                inProgress: end > newest, coverage: coverage[day])
        }
        let latest = try input(history.latestDay)
        return PageInputs(
            history: history, templates: templates, settings: settings, settingsChanged: settingsChanged,
            latest: latest,
            reports: try reportDays.sorted().map { $0 == history.latestDay ? latest : try input($0) },
            languages: try LanguageRanking.load(store: c.store, calendar: c.calendar, latest: latest.tables),
            coverage: reported.compactMap { coverage[$0] },
            schedules: try ChannelSchedule.load(
                store: c.store, timeZone: c.calendar.timeZone, users: history.channelPages.map(\.id),
                from: history.trendFirstDay, through: history.latestDay),
            publishedStreamPages: settingsChanged ? [:] : try publishedStreamPages(c, staging: staging))
    }

    /// The stream pages' inputs recorded when the published site was built, for the pages that
    /// are still there.
    private static func publishedStreamPages(_ c: BuildContext, staging: SiteStaging) throws -> [String: UInt64] {
        guard let text = try c.store.siteState(PagesStep.streamPagesKey) else { return [:] }
        return StreamPageInputs.decode(text).filter { staging.exists(SitePaths.stream($0.key)) }
    }
}
