import Metrics

/// `languages/index.html` and the rollups `rollups/7d/index.html`, `rollups/30d/index.html`.
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

    func rollup(_ r: Rollup) throws -> SiteFile {
        let path = "rollups/\(r.days)d/index.html"
        let page = PageContext(input: input, path: path)
        let channelPages = Set(input.history.channelPages.map(\.id))
        let gamePages = Set(input.history.games.keys)
        let changeTitle = "Change in rank from the \(r.days) days before"
        func rows(_ entries: [RollupEntry], link: (String) -> String?, name: (RollupEntry) -> String,
                  sub: (RollupEntry) -> String?) -> [RankRow] {
            entries.map { e in
                let change = Fmt.rankChange(e.rank, e.previousRank)
                return RankRow(
                    rank: String(e.rank), change: change.text, changeClass: change.kind, name: name(e), href: link(e.id),
                    sub: sub(e),
                    values: [Fmt.hours(e.time.hoursWatched), Fmt.viewers(e.time.hoursWatched * 3600 / Double(r.lengthSeconds)),
                             Fmt.count(e.peakViewers), Fmt.hours(e.time.hoursStreamed)])
            }
        }
        let hasPrevious = r.previousTotals != nil
        let games = RankTable(
            caption: "Top 100 games by hours watched", nameHeading: "Game",
            columns: ["Hours watched", "Avg viewers", "Peak viewers", "Hours streamed"],
            rows: rows(Array(r.games.prefix(100)), link: { gamePages.contains($0) ? page.href(SitePaths.game($0)) : nil },
                       name: { Fmt.gameName($0.id, $0.name) }, sub: { _ in nil }),
            showChange: hasPrevious, changeTitle: changeTitle)
        let channels = RankTable(
            caption: "Top 100 channels by hours watched", nameHeading: "Channel",
            columns: ["Hours watched", "Avg viewers", "Peak viewers", "Hours streamed"],
            rows: rows(Array(r.channels.prefix(100)),
                       link: { channelPages.contains($0) ? page.href(SitePaths.channel($0)) : nil }, name: \.name,
                       sub: { Fmt.channelSub(name: $0.name, login: $0.login) }),
            showChange: hasPrevious, changeTitle: changeTitle)
        let p = r.previousTotals
        let previousLength = Double(r.lengthSeconds)
        let versus = "compared with the \(r.days) days before"
        let stats = [
            Stat("Hours watched", Fmt.hours(r.totals.hoursWatched), change: Fmt.change(r.totals.hoursWatched, p?.hoursWatched),
                 versus: versus),
            Stat("Average viewers", Fmt.viewers(r.avgViewers),
                 change: Fmt.change(r.avgViewers, p.map { Double($0.watchMs) / 1000 / previousLength }), versus: versus),
            Stat("Hours streamed", Fmt.hours(r.totals.hoursStreamed),
                 change: Fmt.change(r.totals.hoursStreamed, p?.hoursStreamed), versus: versus),
            Stat("Games", Fmt.count(r.games.count)),
        ]
        let context = page.make(
            title: "Last \(r.days) days", description: "Twitch rankings over \(r.days) days.",
            [
                "heading": "The last \(r.days) days", "days": r.days, "firstDate": Fmt.iso(r.firstDay),
                "lastDate": Fmt.iso(r.lastDay), "previousFirstDate": Fmt.iso(r.firstDay - r.days),
                "previousLastDate": Fmt.iso(r.firstDay - 1), "stats": stats, "games": games, "channels": channels,
            ])
        return SiteFile(path: path, contents: try templates.render("rollup", context))
    }
}
