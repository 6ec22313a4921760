import Foundation
import Metrics
import Model
import Site

/// Renders every page, the digests of the days rewritten in this build and the search index into
/// the staging folder, from the inputs loaded beside the periods step (`PageInputsStep`) and the
/// periods' rows and tables. The render settings are saved by `PublishStep`, once the pages
/// rendered with them are published.
enum PagesStep {
    static let renderSettingsKey = "render_settings"
    /// The base URL the digests were rendered with ("" for none).
    static let baseURLKey = "base_url"
    /// What each stream page was rendered from (`StreamPageInputs`).
    static let streamPagesKey = "stream_pages"

    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging, var inputs = c.pageInputs else { return }
        c.pageInputs = nil
        // The consolidated rows and the extracts, gigabytes after a full day, and then the pages as
        // they are written, go to the disk while the pages render instead of while the publish
        // step waits for them: flushed once, then again every second until the pages are done.
        let rendered = DispatchSemaphore(value: 0)
        let flushing = BackgroundWork("build: flush so far") {
            repeat { staging.flushSoFar() } while rendered.wait(timeout: .now() + 1) == .timedOut
        }
        defer {
            rendered.signal()
            try? flushing.value()
        }
        // Recorded by the periods step, after the other inputs were loaded.
        try inputs.history.loadPeriodRows(store: c.store)
        let siteInput = SiteInput(
            history: inputs.history, latest: inputs.latest, gameChannels: inputs.latest.tables.gameChannels,
            reports: inputs.reports, timeZone: c.calendar.timeZone, timeZoneName: c.options.timeZone,
            baseURL: c.options.baseURL, languages: inputs.languages, coverage: inputs.coverage,
            channelSchedules: inputs.schedules, periods: c.periods,
            periodPages: try periodPages(c, settingsChanged: inputs.settingsChanged, staging: staging),
            publishedStreamPages: inputs.publishedStreamPages)
        if c.options.baseURL == nil && !inputs.reports.isEmpty {
            c.logger.notice("no --base-url: links in the email digests (reports/*/email.html) are relative to the site")
        }
        let streamPages = try SiteRenderer(templates: inputs.templates).render(siteInput, into: staging)
        c.siteState[renderSettingsKey] = inputs.settings
        c.siteState[streamPagesKey] = StreamPageInputs.encode(streamPages.inputs)
        c.report.streamPages = (streamPages.rendered, streamPages.kept)
        // `mail` sends the digests only when their links are absolute, from this URL.
        c.siteState[baseURLKey] = c.options.baseURL ?? ""
    }

    /// A period's page changes with its extracts, and every page with the templates and settings:
    /// the pages of periods the periods step did not compute are computed here, each cut to what
    /// its page shows as soon as it is computed.
    private static func periodPages(_ c: BuildContext, settingsChanged: Bool, staging: SiteStaging) throws -> [PeriodTables] {
        let written = Set(c.report.writtenPeriods)
        let pages = c.periods.filter { p in
            settingsChanged || written.contains(p) || !staging.exists(PeriodPaths.page(p))
        }
        try c.computePeriodTables(pages.filter { c.periodPageTables[$0] == nil }) {
            c.periodPageTables[$0.period] = $0.top(PeriodPages.rankingRows)
        }
        return pages.compactMap { c.periodPageTables[$0] }
    }
}
