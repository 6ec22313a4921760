import Metrics

/// The ranking tables of a day: games, channels, languages, with the change in rank from the day
/// before. Long tables stop at `limit` rows and link to the day's full CSV.
struct Rankings {
    let page: PageContext
    let limit: Int
    /// Channels that have a page (others are listed without a link).
    let channelPages: Set<String>
    /// Languages that have a page.
    var languagePages: Set<String> = []

    func games(_ day: DayInput, caption: String) -> RankTable {
        let iso = day.tables.date.iso
        let rows = day.tables.games.prefix(limit).map { g -> RankRow in
            let change = Fmt.rankChange(g.rank, day.comparison.gameRanks[g.gameID])
            return RankRow(
                rank: String(g.rank), change: change.text, changeClass: change.kind,
                name: Fmt.gameName(g.gameID, g.gameName), href: page.href(SitePaths.game(g.gameID)), sub: nil,
                values: [Fmt.hours(g.time.hoursWatched), Fmt.viewers(g.avgViewers), Fmt.count(g.peakViewers),
                         Fmt.count(g.streamers), Fmt.ratio(g.viewerRatio)])
        }
        return RankTable(
            caption: caption, nameHeading: "Game",
            columns: ["Hours watched", "Avg viewers", "Peak viewers", "Streamers", "Viewer ratio"], rows: rows,
            showChange: !day.comparison.gameRanks.isEmpty,
            more: more(day.tables.games.count, "games", iso))
    }

    func channels(_ day: DayInput, caption: String) -> RankTable {
        let iso = day.tables.date.iso
        let rows = day.tables.channels.prefix(limit).map { c in
            RankRow.channel(c, previousRank: day.comparison.channelRanks[c.userID],
                            href: channelPages.contains(c.userID) ? page.href(SitePaths.channel(c.userID)) : nil)
        }
        return RankTable(
            caption: caption, nameHeading: RankRow.channelHeading, columns: RankRow.channelColumns, rows: rows,
            showChange: !day.comparison.channelRanks.isEmpty,
            more: more(day.tables.channels.count, "channels", iso))
    }

    func languages(_ day: DayInput, caption: String) -> RankTable {
        let iso = day.tables.date.iso
        let rows = day.tables.languages.prefix(limit).map { l in
            RankRow.language(l, previousRank: day.comparison.languageRanks[l.language],
                             href: languagePages.contains(l.language) ? page.href(SitePaths.language(l.language)) : nil)
        }
        return RankTable(
            caption: caption, nameHeading: "Language", columns: RankRow.languageColumns, rows: rows,
            showChange: !day.comparison.languageRanks.isEmpty,
            more: more(day.tables.languages.count, "languages", iso))
    }

    private func more(_ count: Int, _ name: String, _ iso: String) -> Link? {
        guard count > limit else { return nil }
        return Link(href: page.href(SitePaths.data(iso, name, "csv")),
                    text: "All \(Fmt.count(count)) \(name) of \(iso) as CSV")
    }
}
