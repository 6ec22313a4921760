import Foundation
import Metrics
import Mustache

/// `channels/index.html` and `channels/<user_id>/index.html` for the top channels.
struct ChannelPages {
    let input: SiteInput
    let templates: SiteTemplates
    /// Each paged channel's rank among channels with the same main game and language on the latest day.
    let peers: [String: PeerRank]

    init(input: SiteInput, templates: SiteTemplates) {
        self.input = input
        self.templates = templates
        peers = PeerRank.ranks(of: Set(input.history.channelPages.map(\.id)), in: input.latest.tables.channels)
    }

    func index() throws -> SiteFile {
        let path = "channels/index.html"
        let page = PageContext(input: input, path: path)
        let rows = input.history.channelPages.map { c in
            RankRow(rank: String(c.rank), name: c.name, href: page.href(SitePaths.channel(c.id)),
                    sub: Fmt.channelSub(name: c.name, login: c.login),
                    values: [Fmt.hours(c.time.hoursWatched), Fmt.viewers(c.time.viewerRatio), Fmt.count(c.peakViewers),
                             Fmt.hours(c.time.hoursStreamed), String(c.days)])
        }
        let table = RankTable(
            caption: "Channels by hours watched, last \(SiteHistory.trendDays) days", nameHeading: "Channel",
            columns: ["Hours watched", "Avg viewers", "Peak viewers", "Hours streamed", "Days live"], rows: rows,
            showChange: false)
        let context = page.make(
            title: "Channels", description: "The top Twitch channels by hours watched.",
            ["count": Fmt.count(rows.count), "days": SiteHistory.trendDays,
             "dateLong": Fmt.dateLong(input.history.latestDay), "channels": table])
        return SiteFile(path: path, contents: try templates.render("channels", context))
    }

    func page(_ entry: RollupEntry) throws -> [SiteFile] {
        let path = SitePaths.channel(entry.id)
        let page = PageContext(input: input, path: path)
        let zone = input.timeZone
        let charts = ChartBlocks(timeZone: zone)
        let days = input.history.channelDays[entry.id] ?? []
        let streams = input.history.channelStreams[entry.id] ?? []

        let stats = [
            Stat("Hours watched", Fmt.hours(entry.time.hoursWatched)),
            Stat("Average viewers", Fmt.viewers(entry.time.viewerRatio)),
            Stat("Peak viewers", Fmt.count(entry.peakViewers)),
            Stat("Hours streamed", Fmt.hours(entry.time.hoursStreamed)),
            Stat("Days live", String(entry.days)),
            Stat("Streams (\(SiteHistory.streamDays) days)", Fmt.count(streams.count)),
        ]

        var blocks: [ChartBlock] = []
        var points: [(time: Int64, viewers: Double)] = []
        for s in streams.reversed() {
            if s.viewers.isEmpty {
                // Raw observations already pruned: draw each segment at its average.
                for g in s.segments {
                    points.append((g.firstSeen, g.avgViewers))
                    points.append((g.lastSeen, g.avgViewers))
                }
            } else {
                points += s.viewers.map { ($0.time, Double($0.viewers)) }
            }
        }
        if !points.isEmpty {
            blocks.append(charts.viewersOverTime(
                points, title: "Viewers per stream, last \(SiteHistory.streamDays) days",
                about: "Viewers of \(entry.name) at each crawl while live; gaps are time offline."))
        }
        if !days.isEmpty {
            blocks.append(charts.daily(
                days.map { (day: $0.day, value: $0.time.hoursStreamed) }, over: input.history.totals.map(\.day),
                title: "Hours streamed per day",
                about: "Hours \(entry.name) was live on each reported day of the last \(SiteHistory.trendDays) days.",
                unit: "hours streamed"))
        }

        var schedule: String?
        if let s = input.schedules(entry.id), let start = s.medianStartMinute, let length = s.medianLengthMs {
            blocks.append(charts.hourOfWeek(
                s.hours, title: "When \(entry.name) streams",
                about: "Hours \(entry.name) streamed in each hour of the week over the last \(SiteHistory.trendDays) days (\(input.timeZoneName)); darker is more."))
            let streams = s.startMinutes.count
            schedule = "Over the last \(SiteHistory.trendDays) days \(entry.name) usually started streaming around "
                + String(format: "%02d:%02d", start / 60, start % 60) + " (\(input.timeZoneName)) and streamed for about "
                + Fmt.duration(ms: length) + " (the middle of \(streams) stream\(streams == 1 ? "" : "s"))."
        }

        var byGame: [String: (name: String, time: Time)] = [:]
        for s in streams {
            for g in s.segments {
                byGame[g.gameID, default: (Fmt.gameName(g.gameID, g.gameName), Time())].time +=
                    Time(secondsMs: g.durationMs, watchMs: g.watchMs)
            }
        }
        let gameIDs = Set(input.history.games.keys)
        let games = byGame.sorted { ($0.value.time.secondsMs, $1.key) > ($1.value.time.secondsMs, $0.key) }.map { id, v in
            ChannelGameRow(name: v.name, href: gameIDs.contains(id) ? page.href(SitePaths.game(id)) : nil,
                    hoursStreamed: Fmt.ratio(v.time.hoursStreamed), hoursWatched: Fmt.hours(v.time.hoursWatched),
                    avgViewers: Fmt.viewers(v.time.viewerRatio))
        }

        let streamViews = streams.map { s in
            ChannelStreamView(
                href: page.href(SitePaths.stream(s.streamID)), started: Fmt.time(s.startedAt, zone), duration: Fmt.duration(ms: s.time.secondsMs),
                avgViewers: Fmt.viewers(s.time.viewerRatio), peakViewers: Fmt.count(s.peakViewers),
                segments: s.segments.map { g in
                    ChannelSegmentRow(number: String(g.segment), game: Fmt.gameName(g.gameID, g.gameName), title: g.title,
                               from: Fmt.time(g.firstSeen, zone), to: Fmt.time(g.lastSeen, zone),
                               avgViewers: Fmt.viewers(g.avgViewers), peakViewers: Fmt.count(g.peakViewers))
                })
        }

        let charted = ChartFiles.attach(blocks, page: path)
        var fields: [String: Any] = [
            "name": entry.name, "login": entry.login, "rank": String(entry.rank), "days": SiteHistory.trendDays,
            "dateLong": Fmt.dateLong(input.history.latestDay), "stats": stats, "charts": charted.blocks, "games": games,
            "streams": streamViews, "streamDays": SiteHistory.streamDays,
        ]
        if let schedule { fields["schedule"] = schedule }
        fields.merge(PeriodHistoryBlock.fields(
            input.history.periodChannels[entry.id] ?? [], perChannel: true, page: page)) { $1 }
        if let peer = peers[entry.id] {
            let row = peer.row
            fields["percentile"] =
                "On \(Fmt.iso(input.history.latestDay)) it ranked \(peer.rank) of \(Fmt.count(peer.of)) channels whose main game was "
                + "\(Fmt.gameName(row.mainGameID, row.mainGameName)) in language \(Fmt.language(row.language)) (top \(peer.topPercent)%)."
            if input.languagePages.contains(row.language) {
                fields["language"] = Fmt.language(row.language)
                fields["languageHref"] = page.href(SitePaths.language(row.language))
            }
        }
        let context = page.make(
            title: entry.name, description: "\(entry.name) on Twitch: hours watched, viewers, streams and games.", fields)
        return [SiteFile(path: path, contents: try templates.render("channel", context))] + charted.files
    }
}

/// A game of a channel page's "Games played".
struct ChannelGameRow: MustacheParent {
    var name: String
    var href: String?
    var hoursStreamed, hoursWatched, avgViewers: String

    func child(named field: String) -> Any? {
        switch field {
        case "name": name
        case "href": href as Any?
        case "hoursStreamed": hoursStreamed
        case "hoursWatched": hoursWatched
        case "avgViewers": avgViewers
        default: nil
        }
    }
}

/// A stream of a channel page, with its segments.
struct ChannelStreamView: MustacheParent {
    var href, started, duration, avgViewers, peakViewers: String
    var segments: [ChannelSegmentRow]

    func child(named field: String) -> Any? {
        switch field {
        case "href": href
        case "started": started
        case "duration": duration
        case "avgViewers": avgViewers
        case "peakViewers": peakViewers
        case "segments": segments
        default: nil
        }
    }
}

struct ChannelSegmentRow: MustacheParent {
    var number, game, title, from, to, avgViewers, peakViewers: String

    func child(named field: String) -> Any? {
        switch field {
        case "number": number
        case "game": game
        case "title": title
        case "from": from
        case "to": to
        case "avgViewers": avgViewers
        case "peakViewers": peakViewers
        default: nil
        }
    }
}
