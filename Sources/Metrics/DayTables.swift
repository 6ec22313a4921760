import Model

/// The tables of one reported day (METRICS.md §4; the segments of §5 are `DaySegments`, loaded
/// apart because only the extracts need them). Sums are kept in exact integer
/// milliseconds; the derived numbers are computed once, here, so every output agrees.
public struct DayTables: Sendable {
    public var day: Int
    public var date: CivilDate { CivilDate(dayNumber: day) }
    /// The day's real length in seconds.
    public var lengthSeconds: Int64
    public var games: [GameRow]
    public var channels: [ChannelRow]
    public var languages: [LanguageRow]
    public var summary: SummaryRow
    /// The top channels of each game (`DayTableBuilder.topChannelsPerGame`), by game id.
    public var gameChannels: [String: [GameChannel]]
    /// The games of each language, ranked within it by hours watched, by language.
    public var languageGames: [String: [LanguageGameRow]] = [:]
    /// Every stream of the day (`stream.id`) with its hours watched on the day in milliseconds,
    /// most first (ties: smaller key first): a stream's rank that day is its position.
    public var streamWatch: [(stream: Int64, watchMs: Int64)] = []
}

/// A game within one language: the time of the streams in that language that played it.
public struct LanguageGameRow: Sendable {
    public var rank: Int
    public var gameID: String
    public var gameName: String
    public var time: Time
    /// Channels that played the game in the language.
    public var channels: Int

    public init(rank: Int, gameID: String, gameName: String, time: Time, channels: Int) {
        self.rank = rank
        self.gameID = gameID
        self.gameName = gameName
        self.time = time
        self.channels = channels
    }
}

/// Seconds streamed and viewer-seconds watched, exactly, in milliseconds.
public struct Time: Sendable, Equatable {
    public var secondsMs: Int64 = 0
    public var watchMs: Int64 = 0

    public init(secondsMs: Int64 = 0, watchMs: Int64 = 0) {
        self.secondsMs = secondsMs
        self.watchMs = watchMs
    }

    public var hoursWatched: Double { Double(watchMs) / 3_600_000 }
    public var hoursStreamed: Double { Double(secondsMs) / 3_600_000 }
    /// Average viewers while live: watch time over air time.
    public var viewerRatio: Double { secondsMs == 0 ? 0 : Double(watchMs) / Double(secondsMs) }
    /// Average concurrent viewers over a period of `length` seconds.
    public func avgViewers(over length: Int64) -> Double { Double(watchMs) / (Double(length) * 1000) }
    /// Average concurrent channels over a period of `length` seconds.
    public func avgChannels(over length: Int64) -> Double { Double(secondsMs) / (Double(length) * 1000) }

    /// Saturating: a day's sums run over any number of streams, a window's over any number of
    /// days, and only the data limits either (see `Int64.addingSaturated`).
    public static func += (a: inout Time, b: Time) {
        a.secondsMs = a.secondsMs.addingSaturated(b.secondsMs)
        a.watchMs = a.watchMs.addingSaturated(b.watchMs)
    }
}

public struct GameRow: Sendable {
    public var rank: Int
    public var gameID: String
    public var gameName: String
    public var time: Time
    public var avgViewers: Double
    public var avgChannels: Double
    public var peakViewers: Int64
    public var peakChannels: Int
    public var streamers: Int
    public var viewerRatio: Double { time.viewerRatio }
}

public struct ChannelRow: Sendable {
    public var rank: Int
    public var userID: String
    public var userLogin: String
    public var userName: String
    public var time: Time
    /// Average viewers while live.
    public var avgViewers: Double { time.viewerRatio }
    public var peakViewers: Int
    public var streams: Int
    public var games: Int
    public var mainGameID: String
    public var mainGameName: String
    public var language: String
}

public struct LanguageRow: Sendable {
    public var rank: Int
    public var language: String
    public var time: Time
    public var avgViewers: Double
    public var avgChannels: Double
    public var peakViewers: Int64
    public var peakChannels: Int
    public var channels: Int
    public var watchShare: Double
}

public struct SummaryRow: Sendable {
    public var crawls: Int
    public var time: Time
    public var avgViewers: Double
    public var avgChannels: Double
    public var peakViewers: Int64
    public var peakViewersAt: Millis?
    public var peakChannels: Int
    public var channels: Int
    public var games: Int
    public var streams: Int
}

/// Byte-order comparison of strings, as the contract orders ids (Swift's `<` is Unicode order).
@inlinable
public func byteOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
