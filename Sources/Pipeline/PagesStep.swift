import Foundation
import Metrics
import Model
import Site

/// Renders every page, the digests of the days rewritten in this build and the search index into
/// the staging folder. The render settings are saved by `PublishStep`, once the pages rendered
/// with them are published.
enum PagesStep {
    static let renderSettingsKey = "render_settings"
    /// The base URL the digests were rendered with ("" for none).
    static let baseURLKey = "base_url"

    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        let reported = c.report.reportedDays

        guard let history = try SiteHistory.load(
            store: c.store, calendar: c.calendar, reportedDays: reported, channelPages: c.options.channelPages)
        else { return }
        let templates = try SiteTemplates(overrides: c.options.templates)
        if !templates.overridden.isEmpty {
            c.logger.info("templates overridden", metadata: ["files": "\(templates.overridden.joined(separator: ", "))"])
        }

        // A day's report changes with its own numbers, and the day before's with its "next" link.
        var reportDays = Set(c.report.writtenDays)
        for day in c.report.writtenDays {
            if let i = reported.firstIndex(of: day), i > 0 { reportDays.insert(reported[i - 1]) }
        }
        // Pages of every day depend on the templates and settings: when they change, render all days.
        let settings = SiteTemplates.hash([
            templates.fingerprint, c.options.baseURL ?? "", String(c.options.channelPages), c.options.timeZone,
        ])
        let settingsChanged = try c.store.siteState(renderSettingsKey) != settings
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
                concurrent: try c.store.crawlPoints(from: start, to: end),
                inProgress: end > newest, coverage: coverage[day])
        }
        let latest = try input(history.latestDay)
        let siteInput = SiteInput(
            history: history, latest: latest,
            gameChannels: latest.tables.gameChannels,
            reports: try reportDays.sorted().map { $0 == history.latestDay ? latest : try input($0) },
            timeZone: c.calendar.timeZone, timeZoneName: c.options.timeZone, baseURL: c.options.baseURL,
            languages: try LanguageRanking.load(store: c.store, calendar: c.calendar, latest: latest.tables),
            coverage: reported.compactMap { coverage[$0] },
            channelSchedules: try ChannelSchedule.load(
                store: c.store, timeZone: c.calendar.timeZone, users: history.channelPages.map(\.id),
                from: history.trendFirstDay, through: history.latestDay),
            periods: c.periods, periodPages: try periodPages(c, settingsChanged: settingsChanged, staging: staging))
        if c.options.baseURL == nil && !reportDays.isEmpty {
            c.logger.notice("no --base-url: links in the email digests (reports/*/email.html) are relative to the site")
        }
        try SiteRenderer(templates: templates).render(siteInput, into: staging)
        c.siteState[renderSettingsKey] = settings
        // `mail` sends the digests only when their links are absolute, from this URL.
        c.siteState[baseURLKey] = c.options.baseURL ?? ""
    }

    /// A period's page changes with its extracts, and every page with the templates and settings.
    private static func periodPages(_ c: BuildContext, settingsChanged: Bool, staging: SiteStaging) throws -> [PeriodTables] {
        let written = Set(c.report.writtenPeriods)
        let pages = c.periods.filter { p in
            settingsChanged || written.contains(p) || !staging.exists(PeriodPaths.page(p))
        }
        try c.computePeriodTables(pages)
        let shown = try pages.compactMap { try c.periodTables($0)?.top(PeriodPages.rankingRows) }
        // The full tables are the extracts' alone from here: they let each go once written.
        c.forgetPeriodTables()
        return shown
    }
}
