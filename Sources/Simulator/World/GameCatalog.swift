import Foundation

/// A category as Helix knows it. Names can change over time (Twitch renamed
/// "Counter-Strike: Global Offensive" to "Counter-Strike" under the same id).
struct Game: Sendable {
    let id: String
    let currentName: String
    /// The name before `renamedAt`, for categories renamed while the world runs.
    let formerName: String?
    let renamedAt: Int64
    /// `""` for categories that are not games (Just Chatting, Music…).
    let igdbID: String
    /// Relative popularity as a channel's main category.
    let weight: Double

    func name(at t: Int64) -> String {
        if let formerName, t < renamedAt { return formerName }
        return currentName
    }

    /// Changes exactly when `name(at:)` does; cheaper than comparing names.
    func nameVersion(at t: Int64) -> UInt64 { formerName != nil && t < renamedAt ? 1 : 0 }

    var boxArtURL: String {
        let suffix = igdbID.isEmpty ? "" : "_IGDB"
        return "https://static-cdn.jtvnw.net/ttv-boxart/\(id)\(suffix)-{width}x{height}.jpg"
    }
}

/// The categories of the world: a few dominant ones with Twitch's real ids, a long tail of
/// invented games, and a new release every two weeks that rises over days and fades.
struct GameCatalog: Sendable {
    /// Dominant categories followed by the long tail.
    let games: [Game]
    let epochDay: Int
    private let seed: UInt64
    private let cumulativeWeights: [Double]
    /// Index of Just Chatting, where many streams begin before switching to their game.
    let justChatting = 0

    /// Game references at or above this value denote release waves, not catalog entries.
    static let releaseBase: Int32 = 1_000_000
    static let releaseEveryDays = 14

    init(seed: UInt64, tailCount: Int, epoch: Int64) {
        self.seed = seed
        epochDay = Int(floorDiv(epoch, 86_400_000))
        var games = Self.dominant(epoch: epoch)
        let tail = GameNames(seed: seed)
        for i in 0..<tailCount {
            let h = Mix.hash(seed, Salt.games, UInt64(i))
            let id = i % 3 == 0
                ? 1_000_000_000 + i * 9_973 + Int(h % 9_973)
                : 6_000_000 + i * 977 + Int(h % 977)
            let igdb = h >> 40 % 10 < 8 ? String(1_000 + Int((h >> 20) % 300_000)) : ""
            let weight = 0.45 / pow(Double(i) + 8, 1.15)
            let name = tail.name(i)
            // One tail game gets a definitive edition while the world runs.
            if i == 7 {
                games.append(Game(id: String(id), currentName: name + ": Definitive Edition", formerName: name,
                                  renamedAt: epoch + 3 * 86_400_000, igdbID: igdb, weight: weight))
            } else {
                games.append(Game(id: String(id), currentName: name, formerName: nil, renamedAt: 0,
                                  igdbID: igdb, weight: weight))
            }
        }
        self.games = games
        let total = games.reduce(0) { $0 + $1.weight }
        var acc = 0.0
        cumulativeWeights = games.map { acc += $0.weight / total; return acc }
    }

    /// Draws a main category by popularity.
    func draw(_ u: Double) -> Int32 {
        var lo = 0
        var hi = cumulativeWeights.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if u < cumulativeWeights[mid] { hi = mid } else { lo = mid + 1 }
        }
        return Int32(lo)
    }

    /// `game(ref).nameVersion(at: t)` without building a release's `Game` (release names never change).
    func nameVersion(_ ref: Int32, at t: Int64) -> UInt64 {
        guard ref >= 0, ref < Self.releaseBase else { return 0 }
        return games[Int(ref)].nameVersion(at: t)
    }

    func game(_ ref: Int32) -> Game {
        if ref >= Self.releaseBase { return release(wave: Int(ref - Self.releaseBase) - 100_000) }
        return games[Int(ref)]
    }

    func ref(forID id: String) -> Int32? {
        if let n = Int(id), n >= 1_800_000_000, n < 1_800_200_000 {
            return Self.releaseBase + Int32(n - 1_800_000_000)
        }
        return games.firstIndex { $0.id == id }.map(Int32.init)
    }

    // MARK: New releases

    /// The release wave whose launch is the latest on or before `day`.
    func wave(onDay day: Int) -> Int { floorDiv(day - epochDay - 1, Self.releaseEveryDays) }

    func releaseDay(wave k: Int) -> Int { epochDay + 1 + k * Self.releaseEveryDays }

    func releaseRef(wave k: Int) -> Int32 { Self.releaseBase + Int32(k + 100_000) }

    /// Share of broadcasts on `day` that play release wave `k`: rising over the first days after
    /// launch, then fading.
    func adoption(wave k: Int, day: Int) -> Double {
        let s = Double(day - releaseDay(wave: k))
        guard s >= 0 else { return 0 }
        return 0.14 * (1 - exp(-(s + 1) / 2.2)) * exp(-max(0, s - 6) / 5)
    }

    func release(wave k: Int) -> Game {
        let names = GameNames(seed: seed ^ Salt.release)
        let h = Mix.hash(seed, Salt.release, UInt64(bitPattern: Int64(k)))
        return Game(id: String(1_800_000_000 + k + 100_000), currentName: names.name(Int(h % 30_000)),
                    formerName: nil, renamedAt: 0, igdbID: String(300_000 + Int(h >> 32) % 50_000),
                    weight: 0)
    }

    // MARK: Dominant categories

    private static func dominant(epoch: Int64) -> [Game] {
        func g(_ id: String, _ name: String, _ igdb: String, _ w: Double) -> Game {
            Game(id: id, currentName: name, formerName: nil, renamedAt: 0, igdbID: igdb, weight: w)
        }
        return [
            g("509658", "Just Chatting", "", 0.20),
            g("32982", "Grand Theft Auto V", "1020", 0.065),
            g("21779", "League of Legends", "115", 0.055),
            g("516575", "VALORANT", "126459", 0.045),
            Game(id: "32399", currentName: "Counter-Strike", formerName: "Counter-Strike: Global Offensive",
                 renamedAt: epoch + 30 * 3_600_000, igdbID: "1372", weight: 0.045),
            g("33214", "Fortnite", "1905", 0.04),
            g("27471", "Minecraft", "121", 0.035),
            g("29595", "Dota 2", "2963", 0.02),
            g("511224", "Apex Legends", "114795", 0.02),
            g("512710", "Call of Duty: Warzone", "131800", 0.018),
            g("18122", "World of Warcraft", "123", 0.018),
            g("498566", "Slots", "", 0.012),
            g("515025", "Overwatch 2", "125174", 0.012),
            g("491931", "Escape from Tarkov", "17548", 0.01),
            g("263490", "Rust", "3277", 0.01),
            g("491487", "Dead by Daylight", "18866", 0.01),
            g("26936", "Music", "", 0.01),
            g("509660", "Art", "", 0.008),
            g("513143", "Teamfight Tactics", "120176", 0.008),
            g("138585", "Hearthstone", "1279", 0.006),
            g("509663", "Special Events", "", 0.003),
            g("417752", "Talk Shows & Podcasts", "", 0.004),
            g("509659", "ASMR", "", 0.004),
            g("743", "Chess", "", 0.004),
            g("1469308723", "Software and Game Development", "", 0.003),
            g("509670", "Science & Technology", "", 0.002),
            g("116747788", "Pools, Hot Tubs, and Beaches", "", 0.002),
            g("2058570", "ポケットモンスター スカーレット・バイオレット", "191930", 0.004),
            g("1879524553", "Genshin Impact", "119277", 0.006),
        ]
    }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }
func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
