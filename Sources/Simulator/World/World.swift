import Foundation
import Model

/// A simulated Twitch: a seeded population of channels whose schedules decide who is live at any
/// virtual instant. The same seed, size and epoch give the same streams at the same time.
///
/// Snapshots are cheap: day plans are computed once and cached, so a snapshot is one pass over
/// the broadcasts of the four days that can be live at that instant plus a sort.
public final class World: @unchecked Sendable {
    public let seed: UInt64
    /// Live streams at the daily peak the world was calibrated to.
    public let peakStreams: Int
    /// The instant the world's story starts: releases, renames and the calibration days count
    /// from its day.
    public let epoch: Millis

    let population: ChannelPopulation
    let catalog: GameCatalog
    let names: ChannelNames
    private(set) var schedule: Schedule
    private(set) var model: BroadcastModel

    private let lock = NSLock()
    private var plans: [Int: [Broadcast]] = [:]
    private var loginIndex: (day: Int, logins: [String: Int])?

    /// Channels per live stream at peak, as on Twitch (~4–5 channels for each one live).
    static let channelsPerPeakStream = 4.5
    /// Twitch's ratio at the daily peak: about 2.5 M viewers over 100 k live streams.
    static let viewersPerStream = 25.0

    public init(seed: UInt64, streams: Int, epoch: Millis) {
        self.seed = seed
        peakStreams = max(1, streams)
        self.epoch = epoch
        let channels = max(50, Int(Double(peakStreams) * Self.channelsPerPeakStream))
        catalog = GameCatalog(seed: seed, tailCount: min(6_000, max(300, peakStreams / 2)), epoch: epoch)
        population = ChannelPopulation(seed: seed, count: channels, catalog: catalog)
        names = ChannelNames(seed: seed)
        schedule = Schedule(seed: seed, activityScale: 1)
        model = BroadcastModel(seed: seed, population: population, catalog: catalog, viewerScale: 1)
        calibrate()
    }

    public var channelCount: Int { population.count }

    // MARK: Snapshots

    /// The streams Get Streams lists at `t`, sorted by viewers, most first.
    public func snapshot(at t: Millis) -> WorldSnapshot {
        var entries: [LiveEntry] = []
        entries.reserveCapacity(peakStreams + peakStreams / 4)
        let model = self.model
        for day in Schedule.daysTouching(t) {
            for b in plan(day: day) where b.start <= t && t < b.end && model.isListed(b, at: t) {
                let game = model.game(b, at: t)
                let tie = UInt32(truncatingIfNeeded: Mix.hash(seed, Salt.tieBreak, UInt64(b.channel), UInt64(b.day)))
                entries.append(LiveEntry(broadcast: b, viewers: model.viewers(b, game: game, at: t), game: game, tie: tie))
            }
        }
        entries.sort(by: LiveEntry.ranksBefore)
        return WorldSnapshot(world: self, time: t, entries: entries)
    }

    /// The number of broadcasts on air at `t`, listed or not.
    func onAirCount(at t: Millis) -> Int {
        var n = 0
        for day in Schedule.daysTouching(t) {
            for b in plan(day: day) where b.start <= t && t < b.end { n += 1 }
        }
        return n
    }

    /// Broadcasts on air at each step from the start of the first day to the end of the last,
    /// in one pass over the plans (a difference array), for calibration.
    private func onAirCounts(days: Range<Int>, every step: Millis) -> [Int] {
        let from = Millis(days.lowerBound) * Schedule.dayMillis
        let samples = Int(Millis(days.count) * Schedule.dayMillis / step)
        var diff = [Int](repeating: 0, count: samples + 1)
        for day in (days.lowerBound - 2)...(days.upperBound) {
            for b in plan(day: day) {
                // Samples k with from + k*step in [start, end).
                let first = max(0, Int(floorDiv(b.start - from + step - 1, step)))
                let last = min(samples, Int(floorDiv(b.end - from + step - 1, step)))
                if first < last { diff[first] += 1; diff[last] -= 1 }
            }
        }
        var counts = [Int](repeating: 0, count: samples)
        var running = 0
        for k in 0..<samples { running += diff[k]; counts[k] = running }
        return counts
    }

    func plan(day: Int) -> [Broadcast] {
        lock.lock()
        if let cached = plans[day] { lock.unlock(); return cached }
        let schedule = self.schedule
        lock.unlock()
        let computed = schedule.plan(day: day, population: population)
        lock.lock()
        defer { lock.unlock() }
        if plans.count >= 8, let farthest = plans.keys.max(by: { abs($0 - day) < abs($1 - day) }) {
            plans[farthest] = nil
        }
        plans[day] = computed
        return computed
    }

    // MARK: Records

    func record(_ e: LiveEntry, at t: Millis) -> SimulatedStream {
        let b = e.broadcast
        let c = Int(b.channel)
        let user = identity(channel: c, at: t)
        let game = e.game >= 0 ? catalog.game(e.game) : nil
        let language = Languages.all[Int(population.language[c])]
        let traits = population.traits[c]
        let tags: [String]? = traits.contains(.tagsNull) ? nil
            : traits.contains(.tagsEmpty) ? [] : Self.tags(language: language, channel: c, seed: seed)
        return SimulatedStream(
            id: model.streamID(b), userID: user.id, userLogin: user.login, userName: user.displayName,
            gameID: game?.id ?? "", gameName: game?.name(at: t) ?? "", title: model.title(b, at: t),
            tags: tags, viewerCount: Int(e.viewers), startedAt: b.start / 1000 * 1000,
            language: language.code)
    }

    /// Changes whenever anything `record(_:at:)` returns, other than the viewer count, changes
    /// for the same broadcast and category: the channel's name generation, the category's name,
    /// the title. Lets a server reuse a stream's encoded text from one request to the next; a
    /// new time-dependent field in `record` must be reflected here.
    ///
    /// `plannedGame` is `plannedGame(e.broadcast)`, fixed for a broadcast, which callers keep.
    func recordVersion(_ e: LiveEntry, plannedGame: Int32, at t: Millis) -> UInt64 {
        let generation = UInt64(model.nameGeneration(channel: Int(e.broadcast.channel), at: t))
        return generation << 8 | catalog.nameVersion(e.game, at: t) << 4
            | model.titleVersion(e.broadcast, planned: plannedGame, at: t)
    }

    /// The category a broadcast was planned around (titles mention it).
    func plannedGame(_ b: Broadcast) -> Int32 { model.plannedGame(b) }

    private static let extraTags = ["FPS", "DropsEnabled", "Chill", "Competitive", "NoBackseating", "Speedrun",
                                    "Vtuber", "LGBTQIAPlus", "Casual", "Educational", "Roleplay", "Community"]

    private static func tags(language: Language, channel c: Int, seed: UInt64) -> [String] {
        let h = Mix.hash(seed, Salt.names, UInt64(c), 0x7A65)
        var tags = [language.tag]
        for k in 0..<Int(h % 4) {
            let tag = extraTags[Int((h >> (8 * UInt64(k + 1))) % UInt64(extraTags.count))]
            if !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    /// The names a stream object carries: id, login and display name at `t`.
    func identity(channel c: Int, at t: Millis) -> (id: String, login: String, displayName: String) {
        let generation = model.nameGeneration(channel: c, at: t)
        let login = names.login(channel: c, generation: generation)
        let script = Languages.all[Int(population.language[c])].script
        let display = names.displayName(channel: c, generation: generation, login: login, script: script,
                                        traits: population.traits[c])
        return (model.userID(channel: c), login, display)
    }

    func user(channel c: Int, at t: Millis) -> SimulatedUser {
        let (id, login, display) = identity(channel: c, at: t)
        let pop = Double(population.popularity[c]) * model.viewerScale
        let h = Mix.hash(seed, Salt.names, UInt64(c), 0xD35C)
        // Ids grow with account age: map the id range onto 2007–2025.
        let created: Millis = 1_180_000_000_000 + Millis(c) * (560_000_000_000 / Millis(max(1, population.count)))
            + Millis(h % 86_400_000)
        return SimulatedUser(
            id: id, login: login, displayName: display,
            broadcasterType: pop > 300 ? "partner" : pop > 3 ? "affiliate" : "",
            description: h % 5 == 0 ? "" : Titles.title(language: Languages.all[Int(population.language[c])].code,
                                                        game: "", variant: h, traits: population.traits[c]),
            profileImageURL: "https://static-cdn.jtvnw.net/jtv_user_pictures/\(String(h, radix: 16))-profile_image-300x300.png",
            offlineImageURL: h % 3 == 0 ? "" : "https://static-cdn.jtvnw.net/jtv_user_pictures/\(String(h >> 3, radix: 16))-channel_offline_image-1920x1080.png",
            createdAt: created)
    }

    // MARK: Lookups

    public func user(id: String, at t: Millis) -> SimulatedUser? {
        model.channel(forUserID: id).map { user(channel: $0, at: t) }
    }

    public func user(login: String, at t: Millis) -> SimulatedUser? {
        channel(forLogin: login.lowercased(), at: t).map { user(channel: $0, at: t) }
    }

    func channel(forLogin login: String, at t: Millis) -> Int? {
        let day = Int(floorDiv(t, Schedule.dayMillis))
        lock.lock()
        if let index = loginIndex, index.day == day { lock.unlock(); return index.logins[login] }
        lock.unlock()
        var logins: [String: Int] = [:]
        logins.reserveCapacity(population.count)
        let noon = Millis(day) * Schedule.dayMillis + Schedule.dayMillis / 2
        for c in 0..<population.count {
            logins[names.login(channel: c, generation: model.nameGeneration(channel: c, at: noon))] = c
        }
        lock.lock()
        loginIndex = (day, logins)
        lock.unlock()
        return logins[login]
    }

    public func game(id: String, at t: Millis) -> SimulatedGame? {
        catalog.ref(forID: id).map { simulatedGame(catalog.game($0), at: t) }
    }

    public func game(name: String, at t: Millis) -> SimulatedGame? {
        if let g = catalog.games.first(where: { $0.name(at: t) == name }) { return simulatedGame(g, at: t) }
        let wave = catalog.wave(onDay: Int(floorDiv(t, Schedule.dayMillis)))
        for k in [wave, wave - 1] where catalog.release(wave: k).name(at: t) == name {
            return simulatedGame(catalog.release(wave: k), at: t)
        }
        return nil
    }

    func gameRef(id: String) -> Int32? { catalog.ref(forID: id) }

    private func simulatedGame(_ g: Game, at t: Millis) -> SimulatedGame {
        SimulatedGame(id: g.id, name: g.name(at: t), boxArtURL: g.boxArtURL, igdbID: g.igdbID)
    }

    // MARK: Calibration

    /// Scales streaming chances so the daily peak of live streams matches `peakStreams`, then
    /// scales audiences to ~25 viewers per live stream at that peak (2.5 M for 100 k streams).
    private func calibrate() {
        let epochDay = Int(floorDiv(epoch, Schedule.dayMillis))
        let days = 3
        var peakTime: Millis = 0
        for _ in 0..<6 {
            let counts = onAirCounts(days: epochDay..<(epochDay + days), every: Schedule.dayMillis / 48)
            let perDay = counts.count / days
            var peaks: [Int] = []
            for d in 0..<days {
                let slice = counts[(d * perDay)..<((d + 1) * perDay)]
                let best = slice.indices.max { slice[$0] < slice[$1] }!
                if d == 0 { peakTime = Millis(epochDay) * Schedule.dayMillis + Millis(best) * Schedule.dayMillis / 48 }
                peaks.append(slice[best])
            }
            let average = Double(peaks.reduce(0, +)) / Double(peaks.count)
            let ratio = Double(peakStreams) / max(1, average)
            if abs(ratio - 1) < 0.02 { break }
            lock.lock()
            schedule.activityScale *= ratio
            plans = [:]
            lock.unlock()
        }
        for _ in 0..<2 {
            let peak = snapshot(at: peakTime)
            let viewers = peak.entries.reduce(0.0) { $0 + Double($1.viewers) }
            guard viewers > 0 else { break }
            model.viewerScale *= Self.viewersPerStream * Double(peak.entries.count) / viewers
        }
    }
}
