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

    /// What was rendered, for the build's log.
    public struct Summary: Sendable {
        public var files = 0
        public var gamePages = 0
        public var channelPages = 0
        public var reports = 0
    }

    @discardableResult
    public func render(_ input: SiteInput, write: (SiteFile) throws -> Void) throws -> Summary {
        var summary = Summary()
        func emit(_ file: SiteFile) throws {
            try write(file)
            summary.files += 1
        }
        for name in SiteTemplates.assets {
            if let text = templates.assetFiles[name] { try emit(SiteFile(path: name, contents: text)) }
        }
        let entries = SearchIndex.entries(input)
        try emit(SiteFile(path: "search.json", contents: SearchIndex.json(entries)))
        try emit(SiteFile(path: "search-index.js", contents: SearchIndex.script(entries)))

        let days = DayPages(input: input, templates: templates)
        try emit(days.overview())
        try emit(days.reportsIndex(totals: input.history.allTotals))
        let digest = DigestPage(input: input, templates: templates)
        try ParallelPages.render(input.reports, page: { try days.report($0) }, write: write)
        try ParallelPages.render(input.reports, page: { try digest.render($0) }, write: write)
        summary.files += 2 * input.reports.count
        summary.reports += input.reports.count

        let games = GamePages(input: input, templates: templates)
        for file in try games.indexPages() { try emit(file) }
        let gameIDs = games.gameIDs
        try ParallelPages.render(gameIDs, page: { try games.page($0) }, write: write)
        summary.files += gameIDs.count
        summary.gamePages += gameIDs.count

        let channels = ChannelPages(input: input, templates: templates)
        try emit(channels.index())
        try ParallelPages.render(input.history.channelPages, page: { try channels.page($0) }, write: write)
        summary.files += input.history.channelPages.count
        summary.channelPages += input.history.channelPages.count

        let lists = ListPages(input: input, templates: templates)
        try emit(lists.languages())
        for rollup in input.history.rollups { try emit(lists.rollup(rollup)) }

        let reference = ReferencePages(input: input, templates: templates)
        try emit(reference.methodology())
        try emit(reference.downloads())
        return summary
    }
}
