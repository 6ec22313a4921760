import Metrics

/// `games/index.html` and `games/<id>/index.html` for every game of the trend window.
struct GamePages {
    let input: SiteInput
    let templates: SiteTemplates
    /// Channels that have a page, which the games' top channels link to.
    private let channelPages: Set<String>
    /// Rows of a game page's concurrent data tables at most.
    static let tableRows = 100

    /// Games a page of the index lists: a full day of Twitch has thousands, and one page of
    /// them all weighed over a megabyte.
    static let perIndexPage = 1000

    init(input: SiteInput, templates: SiteTemplates) {
        self.input = input
        self.templates = templates
        channelPages = Set(input.history.channelPages.map(\.id))
    }

    /// `games/index.html` and, for a day with more games, `games/page-N/index.html`: every game of
    /// the latest day by rank, the no-script way to find a game.
    func indexPages() throws -> [SiteFile] {
        let day = input.latest
        let all = day.tables.games
        let pageCount = max(1, (all.count + Self.perIndexPage - 1) / Self.perIndexPage)
        return try (1...pageCount).map { number in
            let path = SitePaths.gamesIndex(page: number)
            let page = PageContext(input: input, path: path)
            let first = (number - 1) * Self.perIndexPage
            let shown = Array(all[first..<min(all.count, first + Self.perIndexPage)])
            var pageDay = day
            pageDay.tables.games = shown
            let rankings = Rankings(page: page, limit: Int.max, channelPages: [])
            let caption = pageCount == 1
                ? "Games by hours watched on \(day.tables.date.iso)"
                : "Games by hours watched on \(day.tables.date.iso), ranks \(Fmt.count(first + 1))–\(Fmt.count(first + shown.count)) of \(Fmt.count(all.count))"
            var table = rankings.games(pageDay, caption: caption)
            table.more = nil
            var fields: [String: Any] = ["dateLong": Fmt.dateLong(day.tables.day), "games": table, "paged": pageCount > 1]
            if number > 1 {
                fields["previousHref"] = page.href(SitePaths.gamesIndex(page: number - 1))
                fields["previousRanks"] = "ranks \(Fmt.count(first - Self.perIndexPage + 1))–\(Fmt.count(first))"
            }
            if number < pageCount {
                fields["nextHref"] = page.href(SitePaths.gamesIndex(page: number + 1))
                fields["nextRanks"] = "ranks \(Fmt.count(first + Self.perIndexPage + 1))–\(Fmt.count(min(all.count, first + 2 * Self.perIndexPage)))"
            }
            let context = page.make(
                title: number == 1 ? "Games" : "Games, page \(number)",
                description: "Every game streamed on \(day.tables.date.iso), ranked by hours watched.", fields)
            return SiteFile(path: path, contents: try templates.render("games", context))
        }
    }

    /// Ids of the games that get a page: every game seen in the trend window.
    var gameIDs: [String] { input.history.games.keys.sorted(by: byteOrder) }

    func page(_ id: String) throws -> [SiteFile] {
        let path = SitePaths.game(id)
        let page = PageContext(input: input, path: path)
        let days = input.history.games[id] ?? []
        let latestDay = input.history.latestDay
        let today = days.last { $0.day == latestDay }
        let yesterday = days.last { $0.day == latestDay - 1 }
        let name = Fmt.gameName(id, days.last?.name ?? "")
        let length = Double(input.latest.tables.lengthSeconds)
        let versus = "compared with \(Fmt.iso(latestDay - 1))"
        let charts = ChartBlocks(timeZone: input.timeZone)

        var stats: [Stat] = []
        if let t = today {
            let before = yesterday.map { $0.time.hoursWatched }
            stats = [
                Stat("Hours watched", Fmt.hours(t.time.hoursWatched), change: Fmt.change(t.time.hoursWatched, before),
                     versus: versus),
                Stat("Average viewers", Fmt.viewers(t.time.hoursWatched * 3600 / length)),
                Stat("Peak viewers", Fmt.count(t.peakViewers)),
                Stat("Hours streamed", Fmt.hours(t.time.hoursStreamed)),
                Stat("Average channels", Fmt.viewers(t.time.hoursStreamed * 3600 / length)),
                Stat("Peak channels", Fmt.count(t.peakChannels)),
                Stat("Streamers", Fmt.count(t.count)),
                Stat("Viewer ratio", Fmt.ratio(t.time.viewerRatio)),
            ]
        }
        var blocks: [ChartBlock] = []
        if let points = input.history.gameConcurrent[id], !points.isEmpty {
            let date = Fmt.dateLong(latestDay)
            // Thousands of game pages: their tables give every third crawl of a day (the chart's
            // tooltips still give each one), which keeps the pages light.
            blocks.append(charts.concurrentViewers(
                points, title: "Concurrent viewers on \(Fmt.dayShort(latestDay))",
                about: "Viewers of \(name) at each crawl on \(date).", tableRows: Self.tableRows))
            blocks.append(charts.concurrentChannels(
                points, title: "Live channels on \(Fmt.dayShort(latestDay))",
                about: "Channels live in \(name) at each crawl on \(date).", tableRows: Self.tableRows))
        }
        if !days.isEmpty {
            blocks.append(charts.daily(
                days.map { (day: $0.day, value: $0.time.hoursWatched) }, over: input.history.totals.map(\.day),
                title: "Hours watched per day",
                about: "Hours watched of \(name) on each reported day of the last \(SiteHistory.trendDays) days.",
                unit: "hours watched"))
        }
        let historyRows = days.reversed().map { d in
            RankRow(rank: String(d.rank), name: Fmt.iso(d.day), href: page.href(SitePaths.report(Fmt.iso(d.day))),
                    values: [Fmt.hours(d.time.hoursWatched), Fmt.count(d.peakViewers), Fmt.count(d.count),
                             Fmt.ratio(d.time.viewerRatio)])
        }
        let rankHistory = RankTable(
            caption: "Rank by hours watched on each day", nameHeading: "Day",
            columns: ["Hours watched", "Peak viewers", "Streamers", "Viewer ratio"], rows: historyRows, showChange: false,
            rankOrdered: false)

        let channels = (input.gameChannels[id] ?? []).enumerated().map { i, c in
            RankRow(rank: String(i + 1), name: c.userName,
                    href: channelPages.contains(c.userID) ? page.href(SitePaths.channel(c.userID)) : nil,
                    sub: Fmt.channelSub(name: c.userName, login: c.userLogin),
                    values: [Fmt.hours(c.time.hoursWatched), Fmt.viewers(c.time.viewerRatio),
                             Fmt.hours(c.time.hoursStreamed)])
        }
        let channelTable: RankTable? = channels.isEmpty ? nil : RankTable(
            caption: "Channels by hours watched in this game", nameHeading: "Channel",
            columns: ["Hours watched", "Avg viewers", "Hours streamed"], rows: channels, showChange: false)

        let charted = ChartFiles.attach(blocks, page: path)
        var fields: [String: Any] = [
            "name": name, "id": id, "dateLong": Fmt.dateLong(latestDay), "stats": stats, "charts": charted.blocks,
            "history": rankHistory,
        ]
        if let today { fields["rank"] = String(today.rank) }
        if let channelTable { fields["channels"] = channelTable }
        fields.merge(PeriodHistoryBlock.fields(input.history.periodGames[id] ?? [], perChannel: false, page: page)) { $1 }
        let context = page.make(
            title: name, description: "\(name) on Twitch: viewers, channels, hours watched and rank history.", fields)
        return [SiteFile(path: path, contents: try templates.render("game", context))] + charted.files
    }
}
