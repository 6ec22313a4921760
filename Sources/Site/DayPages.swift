import Metrics
import Mustache

/// The overview (`index.html`), the report of each day (`reports/D/index.html`) and the list of
/// reports (`reports/index.html`).
struct DayPages {
    let input: SiteInput
    let templates: SiteTemplates

    var channelPages: Set<String> { Set(input.history.channelPages.map(\.id)) }

    func overview() throws -> [SiteFile] {
        let path = "index.html"
        let page = PageContext(input: input, path: path)
        let day = input.latest
        let rankings = Rankings(page: page, limit: 25, channelPages: channelPages, languagePages: input.languagePages)
        let charts = ChartBlocks(timeZone: input.timeZone)
        let history = input.history
        var blocks = concurrentCharts(day, charts)
        let trend = history.totals.map { (day: $0.day, value: $0.time.hoursWatched) }
        if !trend.isEmpty {
            blocks.append(charts.daily(
                trend, over: history.totals.map(\.day), title: "Hours watched per day",
                about: "Hours watched on each of the last \(trend.count) reported days.", unit: "hours watched"))
        }
        let languages = day.tables.languages.prefix(10).map { (label: Fmt.language($0.language), value: $0.watchShare * 100) }
        if !languages.isEmpty {
            blocks.append(charts.ranking(
                languages, title: "Share of hours watched by language",
                about: "The ten languages with most hours watched, as a percentage of all hours watched.",
                unit: "% of hours watched", labelHeader: "Language", valueSuffix: "%"))
        }
        let iso = day.tables.date.iso
        let charted = ChartFiles.attach(blocks, page: path)
        let context = page.make(
            title: "Overview", description: "Twitch viewing on \(iso): hours watched, viewers, top games and channels.",
            [
                "dateLong": Fmt.dateLong(day.tables.day), "reportHref": page.href(SitePaths.report(iso)),
                "stats": stats(day), "charts": charted.blocks,
                "games": rankings.games(day, caption: "Top 25 games by hours watched"),
                "channels": rankings.channels(day, caption: "Top 25 channels by hours watched"),
                "languages": rankings.languages(day, caption: "Languages by hours watched"),
            ])
        return [SiteFile(path: path, contents: try templates.render("index", context))] + charted.files
    }

    func report(_ day: DayInput) throws -> [SiteFile] {
        let iso = day.tables.date.iso
        let path = SitePaths.report(iso)
        let page = PageContext(input: input, path: path, dataThrough: day.tables.day)
        let rankings = Rankings(page: page, limit: 100, channelPages: channelPages, languagePages: input.languagePages)
        let days = input.history.reportedDays
        let index = days.firstIndex(of: day.tables.day)
        let previous = index.flatMap { $0 > 0 ? days[$0 - 1] : nil }
        let next = index.flatMap { $0 + 1 < days.count ? days[$0 + 1] : nil }
        let charted = ChartFiles.attach(concurrentCharts(day, ChartBlocks(timeZone: input.timeZone)), page: path)
        var fields: [String: Any] = [
            "date": iso, "dateLong": Fmt.dateLong(day.tables.day), "inProgress": day.inProgress,
            "stats": stats(day), "charts": charted.blocks,
            "games": rankings.games(day, caption: "Top 100 games by hours watched"),
            "channels": rankings.channels(day, caption: "Top 100 channels by hours watched"),
            "languages": rankings.languages(day, caption: "Languages by hours watched"),
        ]
        if let previous {
            fields["previousHref"] = page.href(SitePaths.report(Fmt.iso(previous)))
            fields["previousDate"] = Fmt.iso(previous)
        }
        if let next {
            fields["nextHref"] = page.href(SitePaths.report(Fmt.iso(next)))
            fields["nextDate"] = Fmt.iso(next)
        }
        let context = page.make(
            title: "Report \(iso)", description: "Twitch viewing on \(iso): hours watched, viewers, games, channels.",
            fields)
        return [SiteFile(path: path, contents: try templates.render("report", context))] + charted.files
    }

    /// The list of every reported day with its totals (from the history tables).
    func reportsIndex(totals: [DayTotals]) throws -> SiteFile {
        let path = "reports/index.html"
        let page = PageContext(input: input, path: path)
        let rows = totals.reversed().map { t in
            ReportsIndexRow(date: Fmt.iso(t.day), href: page.href(SitePaths.report(Fmt.iso(t.day))),
                hoursWatched: Fmt.hours(t.time.hoursWatched), avgViewers: Fmt.viewers(t.avgViewers),
                peakViewers: Fmt.count(t.peakViewers), channels: Fmt.count(t.channels), games: Fmt.count(t.games))
        }
        let context = page.make(title: "Daily reports", description: "Every reported day.", ["days": rows])
        return SiteFile(path: path, contents: try templates.render("reports", context))
    }

    func stats(_ day: DayInput) -> [Stat] {
        let s = day.tables.summary
        let p = day.comparison.previous
        let length = day.tables.lengthSeconds
        let versus = p.map { "compared with \(Fmt.iso($0.day))" } ?? ""
        return [
            Stat("Hours watched", Fmt.hours(s.time.hoursWatched),
                 change: Fmt.change(s.time.hoursWatched, p?.time.hoursWatched), versus: versus),
            Stat("Average viewers", Fmt.viewers(s.avgViewers), change: Fmt.change(s.avgViewers, p?.avgViewers),
                 versus: versus),
            Stat("Peak viewers", Fmt.count(s.peakViewers),
                 change: Fmt.change(Double(s.peakViewers), p.map { Double($0.peakViewers) }), versus: versus),
            Stat("Hours streamed", Fmt.hours(s.time.hoursStreamed),
                 change: Fmt.change(s.time.hoursStreamed, p?.time.hoursStreamed), versus: versus),
            Stat("Average channels", Fmt.viewers(s.time.avgChannels(over: length)),
                 change: Fmt.change(s.avgChannels, p?.avgChannels), versus: versus),
            Stat("Channels", Fmt.count(s.channels),
                 change: Fmt.change(Double(s.channels), p.map { Double($0.channels) }), versus: versus),
            Stat("Games", Fmt.count(s.games), change: Fmt.change(Double(s.games), p.map { Double($0.games) }),
                 versus: versus),
            Stat("Crawls", Fmt.count(s.crawls)),
        ] + (day.coverage.map { [Stat("Coverage", Fmt.percent($0.coverage))] } ?? [])
    }

    private func concurrentCharts(_ day: DayInput, _ charts: ChartBlocks) -> [ChartBlock] {
        guard !day.concurrent.isEmpty else { return [] }
        let date = Fmt.dateLong(day.tables.day)
        return [
            charts.concurrentViewers(
                day.concurrent, title: "Concurrent viewers",
                about: "Viewers of all live streams at each crawl on \(date) (\(input.timeZoneName))."),
            charts.concurrentChannels(
                day.concurrent, title: "Live channels",
                about: "Channels live at each crawl on \(date) (\(input.timeZoneName))."),
        ]
    }
}

/// A day of the list of reports.
struct ReportsIndexRow: MustacheParent {
    var date, href, hoursWatched, avgViewers, peakViewers, channels, games: String

    func child(named field: String) -> Any? {
        switch field {
        case "date": date
        case "href": href
        case "hoursWatched": hoursWatched
        case "avgViewers": avgViewers
        case "peakViewers": peakViewers
        case "channels": channels
        case "games": games
        default: nil
        }
    }
}
