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
///
/// A stream page shows the stream alone (its footer names the stream's own last day), so most of a
/// night's tens of thousands are the bytes already published: a page is rendered only when what it
/// is rendered from (`inputs(of:_:)`) differs from what its published copy was rendered from.
struct StreamPages {
    let input: SiteInput
    let templates: SiteTemplates

    /// Gaps are crawls that missed the stream: judged by the cadence of the crawls while it was
    /// live (a collector's interval may change; an old stream's page keeps its own), or by the
    /// stream's own points when fewer than three crawls fall in its time.
    func maxGap(_ stream: ChannelStream) -> Int64? {
        let times = input.history.streamCrawlTimes
        let first = stream.segments.map(\.firstSeen).min() ?? stream.startedAt
        let from = times.partitioningIndex { $0 >= first }, to = times.partitioningIndex { $0 > stream.lastSeen }
        return to - from > 2 ? ChartBlocks.maxGap(Array(times[from..<to])) : nil
    }

    /// Every stream that gets a page, with its channel.
    var streams: [(channel: RollupEntry, stream: ChannelStream)] {
        input.history.channelPages.flatMap { entry in
            (input.history.channelStreams[entry.id] ?? []).map { (entry, $0) }
        }
    }

    /// The streams whose page is rendered in this build, and what each stream's page is now
    /// rendered from, by stream id (for the next build's `SiteInput.publishedStreamPages`).
    func toRender() -> (pages: [(channel: RollupEntry, stream: ChannelStream)], inputs: [String: UInt64]) {
        var inputs: [String: UInt64] = [:]
        var pages: [(channel: RollupEntry, stream: ChannelStream)] = []
        for item in streams {
            let hash = self.inputs(of: item.channel, item.stream)
            inputs[item.stream.streamID] = hash
            if input.publishedStreamPages[item.stream.streamID] != hash { pages.append(item) }
        }
        return (pages, inputs)
    }

    /// A hash of everything `page` reads: the templates, the zone and site name, the crawl
    /// cadence while the stream was live, the channel's names, every field of the stream shown,
    /// and which of its games have a page (a link).
    func inputs(of channel: RollupEntry, _ stream: ChannelStream) -> UInt64 {
        var h = FNV1a()
        for text in [templates.fingerprint, input.timeZoneName, input.timeZone.identifier, input.siteName,
                     channel.id, channel.name, channel.login, stream.streamID] {
            h.addField(text)
        }
        h.addInteger(maxGap(stream) ?? -1)
        h.addInteger(stream.startedAt)
        for g in stream.segments {
            h.addInteger(Int64(g.segment))
            h.addField(g.gameID)
            h.addField(g.gameName)
            h.addField(g.title)
            h.add(input.history.games[g.gameID] != nil ? 1 : 0)
            for n in [g.firstSeen, g.lastSeen, g.durationMs, g.watchMs, Int64(g.peakViewers)] { h.addInteger(n) }
        }
        h.add(0xfe)
        for p in stream.viewers {
            h.addInteger(p.time)
            h.addInteger(Int64(p.viewers))
        }
        h.add(0xfe)
        for t in stream.titles {
            h.addInteger(t.time)
            h.addField(t.title)
        }
        h.add(0xfe)
        for r in stream.ranks {
            for n in [r.day, r.rank, r.of] { h.addInteger(Int64(n)) }
        }
        return h.value
    }

    func page(_ channel: RollupEntry, _ stream: ChannelStream) throws -> [SiteFile] {
        let path = SitePaths.stream(stream.streamID)
        let page = PageContext(input: input, path: path, dataThrough: input.calendarDay(stream.lastSeen))
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
            blocks.append(charts.viewersOverTime(
                points, title: "Viewers through the stream",
                about: "Viewers of \(channel.name) at each crawl from \(started) (\(input.timeZoneName)); gaps are crawls that did not see the stream.",
                maxGap: maxGap(stream)))
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
