import Foundation
import Model

/// Deterministic made-up crawls shaped like Twitch: heavy-tailed viewers, a few big games and a
/// long tail, streams that start and end, switch games (A→B→A), get missed by a crawl or seen
/// twice in one. For tests (small) and benchmarks (full size); not the simulator's world.
public struct SyntheticTwitch {
    public var liveStreams: Int
    /// Categories: the five big ones and a long tail (full Twitch has thousands live at once).
    private let games: [(id: String, name: String)]
    public var crawlIntervalMs: Int64
    public var start: Millis
    private var rng: SplitMix64
    private var live: [LiveStream] = []
    private var nextStreamID: Int
    private var nextUser = 0
    private var time: Millis

    public init(liveStreams: Int, crawlIntervalMs: Int64 = 300_000, start: Millis = 1_772_841_600_000, seed: UInt64 = 1,
                categories: Int = 50, firstStreamID: Int = 1_000_000) {
        self.liveStreams = liveStreams
        games = Self.big + (0..<max(1, categories - Self.big.count)).map { (String(100_000 + $0 * 7), "Game \($0)") }
        self.crawlIntervalMs = crawlIntervalMs
        self.start = start
        rng = SplitMix64(seed: seed)
        nextStreamID = firstStreamID
        time = start
        for _ in 0..<liveStreams { live.append(newStream(startedBefore: true)) }
    }

    /// More streams live from the next crawl on (a quiet history, then a full-size day on top).
    public mutating func grow(to liveStreams: Int) {
        while live.count < liveStreams { live.append(newStream(startedBefore: true)) }
        self.liveStreams = max(self.liveStreams, liveStreams)
    }

    /// The next crawl: every live stream once (some missed, some twice), then time moves on.
    public mutating func nextCrawl() -> Crawl {
        let crawlTime = time
        var observations: [Observation] = []
        observations.reserveCapacity(live.count + live.count / 50)
        for i in live.indices {
            var s = live[i]
            // Streams end after their planned length; a new one takes the slot.
            if crawlTime >= s.endsAt {
                s = newStream(startedBefore: false)
            }
            if rng.chance(0.05) { s.gameIndex = s.gameIndex == s.homeGame ? Int(rng.next() % 40) : s.homeGame }
            s.viewers = max(0, s.viewers + Int(rng.next() % 7) - 3 + (s.viewers / 20) * (Int(rng.next() % 3) - 1))
            live[i] = s
            if crawlTime < s.startedAt + 30_000 || rng.chance(0.01) { continue }  // not yet listed, or missed
            let o = observation(s, at: crawlTime)
            if rng.chance(0.01) { observations.append(o) }  // seen twice: the earlier sighting loses
            observations.append(o)
        }
        time += crawlIntervalMs
        return Crawl(time: crawlTime, pages: (observations.count + 99) / 100, observations: observations)
    }

    private func observation(_ s: LiveStream, at t: Millis) -> Observation {
        let game = games[s.gameIndex % games.count]
        return Observation(
            streamID: String(s.id), userID: String(s.user), userLogin: "user\(s.user)", userName: "User\(s.user)",
            gameID: game.id, gameName: game.name, title: s.title, viewerCount: s.viewers, startedAt: s.startedAt,
            language: Self.languages[s.user % Self.languages.count], tags: "[\"English\"]", observedAt: t)
    }

    private mutating func newStream(startedBefore: Bool) -> LiveStream {
        nextStreamID += 1
        let user = Int(rng.next() % UInt64(max(1, liveStreams * 4)))
        // Pareto-like popularity: most streams have a handful of viewers, a few have thousands.
        let u = Double(rng.next() % 1_000_000 + 1) / 1_000_001
        let viewers = min(200_000, Int(2.0 / (u * u * u)))
        let length = Int64(1_800_000 + rng.next() % 21_600_000)
        let back = startedBefore ? rng.next() % UInt64(length / 1000) : rng.next() % UInt64(crawlIntervalMs / 1000)
        let startedAt = time - Int64(back) * 1000  // whole seconds, as Twitch gives them
        let home = Int(rng.next() % 100) < 60 ? Int(rng.next() % 5) : Self.big.count + tailGame()
        return LiveStream(
            id: nextStreamID, user: user, startedAt: startedAt, endsAt: startedAt + length, viewers: viewers,
            homeGame: home, gameIndex: home, title: "stream \(nextStreamID % 97) <b>\"live\"</b>")
    }

    /// A long-tail category, the first ones far more often than the last (Zipf-like weights
    /// 1 / (i + 8)^1.15, as the simulator's catalog).
    private mutating func tailGame() -> Int {
        let tail = Double(games.count - Self.big.count)
        let u = Double(rng.next() % 1_000_000) / 1_000_000
        let e = 1 - 1.15
        let low = pow(8.0, e), high = pow(tail + 8, e)
        return min(Int(tail) - 1, max(0, Int(pow(low + u * (high - low), 1 / e) - 8)))
    }

    struct LiveStream {
        var id: Int
        var user: Int
        var startedAt: Millis
        var endsAt: Millis
        var viewers: Int
        var homeGame: Int
        var gameIndex: Int
        var title: String
    }

    static let big: [(id: String, name: String)] = [
        ("509658", "Just Chatting"), ("32982", "Grand Theft Auto V"), ("21779", "League of Legends"),
        ("516575", "VALORANT"), ("", ""),
    ]

    static let languages = ["en", "en", "es", "pt", "de", "ja", "ko", "fr", "ru", "el"]
}

extension SplitMix64 {
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() % 1_000_000) < p * 1_000_000
    }
}
