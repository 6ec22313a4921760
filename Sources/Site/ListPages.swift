import Metrics

/// `languages/index.html`.
struct ListPages {
    let input: SiteInput
    let templates: SiteTemplates

    func languages() throws -> [SiteFile] {
        let path = "languages/index.html"
        let page = PageContext(input: input, path: path)
        let day = input.latest
        let charts = ChartBlocks(timeZone: input.timeZone)
        var blocks: [ChartBlock] = []
        let top = day.tables.languages.prefix(15).map { (label: Fmt.language($0.language), value: $0.time.hoursWatched) }
        if !top.isEmpty {
            blocks.append(charts.ranking(
                top, title: "Hours watched by language",
                about: "The \(top.count) languages with most hours watched on \(day.tables.date.iso).",
                unit: "hours watched", labelHeader: "Language"))
        }
        let charted = ChartFiles.attach(blocks, page: path)
        let rankings = Rankings(page: page, limit: 200, channelPages: [], languagePages: input.languagePages)
        let context = page.make(
            title: "Languages", description: "Twitch viewing by stream language on \(day.tables.date.iso).",
            ["dateLong": Fmt.dateLong(day.tables.day), "charts": charted.blocks,
             "languages": rankings.languages(day, caption: "Languages by hours watched")])
        return [SiteFile(path: path, contents: try templates.render("languages", context))] + charted.files
    }
}
