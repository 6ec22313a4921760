import Foundation
import Model
import Metrics
import Mustache

extension SiteInput {
    /// The report day (day number) a time falls in.
    func calendarDay(_ t: Millis) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(t) / 1000))
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!).dayNumber
    }
}

extension SitePaths {
    public static func stream(_ id: String) -> String { "streams/\(safeID(id))/index.html" }
}

/// `streams/<stream id>/index.html` for the streams of the last days of channels that have a page.
/// A page written by an earlier build stays when its stream ages out (a permalink), no longer updated.
struct StreamPages {
    let input: SiteInput
    let templates: SiteTemplates

    /// Every stream that gets a page, with its channel.
    var streams: [(channel: RollupEntry, stream: ChannelStream)] {
        input.history.channelPages.flatMap { entry in
            (input.history.channelStreams[entry.id] ?? []).map { (entry, $0) }
        }
    }

    func page(_ channel: RollupEntry, _ stream: ChannelStream) throws -> [SiteFile] {
        let path = SitePaths.stream(stream.streamID)
        let page = PageContext(input: input, path: path)
        let zone = input.timeZone
        let charts = ChartBlocks(timeZone: zone)
        let time = stream.time
        let started = Fmt.time(stream.startedAt, zone)

        var stats = [
            Stat("Started \(Fmt.dayShort(input.calendarDay(stream.startedAt)))", Fmt.clock(stream.startedAt, zone)),
            Stat("Length", Fmt.duration(ms: stream.lastSeen - stream.startedAt)),
            Stat("Hours watched", Fmt.hours(time.hoursWatched)),
            Stat("Average viewers", Fmt.viewers(time.viewerRatio)),
            Stat("Peak viewers", Fmt.count(stream.peakViewers)),
            Stat("Segments", String(stream.segments.count)),
        ]
        for r in stream.ranks {
            stats.append(Stat("Rank on \(Fmt.dayShort(r.day)), of \(Fmt.count(r.of))", Fmt.count(r.rank)))
        }

        var blocks: [ChartBlock] = []
        let points: [(time: Int64, viewers: Double)] = stream.viewers.isEmpty
            // Raw observations already pruned: each segment at its average.
            ? stream.segments.flatMap { [($0.firstSeen, $0.avgViewers), ($0.lastSeen, $0.avgViewers)] }
            : stream.viewers.map { ($0.time, Double($0.viewers)) }
        if !points.isEmpty {
            // Gaps are crawls that missed the stream: judged by the site's usual crawl cadence.
            let cadence = input.history.concurrent.map(\.time)
            blocks.append(charts.viewersOverTime(
                points, title: "Viewers through the stream",
                about: "Viewers of \(channel.name) at each crawl from \(started) (\(input.timeZoneName)); gaps are crawls that did not see the stream.",
                maxGap: cadence.count > 2 ? ChartBlocks.maxGap(cadence) : nil))
        }
        let charted = ChartFiles.attach(blocks, page: path)
        let gamePages = input.history.games
        let segments = stream.segments.map { g in
            StreamSegmentRow(
                number: String(g.segment), game: Fmt.gameName(g.gameID, g.gameName),
                gameHref: gamePages[g.gameID] != nil ? page.href(SitePaths.game(g.gameID)) : nil,
                from: Fmt.time(g.firstSeen, zone), to: Fmt.time(g.lastSeen, zone),
                length: Fmt.duration(ms: g.durationMs), hoursWatched: Fmt.hours(Double(g.watchMs) / 3_600_000),
                avgViewers: Fmt.viewers(g.avgViewers), peakViewers: Fmt.count(g.peakViewers))
        }
        let titles = stream.titles.map { TitleChange(time: Fmt.time($0.time, zone), title: $0.title) }
        let context = page.make(
            title: "\(channel.name), stream of \(started)",
            description: "A stream of \(channel.name) on Twitch: viewers, games, titles and its rank that day.",
            [
                "name": channel.name, "login": channel.login, "channelHref": page.href(SitePaths.channel(channel.id)),
                "started": started, "streamID": stream.streamID, "stats": stats, "charts": charted.blocks,
                "segments": segments, "titles": titles,
            ])
        return [SiteFile(path: path, contents: try templates.render("stream", context))] + charted.files
    }
}

struct StreamSegmentRow: MustacheParent {
    var number, game: String
    var gameHref: String?
    var from, to, length, hoursWatched, avgViewers, peakViewers: String

    func child(named field: String) -> Any? {
        switch field {
        case "number": number
        case "game": game
        case "gameHref": gameHref as Any?
        case "from": from
        case "to": to
        case "length": length
        case "hoursWatched": hoursWatched
        case "avgViewers": avgViewers
        case "peakViewers": peakViewers
        default: nil
        }
    }
}

struct TitleChange: MustacheParent {
    var time, title: String

    func child(named field: String) -> Any? {
        switch field {
        case "time": time
        case "title": title
        default: nil
        }
    }
}
