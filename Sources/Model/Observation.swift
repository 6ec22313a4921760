/// One stream object from Get Streams plus the time it was seen (METRICS.md §1).
///
/// Collector and importer both produce these; the store keeps them compactly. Times are
/// milliseconds since the Unix epoch, UTC, so interval arithmetic is exact.
public struct Observation: Sendable, Equatable {
    public var streamID: String
    public var userID: String
    public var userLogin: String
    public var userName: String
    public var gameID: String
    public var gameName: String
    public var title: String
    public var viewerCount: Int
    public var startedAt: Millis
    public var language: String
    /// Tags as a JSON array text (`[]` when Twitch sent null or none).
    public var tags: String
    public var isMature: Bool
    public var type: String
    public var observedAt: Millis

    public init(
        streamID: String, userID: String, userLogin: String, userName: String,
        gameID: String, gameName: String, title: String, viewerCount: Int,
        startedAt: Millis, language: String, tags: String = "[]", isMature: Bool = false,
        type: String = "live", observedAt: Millis
    ) {
        self.streamID = streamID
        self.userID = userID
        self.userLogin = userLogin
        self.userName = userName
        self.gameID = gameID
        self.gameName = gameName
        self.title = title
        self.viewerCount = viewerCount
        self.startedAt = startedAt
        self.language = language
        self.tags = tags
        self.isMature = isMature
        self.type = type
        self.observedAt = observedAt
    }
}

/// A complete crawl: every page of Get Streams, or every import row sharing one `last_updated`.
public struct Crawl: Sendable {
    /// When the first page was requested (collector) or the shared `last_updated` (import).
    public var time: Millis
    public var pages: Int
    public var observations: [Observation]
    /// Streams the collector saw but left out as implausible (METRICS.md §1).
    public var leftOut: Int

    public init(time: Millis, pages: Int, observations: [Observation], leftOut: Int = 0) {
        self.time = time
        self.pages = pages
        self.observations = observations
        self.leftOut = leftOut
    }
}
