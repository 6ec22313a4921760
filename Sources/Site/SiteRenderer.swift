import Foundation
import Metrics

/// Renders the whole site (pages, digests, search index, assets) from a `SiteInput`, handing
/// each file to `write` (the build passes its staging folder, which skips identical bytes).
/// `write` is called from several threads at once.
public struct SiteRenderer: Sendable {
    public let templates: SiteTemplates

    public init(templates: SiteTemplates) {
        self.templates = templates
    }

    /// Renders the site into a new version of the output folder, and removes the chart files that
    /// the pages rendered in it no longer have (`StaleChartFiles`).
    public func render(_ input: SiteInput, into staging: SiteStaging) throws -> StreamPagesRendered {
        let stale = StaleChartFiles()
        let streamPages = try render(input) { file in
            try staging.write(file.path, file.contents)
            stale.note(file.path)
        }
        try stale.remove(from: staging)
        return streamPages
    }

    @discardableResult
    public func render(_ input: SiteInput, write: (SiteFile) throws -> Void) throws -> StreamPagesRendered {
        let days = DayPages(input: input, templates: templates)
        let digest = DigestPage(input: input, templates: templates)
        let games = GamePages(input: input, templates: templates)
        let channels = ChannelPages(input: input, templates: templates)
        let lists = ListPages(input: input, templates: templates)
        let reference = ReferencePages(input: input, templates: templates)
        let languagePages = LanguagePages(input: input, templates: templates)
        let streamPages = StreamPages(input: input, templates: templates)
        let periods = PeriodPages(input: input, templates: templates)
        let templates = templates

        // The largest pages first and the thousands of small ones last, so that the lanes finish
        // close together.
        var jobs: [ParallelPages.Job] = [
            { try days.overview() },
            { [try days.reportsIndex(totals: input.history.allTotals)] },
        ]
        jobs += input.reports.map { report in { try days.report(report) } }
        jobs += input.reports.map { report in { try digest.render(report) } }
        jobs += [
            { try games.indexPages() },
            { [try channels.index()] },
            { try lists.languages() },
        ]
        jobs.append { [try CoveragePage(input: input, templates: templates).render()] }
        jobs += input.languages.map { ranking in { try languagePages.page(ranking) } }
        jobs += input.periodPages.map { tables in { try periods.page(tables) } }
        jobs.append { [try periods.index(input.periods)] }
        jobs += [
            { [try reference.methodology()] },
            { [try reference.downloads()] },
            {
                let entries = SearchIndex.entries(input)
                return [SiteFile(path: "search.json", contents: SearchIndex.json(entries)),
                        SiteFile(path: "search-index.js", contents: SearchIndex.script(entries))]
            },
            { SiteTemplates.assets.compactMap { name in templates.assetFiles[name].map { SiteFile(path: name, contents: $0) } } },
        ]
        jobs += input.history.channelPages.map { entry in { try channels.page(entry) } }
        let streams = streamPages.toRender()
        jobs += streams.pages.map { item in { try streamPages.page(item.channel, item.stream) } }
        jobs += games.gameIDs.map { id in { try games.page(id) } }

        try ParallelPages.run(jobs, write: write)
        return StreamPagesRendered(inputs: streams.inputs, rendered: streams.pages.count)
    }
}

/// The stream pages of a build: what each is now rendered from, by stream id (the next build's
/// `SiteInput.publishedStreamPages`), and how many were rendered (the others were already published).
public struct StreamPagesRendered: Sendable {
    public var inputs: [String: UInt64]
    public var rendered: Int
    public var kept: Int { inputs.count - rendered }
}
