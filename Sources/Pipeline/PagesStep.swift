import Foundation
import Metrics
import Model
import Site

/// Records the history of the days rewritten in this build, then renders every page, the
/// digests of those days and the search index into the staging folder. The render settings are
/// saved by `PublishStep`, once the pages rendered with them are published.
enum PagesStep {
    static let renderSettingsKey = "render_settings"

    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else { return }
        let reported = c.report.reportedDays
        let toRecord = Set(c.report.writtenDays).union(try HistoryRecorder.missingDays(reported: reported, store: c.store))
        for day in toRecord.sorted() { try HistoryRecorder.record(try c.dayTables(day), store: c.store) }

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
        if try c.store.siteState(renderSettingsKey) != settings { reportDays.formUnion(reported) }
        for day in reported where !staging.exists("reports/\(CivilDate(dayNumber: day).iso)/index.html") {
            reportDays.insert(day)
        }
        let newest = try c.store.meta(.consolidatedThrough).flatMap { Millis($0) } ?? 0
        func input(_ day: Int) throws -> DayInput {
            let (start, end) = c.calendar.dayBounds(day)
            return DayInput(
                tables: try c.dayTables(day), comparison: try DayComparison.load(store: c.store, day: day),
                concurrent: try c.store.crawlPoints(from: start, to: end).map {
                    ConcurrentPoint(time: $0.time, viewers: $0.viewers, channels: $0.channels)
                },
                inProgress: end > newest)
        }
        let latest = try input(history.latestDay)
        let siteInput = SiteInput(
            history: history, latest: latest,
            gameChannels: latest.tables.gameChannels,
            reports: try reportDays.sorted().map { $0 == history.latestDay ? latest : try input($0) },
            timeZone: c.calendar.timeZone, timeZoneName: c.options.timeZone, baseURL: c.options.baseURL)
        if c.options.baseURL == nil && !reportDays.isEmpty {
            c.logger.notice("no --base-url: links in the email digests (reports/*/email.html) are relative to the site")
        }
        try SiteRenderer(templates: templates).render(siteInput) { file in
            try staging.write(file.path, file.contents)
        }
        c.siteState[renderSettingsKey] = settings
    }
}
