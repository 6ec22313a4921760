import Metrics

/// The columns a day's extract and a period's extract share, in file order: everything after
/// the columns that say which day or period and which rank (METRICS.md §6 and §8).
enum SharedColumns {
    static var games: [ExtractColumn<GameRow>] {
        [
            .init("game_id") { r, w in w.text(r.gameID) },
            .init("game_name") { r, w in w.text(r.gameName) },
            .init("hours_watched") { r, w in w.decimal(r.time.hoursWatched) },
            .init("hours_streamed") { r, w in w.decimal(r.time.hoursStreamed) },
            .init("avg_viewers") { r, w in w.decimal(r.avgViewers) },
            .init("avg_channels") { r, w in w.decimal(r.avgChannels) },
            .init("peak_viewers") { r, w in w.integer(r.peakViewers) },
            .init("peak_channels") { r, w in w.integer(r.peakChannels) },
            .init("streamers") { r, w in w.integer(r.streamers) },
            .init("viewer_ratio") { r, w in w.decimal(r.viewerRatio) },
        ]
    }

    static var channels: [ExtractColumn<ChannelRow>] {
        [
            .init("user_id") { r, w in w.text(r.userID) },
            .init("user_login") { r, w in w.text(r.userLogin) },
            .init("user_name") { r, w in w.text(r.userName) },
            .init("hours_watched") { r, w in w.decimal(r.time.hoursWatched) },
            .init("hours_streamed") { r, w in w.decimal(r.time.hoursStreamed) },
            .init("avg_viewers") { r, w in w.decimal(r.avgViewers) },
            .init("peak_viewers") { r, w in w.integer(r.peakViewers) },
            .init("streams") { r, w in w.integer(r.streams) },
            .init("games") { r, w in w.integer(r.games) },
            .init("main_game_id") { r, w in w.text(r.mainGameID) },
            .init("main_game_name") { r, w in w.text(r.mainGameName) },
            .init("language") { r, w in w.text(r.language) },
        ]
    }

    static var languages: [ExtractColumn<LanguageRow>] {
        [
            .init("language") { r, w in w.text(r.language) },
            .init("hours_watched") { r, w in w.decimal(r.time.hoursWatched) },
            .init("hours_streamed") { r, w in w.decimal(r.time.hoursStreamed) },
            .init("avg_viewers") { r, w in w.decimal(r.avgViewers) },
            .init("avg_channels") { r, w in w.decimal(r.avgChannels) },
            .init("peak_viewers") { r, w in w.integer(r.peakViewers) },
            .init("peak_channels") { r, w in w.integer(r.peakChannels) },
            .init("channels") { r, w in w.integer(r.channels) },
            .init("watch_share") { r, w in w.decimal(r.watchShare) },
        ]
    }

    static var summary: [ExtractColumn<SummaryRow>] {
        [
            .init("crawls") { r, w in w.integer(r.crawls) },
            .init("hours_watched") { r, w in w.decimal(r.time.hoursWatched) },
            .init("hours_streamed") { r, w in w.decimal(r.time.hoursStreamed) },
            .init("avg_viewers") { r, w in w.decimal(r.avgViewers) },
            .init("avg_channels") { r, w in w.decimal(r.avgChannels) },
            .init("peak_viewers") { r, w in w.integer(r.peakViewers) },
            // A day with no crawl has no peak time: an empty cell (an empty string in JSON).
            .init("peak_viewers_at") { r, w in if let at = r.peakViewersAt { w.time(at) } else { w.text("") } },
            .init("peak_channels") { r, w in w.integer(r.peakChannels) },
            .init("channels") { r, w in w.integer(r.channels) },
            .init("games") { r, w in w.integer(r.games) },
            .init("streams") { r, w in w.integer(r.streams) },
        ]
    }
}
