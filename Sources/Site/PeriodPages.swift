import Metrics
import Model

/// The pages of periods (METRICS.md §8): `months/YYYY-MM/`, `years/YYYY/`, the rolling windows
/// `rollups/Nd/`, and `periods/index.html`, the list of them all.
public struct PeriodPages {
    let input: SiteInput
    let templates: SiteTemplates

    /// Rows of each ranking on a period page.
    public static let rankingRows = 100

    func page(_ t: PeriodTables) throws -> [SiteFile] {
        let period = t.period
        let path = PeriodPaths.page(period)
        let page = PageContext(
            input: input, path: path,
            dataThrough: period.reportedDays(among: input.history.reportedDays).last ?? input.history.latestDay)
        let totals = input.history.allTotals
        let before = PeriodTotals(totals, period.previous)
        let previousName = Self.previousTitle(period)
        let versus = "compared with \(previousName)"
        func stat(_ label: String, _ value: Double, _ previous: Double?, _ text: (Double) -> String) -> Stat {
            Stat(label, text(value), change: before.days > 0 ? Fmt.change(value, previous) : nil, versus: versus)
        }
        let s = t.summary
        let stats = [
            stat("Hours watched", s.time.hoursWatched, before.time.hoursWatched, Fmt.hours),
            stat("Average viewers", s.avgViewers, before.avgViewers, Fmt.viewers),
            stat("Peak viewers", Double(s.peakViewers), Double(before.peakViewers), { Fmt.count(Int64($0)) }),
            stat("Hours streamed", s.time.hoursStreamed, before.time.hoursStreamed, Fmt.hours),
            stat("Average channels", s.avgChannels, before.avgChannels, Fmt.viewers),
            Stat("Channels", Fmt.count(s.channels)),
            Stat("Games", Fmt.count(s.games)),
            Stat("Days with crawls", Fmt.count(t.days.count)),
        ]
        // The period before with no day reported has nothing to compare with: a dash, not zeros.
        let had = before.days > 0
        func row(_ label: String, _ now: Double, _ then: Double, _ text: (Double) -> String) -> [String: Any] {
            var row: [String: Any] = ["label": label, "now": text(now), "before": had ? text(then) : "–"]
            if had, let change = Fmt.change(now, then) {
                row["change"] = change.text
                row["changeClass"] = change.kind
            }
            return row
        }
        let comparison = [
            row("Days with crawls", Double(t.days.count), Double(before.days), { Fmt.count(Int($0)) }),
            row("Hours watched", s.time.hoursWatched, before.time.hoursWatched, Fmt.hours),
            row("Hours streamed", s.time.hoursStreamed, before.time.hoursStreamed, Fmt.hours),
            row("Average viewers", s.avgViewers, before.avgViewers, Fmt.viewers),
            row("Average channels", s.avgChannels, before.avgChannels, Fmt.viewers),
            row("Peak viewers", Double(s.peakViewers), Double(before.peakViewers), { Fmt.count(Int64($0)) }),
        ]

        let charts = ChartBlocks(timeZone: input.timeZone)
        let days = Array(period.reportedDays(among: input.history.reportedDays))
        let inPeriod = totals.filter { period.contains($0.day) }
        let blocks = [
            charts.daily(inPeriod.map { ($0.day, $0.time.hoursWatched) }, over: days, title: "Hours watched per day",
                         about: "Hours watched on each day of \(Self.title(period)) with crawls.", unit: "hours watched"),
            charts.daily(inPeriod.map { ($0.day, Double($0.peakViewers)) }, over: days, title: "Peak viewers per day",
                         about: "The highest concurrent viewers of each day of \(Self.title(period)).", unit: "peak viewers"),
        ]

        let charted = ChartFiles.attach(blocks, page: path)
        let rankings = PeriodRankings(page: page, period: period, limit: Self.rankingRows, gamePages: Set(input.history.games.keys),
                                      channelPages: Set(input.history.channelPages.map(\.id)),
                                      languagePages: input.languagePages, versus: previousName)
        let context = page.make(
            title: Self.title(period).capitalizedFirst,
            description: "Twitch games, channels and languages over \(Self.title(period)).",
            [
                "heading": Self.title(period).capitalizedFirst, "firstDate": Fmt.iso(period.firstDay),
                "lastDate": Fmt.iso(period.lastDay), "previous": previousName, "stats": stats,
                "comparison": comparison, "charts": charted.blocks, "games": rankings.games(t.games, count: t.gameCount),
                "channels": rankings.channels(t.channels, count: t.channelCount),
                "languages": rankings.languages(t.languages, count: t.languageCount),
                "downloads": PeriodExtractLinks.links(period, page: page),
                "inProgress": period.lastDay > input.history.latestDay,
            ])
        return [SiteFile(path: path, contents: try templates.render("period", context))] + charted.files
    }

    /// `periods/index.html`: every month and year with a reported day, newest first, and the windows.
    func index(_ periods: [Period]) throws -> SiteFile {
        let path = PeriodPaths.index
        let page = PageContext(input: input, path: path)
        let totals = input.history.allTotals
        func rows(_ list: [Period]) -> [[String: Any]] {
            list.reversed().map { p in
                let t = PeriodTotals(totals, p)
                return ["name": Self.title(p).capitalizedFirst, "href": page.href(PeriodPaths.page(p)),
                        "days": Fmt.count(t.days), "hoursWatched": Fmt.hours(t.time.hoursWatched),
                        "avgViewers": Fmt.viewers(t.avgViewers), "peakViewers": Fmt.count(t.peakViewers)]
            }
        }
        let months = periods.filter { $0.kind == .month }
        let years = periods.filter { $0.kind == .year }
        let windows = periods.filter { if case .window = $0.kind { return true } else { return false } }
        let context = page.make(
            title: "Months and years", description: "Every month and year of the collected data, and the rolling windows.",
            ["months": rows(months), "years": rows(years), "windows": rows(windows.reversed())])
        return SiteFile(path: path, contents: try templates.render("periods", context))
    }

    /// "March 2026", "2026", "the last 30 days".
    static func title(_ p: Period) -> String {
        let first = CivilDate(dayNumber: p.firstDay)
        switch p.kind {
        case .month: return "\(monthNames[first.month - 1]) \(first.year)"
        case .year: return String(first.year)
        case .window(let days): return "the last \(days) days"
        }
    }

    /// "February 2026", "2025", "the 30 days before".
    static func previousTitle(_ p: Period) -> String {
        if case .window(let days) = p.kind { return "the \(days) days before" }
        return title(p.previous)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
}

/// Hours, lengths and peaks of a period summed from its days' totals: what the period pages
/// compare with the period before (distinct counts need the period's own tables).
struct PeriodTotals {
    var days = 0
    var lengthSeconds: Int64 = 0
    var time = Time()
    var peakViewers: Int64 = 0

    init(_ totals: [DayTotals], _ period: Period) {
        for d in totals where period.contains(d.day) {
            days += 1
            lengthSeconds += d.lengthSeconds
            time += d.time
            peakViewers = max(peakViewers, d.peakViewers)
        }
    }

    var avgViewers: Double { lengthSeconds == 0 ? 0 : time.avgViewers(over: lengthSeconds) }
    var avgChannels: Double { lengthSeconds == 0 ? 0 : time.avgChannels(over: lengthSeconds) }
}

/// The ranking tables of a period, with the change in rank from the period before.
struct PeriodRankings {
    let page: PageContext
    let period: Period
    let limit: Int
    let gamePages: Set<String>
    let channelPages: Set<String>
    let languagePages: Set<String>
    let versus: String

    private var changeTitle: String { "Change in rank from \(versus)" }

    func games(_ rows: [PeriodRanked<GameRow>], count: Int) -> RankTable {
        RankTable(
            caption: "Games by hours watched", nameHeading: "Game",
            columns: ["Hours watched", "Avg viewers", "Peak viewers", "Streamers", "Hours streamed"],
            rows: rows.prefix(limit).map { r in
                let g = r.row
                let change = Fmt.rankChange(g.rank, r.previousRank)
                return RankRow(
                    rank: String(g.rank), change: change.text, changeClass: change.kind,
                    name: Fmt.gameName(g.gameID, g.gameName),
                    href: gamePages.contains(g.gameID) ? page.href(SitePaths.game(g.gameID)) : nil, sub: nil,
                    values: [Fmt.hours(g.time.hoursWatched), Fmt.viewers(g.avgViewers), Fmt.count(g.peakViewers),
                             Fmt.count(g.streamers), Fmt.hours(g.time.hoursStreamed)])
            },
            showChange: true, changeTitle: changeTitle, more: more(count, "games"))
    }

    func channels(_ rows: [PeriodRanked<ChannelRow>], count: Int) -> RankTable {
        RankTable(
            caption: "Channels by hours watched", nameHeading: RankRow.channelHeading, columns: RankRow.channelColumns,
            rows: rows.prefix(limit).map { r in
                RankRow.channel(r.row, previousRank: r.previousRank,
                                href: channelPages.contains(r.row.userID) ? page.href(SitePaths.channel(r.row.userID)) : nil)
            },
            showChange: true, changeTitle: changeTitle, more: more(count, "channels"))
    }

    func languages(_ rows: [PeriodRanked<LanguageRow>], count: Int) -> RankTable {
        RankTable(
            caption: "Languages by hours watched", nameHeading: "Language", columns: RankRow.languageColumns,
            rows: rows.prefix(limit).map { r in
                RankRow.language(r.row, previousRank: r.previousRank,
                                 href: languagePages.contains(r.row.language) ? page.href(SitePaths.language(r.row.language)) : nil)
            },
            showChange: true, changeTitle: changeTitle, more: more(count, "languages"))
    }

    private func more(_ count: Int, _ name: String) -> Link? {
        guard count > limit else { return nil }
        return Link(href: page.href(period.dataFolder + name + ".csv"),
                    text: "All \(Fmt.count(count)) \(name) of \(PeriodPages.title(period)) as CSV")
    }
}

/// Links to a period's extracts, for its page.
enum PeriodExtractLinks {
    static func links(_ period: Period, page: PageContext) -> [Link] {
        ["summary", "games", "channels", "languages"].flatMap { name in
            ["csv", "json"].map { ext in Link(href: page.href(period.dataFolder + name + "." + ext), text: "\(name).\(ext)") }
        }
    }
}

extension String {
    /// The first letter in upper case ("the last 7 days" → "The last 7 days").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
