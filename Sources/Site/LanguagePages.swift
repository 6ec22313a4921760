import Metrics
import Mustache

extension SitePaths {
    /// A language's page; the unknown language (empty code) is `languages/_none/`.
    public static func language(_ code: String) -> String { "languages/\(safeID(code))/index.html" }
}

extension SiteInput {
    /// Languages that have a page.
    var languagePages: Set<String> { Set(languages.map(\.language.language)) }
}

/// `languages/<code>/index.html`: the top games and channels of one language over the latest day,
/// 7 and 30 days, and its concurrent viewers through the latest day.
struct LanguagePages {
    let input: SiteInput
    let templates: SiteTemplates
    private let channelPages: Set<String>

    init(input: SiteInput, templates: SiteTemplates) {
        self.input = input
        self.templates = templates
        channelPages = Set(input.history.channelPages.map(\.id))
    }

    func page(_ ranking: LanguageRanking) throws -> [SiteFile] {
        let row = ranking.language
        let code = row.language
        let name = Fmt.language(code)
        let path = SitePaths.language(code)
        let page = PageContext(input: input, path: path)
        let day = input.latest.tables
        let charts = ChartBlocks(timeZone: input.timeZone)
        let date = Fmt.dateLong(day.day)

        let stats = [
            Stat("Hours watched", Fmt.hours(row.time.hoursWatched)),
            Stat("Share of hours watched", Fmt.percent(row.watchShare)),
            Stat("Average viewers", Fmt.viewers(row.avgViewers)),
            Stat("Peak viewers", Fmt.count(row.peakViewers)),
            Stat("Hours streamed", Fmt.hours(row.time.hoursStreamed)),
            Stat("Channels", Fmt.count(row.channels)),
        ]
        var blocks: [ChartBlock] = []
        if !ranking.concurrent.isEmpty {
            blocks.append(charts.concurrentViewers(
                ranking.concurrent, title: "Concurrent viewers on \(Fmt.dayShort(day.day))",
                about: "Viewers of the streams in language \(name) at each crawl on \(date) (\(input.timeZoneName))."))
            blocks.append(charts.concurrentChannels(
                ranking.concurrent, title: "Live channels on \(Fmt.dayShort(day.day))",
                about: "Channels live in language \(name) at each crawl on \(date) (\(input.timeZoneName))."))
        }
        let spans = ranking.spans.map { span in
            LanguageSpanView(
                heading: span.days == 1 ? "On \(Fmt.iso(span.lastDay))" : "The last \(span.days) days",
                range: span.days == 1 ? nil : "\(Fmt.iso(span.firstDay)) to \(Fmt.iso(span.lastDay))",
                games: gameTable(span, page), channels: channelTable(span, page))
        }
        let charted = ChartFiles.attach(blocks, page: path)
        let context = page.make(
            title: "Language \(name)",
            description: "Twitch streams in language \(name): top games and channels, concurrent viewers.",
            ["name": name, "rank": String(row.rank), "dateLong": date, "stats": stats, "charts": charted.blocks, "spans": spans])
        return [SiteFile(path: path, contents: try templates.render("language", context))] + charted.files
    }

    private func gameTable(_ span: LanguageSpan, _ page: PageContext) -> RankTable {
        let gamePages = input.history.games
        let rows = span.games.map { g in
            RankRow(rank: String(g.rank), name: Fmt.gameName(g.id, g.name),
                    href: gamePages[g.id] != nil ? page.href(SitePaths.game(g.id)) : nil,
                    values: [Fmt.hours(g.time.hoursWatched), Fmt.viewers(g.time.viewerRatio), Fmt.hours(g.time.hoursStreamed)]
                        + (g.count.map { [Fmt.count($0)] } ?? []))
        }
        return RankTable(
            caption: "Top games by hours watched" + (span.days == 1 ? "" : " over \(span.days) days"), nameHeading: "Game",
            columns: ["Hours watched", "Viewer ratio", "Hours streamed"] + (span.days == 1 ? ["Channels"] : []),
            rows: rows, showChange: false)
    }

    private func channelTable(_ span: LanguageSpan, _ page: PageContext) -> RankTable {
        let rows = span.channels.map { c in
            RankRow(rank: String(c.rank), name: c.name,
                    href: channelPages.contains(c.id) ? page.href(SitePaths.channel(c.id)) : nil,
                    sub: Fmt.channelSub(name: c.name, login: c.login),
                    values: [Fmt.hours(c.time.hoursWatched), Fmt.viewers(c.time.viewerRatio), Fmt.count(c.count ?? 0),
                             Fmt.hours(c.time.hoursStreamed)])
        }
        return RankTable(
            caption: "Top channels by hours watched" + (span.days == 1 ? "" : " over \(span.days) days"),
            nameHeading: "Channel", columns: ["Hours watched", "Avg viewers", "Peak viewers", "Hours streamed"],
            rows: rows, showChange: false)
    }
}

/// One span of a language page: its games and its channels.
struct LanguageSpanView: MustacheParent {
    var heading: String
    var range: String?
    var games, channels: RankTable

    func child(named field: String) -> Any? {
        switch field {
        case "heading": heading
        case "range": range as Any?
        case "games": games
        case "channels": channels
        default: nil
        }
    }
}
