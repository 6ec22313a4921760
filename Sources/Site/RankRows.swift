import Metrics

/// The channel and language rows of a ranking table, the same on day and period pages; only
/// where the previous rank comes from differs.
extension RankRow {
    static let channelHeading = "Channel (main game)"
    static let channelColumns = ["Hours watched", "Avg viewers", "Peak viewers", "Hours streamed"]
    static let languageColumns = ["Hours watched", "Share", "Avg viewers", "Peak viewers", "Channels"]

    static func channel(_ c: ChannelRow, previousRank: Int?, href: String?) -> RankRow {
        let change = Fmt.rankChange(c.rank, previousRank)
        return RankRow(
            rank: String(c.rank), change: change.text, changeClass: change.kind, name: c.userName, href: href,
            sub: Fmt.gameName(c.mainGameID, c.mainGameName),
            values: [Fmt.hours(c.time.hoursWatched), Fmt.viewers(c.avgViewers), Fmt.count(c.peakViewers),
                     Fmt.hours(c.time.hoursStreamed)])
    }

    static func language(_ l: LanguageRow, previousRank: Int?, href: String?) -> RankRow {
        let change = Fmt.rankChange(l.rank, previousRank)
        return RankRow(
            rank: String(l.rank), change: change.text, changeClass: change.kind, name: Fmt.language(l.language),
            href: href, sub: nil,
            values: [Fmt.hours(l.time.hoursWatched), Fmt.percent(l.watchShare), Fmt.viewers(l.avgViewers),
                     Fmt.count(l.peakViewers), Fmt.count(l.channels)])
    }
}
