import Model

/// One live stream in a snapshot, compact: strings are produced only for the streams a page shows.
struct LiveEntry: Sendable {
    let broadcast: Broadcast
    var viewers: Int32
    let game: Int32
    /// Orders streams with equal viewers in a fixed but arbitrary way, as Twitch's index does.
    let tie: UInt32

    static func ranksBefore(_ a: LiveEntry, _ b: LiveEntry) -> Bool {
        a.viewers != b.viewers ? a.viewers > b.viewers : a.tie < b.tie
    }
}

/// The streams listed at one instant, sorted by viewers, most first.
public struct WorldSnapshot: Sendable {
    let world: World
    public let time: Millis
    let entries: [LiveEntry]

    public var count: Int { entries.count }
    public var totalViewers: Int { entries.reduce(0) { $0 + Int($1.viewers) } }

    /// The stream at `rank` (0 = most watched).
    public func stream(at rank: Int) -> SimulatedStream { world.record(entries[rank], at: time) }

    /// Every listed stream as Get Streams would show it.
    public var streams: [SimulatedStream] { entries.map { world.record($0, at: time) } }

    /// Viewer counts in rank order, without building the records.
    public var viewerCounts: [Int] { entries.map { Int($0.viewers) } }
}

/// A stream object as Get Streams returns it.
public struct SimulatedStream: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var userLogin: String
    public var userName: String
    public var gameID: String
    public var gameName: String
    public var type: String = "live"
    public var title: String
    /// `nil` where Twitch sends `"tags": null`.
    public var tags: [String]?
    public var viewerCount: Int
    public var startedAt: Millis
    public var language: String
    public var isMature = false

    public var thumbnailURL: String {
        "https://static-cdn.jtvnw.net/previews-ttv/live_user_\(userLogin)-{width}x{height}.jpg"
    }
}

/// A user object as Get Users returns it.
public struct SimulatedUser: Sendable, Equatable {
    public var id: String
    public var login: String
    public var displayName: String
    public var type = ""
    public var broadcasterType: String
    public var description: String
    public var profileImageURL: String
    public var offlineImageURL: String
    public var createdAt: Millis
}

/// A category as Get Games returns it.
public struct SimulatedGame: Sendable, Equatable {
    public var id: String
    public var name: String
    public var boxArtURL: String
    public var igdbID: String
}
