import Model
import Metrics
import Mustache

/// `reports/D/email.html`: the day's digest, safe to paste into an email. Tables and inline styles
/// only (no SVG, script, stylesheet or style block); links absolute from the base URL, or relative
/// to the digest's place in the site when no base URL is set. Beside it `reports/D/email.txt`, the
/// same digest written as plain text (`DigestText`), which `mail` sends as the text part.
struct DigestPage {
    let input: SiteInput
    let templates: SiteTemplates

    struct Cell: MustacheParent {
        var label, value: String
        var delta: String?
        var deltaColor: String

        func child(named field: String) -> Any? {
            switch field {
            case "label": label
            case "value": value
            case "delta": delta as Any?
            case "deltaColor": deltaColor
            default: nil
            }
        }
    }

    struct StatRow: MustacheParent {
        var cells: [Cell]
        func child(named field: String) -> Any? { field == "cells" ? cells : nil }
    }

    struct Row: MustacheParent {
        var rank, name, href, value, change, changeColor: String

        func child(named field: String) -> Any? {
            switch field {
            case "rank": rank
            case "name": name
            case "href": href
            case "value": value
            case "change": change
            case "changeColor": changeColor
            default: nil
            }
        }
    }

    struct Section: MustacheParent {
        var heading: String
        var note: String?
        var nameHeading, valueHeading, changeHeading: String
        var rows: [Row]

        func child(named field: String) -> Any? {
            switch field {
            case "heading": heading
            case "note": note as Any?
            case "nameHeading": nameHeading
            case "valueHeading": valueHeading
            case "changeHeading": changeHeading
            case "rows": rows
            default: nil
            }
        }
    }

    static let movers = 5
    static let top = 10

    func render(_ day: DayInput) throws -> [SiteFile] {
        let iso = day.tables.date.iso
        let path = SitePaths.email(iso)
        let link = { (target: String) -> String in
            if let base = input.baseURL { return Self.absolute(base: base, target) }
            return SitePaths.root(of: path) + target
        }
        let stats = DayPages(input: input, templates: templates).stats(day).prefix(6).map { s in
            Cell(label: s.label, value: s.value, delta: s.delta, deltaColor: Self.color(s.deltaClass))
        }
        let statRows = stride(from: 0, to: stats.count, by: 2).map { StatRow(cells: Array(stats[$0..<min($0 + 2, stats.count)])) }
        let compared = !day.comparison.gameRanks.isEmpty

        func gameRow(_ g: GameRow) -> Row {
            let change = Fmt.rankChange(g.rank, day.comparison.gameRanks[g.gameID])
            return Row(rank: String(g.rank), name: Fmt.gameName(g.gameID, g.gameName), href: link(SitePaths.game(g.gameID)),
                       value: Fmt.hours(g.time.hoursWatched), change: compared ? change.text : "",
                       changeColor: Self.color(change.kind))
        }
        let channelPages = Set(input.history.channelPages.map(\.id))
        func channelRow(_ c: ChannelRow) -> Row {
            let change = Fmt.rankChange(c.rank, day.comparison.channelRanks[c.userID])
            let href = channelPages.contains(c.userID) ? link(SitePaths.channel(c.userID)) : link(SitePaths.report(iso))
            return Row(rank: String(c.rank), name: c.userName, href: href, value: Fmt.hours(c.time.hoursWatched),
                       change: compared ? change.text : "", changeColor: Self.color(change.kind))
        }
        var sections = [
            Section(heading: "Top games", note: nil, nameHeading: "Game", valueHeading: "Hours watched",
                    changeHeading: compared ? "Rank" : "", rows: day.tables.games.prefix(Self.top).map(gameRow)),
            Section(heading: "Top channels", note: nil, nameHeading: "Channel", valueHeading: "Hours watched",
                    changeHeading: compared ? "Rank" : "", rows: day.tables.channels.prefix(Self.top).map(channelRow)),
        ]
        if compared {
            let risers = day.tables.games.prefix(100).compactMap { g -> (GameRow, Int)? in
                guard let before = day.comparison.gameRanks[g.gameID], before > g.rank else { return nil }
                return (g, before - g.rank)
            }.sorted { ($0.1, -$0.0.rank) > ($1.1, -$1.0.rank) }.prefix(Self.movers)
            if !risers.isEmpty {
                sections.insert(Section(
                    heading: "Top movers", note: "Games of the top 100 that climbed the most places since the day before.",
                    nameHeading: "Game", valueHeading: "Hours watched", changeHeading: "Rank",
                    rows: risers.map { gameRow($0.0) }), at: 0)
            }
        }
        var fields: [String: Any] = [
            "siteName": input.siteName, "dateLong": Fmt.dateLong(day.tables.day), "timeZone": input.timeZoneName,
            "inProgress": day.inProgress, "statRows": statRows, "sections": sections,
            "reportURL": link(SitePaths.report(iso)), "overviewURL": link("index.html"),
            "dataURL": link(SitePaths.data(iso, "summary", "csv")),
        ]
        fields["baseURL"] = input.baseURL ?? ""
        let monthLinks = Self.monthLinks(day.tables.day, periods: input.periods).map { Link(href: link($0.href), text: $0.text) }
        if !monthLinks.isEmpty { fields["monthLinks"] = monthLinks }
        let text = DigestText(
            siteName: input.siteName, dateLong: Fmt.dateLong(day.tables.day), timeZone: input.timeZoneName,
            inProgress: day.inProgress, stats: Array(stats), sections: sections,
            links: [("Full report with charts", link(SitePaths.report(iso))), ("Overview", link("index.html")),
                    ("Data for this day", link(SitePaths.data(iso, "summary", "csv")))]
                + monthLinks.map { ($0.text.capitalizedFirst, $0.href) })
        return [SiteFile(path: path, contents: try templates.render("email", fields)),
                SiteFile(path: SitePaths.emailText(iso), contents: text.render())]
    }

    /// On the first day of a month: the month just over and the month that begins (site paths).
    static func monthLinks(_ day: Int, periods: [Period]) -> [Link] {
        guard CivilDate(dayNumber: day).day == 1 else { return [] }
        let month = Period.month(containing: day)
        return [(month.previous, " in full"), (month, " so far")].compactMap { p, suffix in
            periods.contains(p) ? Link(href: PeriodPaths.page(p), text: PeriodPages.title(p) + suffix) : nil
        }
    }

    /// `base` joined with a site path: "https://x.org/stats" + "index.html" = "https://x.org/stats/index.html".
    static func absolute(base: String, _ target: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + target
    }

    static func color(_ kind: String) -> String {
        switch kind {
        case "up": return "#147a3d"
        case "down": return "#b3261e"
        case "new": return "#6441a5"
        default: return "#6b6b78"
        }
    }
}
