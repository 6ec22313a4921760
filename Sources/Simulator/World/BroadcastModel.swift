import Foundation
import Model

/// What a broadcast looks like at an instant: its category (with switches inside the stream), its
/// title, its viewers, and whether Get Streams shows it. Pure functions of seed, channel, day and
/// time, so any snapshot can be recomputed exactly.
struct BroadcastModel: Sendable {
    let seed: UInt64
    let population: ChannelPopulation
    let catalog: GameCatalog
    /// Turns popularity into viewers; calibrated to Twitch's ~25 viewers per live stream at peak.
    var viewerScale: Double

    // MARK: Category

    /// The category the broadcast was planned around, before any switch.
    func plannedGame(_ b: Broadcast) -> Int32 {
        let c = Int(b.channel)
        let main = population.mainGame[c]
        guard main >= 0 else { return -1 }
        let d = Int(b.day)
        let uc = UInt64(c), ud = UInt64(bitPattern: Int64(d))
        let wave = catalog.wave(onDay: d)
        let uRelease = Mix.unit(seed, Salt.release, uc, ud)
        for k in [wave, wave - 1] where uRelease < catalog.adoption(wave: k, day: d) {
            return catalog.releaseRef(wave: k)
        }
        return Mix.unit(seed, Salt.game, uc, ud) < 0.2 ? population.secondGame[c] : main
    }

    /// The category at `t`: some streams open in Just Chatting, some switch A→B→A or A→B.
    func game(_ b: Broadcast, at t: Int64) -> Int32 {
        let a = plannedGame(b)
        guard a >= 0 else { return -1 }
        let h = Mix.hash(seed, Salt.switches, UInt64(b.channel), UInt64(bitPattern: Int64(b.day)))
        let duration = Double(b.end - b.start)
        let f = Double(t - b.start) / duration
        let second = population.secondGame[Int(b.channel)]
        let other = second == a ? Int32(catalog.justChatting) : second
        let pattern = h % 100
        let u1 = Double((h >> 8) & 0xFFFF) / 65_536
        let u2 = Double((h >> 24) & 0xFFFF) / 65_536
        switch pattern {
        case 0..<15:
            let warmup = (10 + 30 * u1) * 60_000
            return Double(t - b.start) < warmup ? Int32(catalog.justChatting) : a
        case 15..<35:
            let out = 0.35 + 0.10 * u1, back = 0.60 + 0.15 * u2
            return f >= out && f < back ? other : a
        case 35..<45:
            return f >= 0.5 + 0.2 * u1 ? other : a
        default:
            return a
        }
    }

    // MARK: Title

    /// Titles are chosen per broadcast and changed once mid-stream by a quarter of streamers.
    func title(_ b: Broadcast, at t: Int64) -> String {
        let c = Int(b.channel)
        let h = Mix.hash(seed, Salt.title, UInt64(c), UInt64(bitPattern: Int64(b.day)))
        var variant = h >> 4
        if titleChanged(b, hash: h, at: t) { variant = SplitMix64.finalize(variant) }
        let planned = plannedGame(b)
        let gameName = planned >= 0 ? catalog.game(planned).name(at: t) : ""
        let language = Languages.all[Int(population.language[c])].code
        return Titles.title(language: language, game: gameName, variant: variant, traits: population.traits[c])
    }

    /// Changes exactly when `title(_:at:)` does: at the one mid-stream change, or when the
    /// planned category's name changes (titles mention it).
    /// `planned` is `plannedGame(b)`, which a caller checking often can keep.
    func titleVersion(_ b: Broadcast, planned: Int32, at t: Int64) -> UInt64 {
        let h = Mix.hash(seed, Salt.title, UInt64(b.channel), UInt64(bitPattern: Int64(b.day)))
        return (titleChanged(b, hash: h, at: t) ? 1 : 0) | catalog.nameVersion(planned, at: t) << 1
    }

    private func titleChanged(_ b: Broadcast, hash h: UInt64, at t: Int64) -> Bool {
        guard h % 4 == 0 else { return false }
        let changeAt = b.start + Int64(Double(b.end - b.start) * (0.2 + 0.6 * Double((h >> 40) & 0xFF) / 256))
        return t >= changeAt
    }

    // MARK: Viewers

    /// Viewers at `t`: the channel's audience shaped by a warm-up, the local hour, slow waves,
    /// a little per-minute noise, a hype bonus on new releases and the odd raid.
    func viewers(_ b: Broadcast, game: Int32, at t: Int64) -> Int32 {
        let c = Int(b.channel)
        let uc = UInt64(c), ud = UInt64(bitPattern: Int64(b.day))
        let minutesIn = Double(t - b.start) / 60_000
        let minutesLeft = Double(b.end - t) / 60_000
        let ramp = 0.3 + 0.7 * (1 - exp(-minutesIn / 20))
        let fade = minutesLeft < 20 ? 0.7 + 0.3 * minutesLeft / 20 : 1
        let hour = DailyRhythm.localHour(utcMillis: t, offsetMinutes: Int(population.offsetMinutes[c]))
        let audience = DailyRhythm.audience(localHour: hour)
        let phase = Mix.unit(seed, Salt.noise, uc, ud) * 2 * Double.pi
        let wave = 1 + 0.10 * sin(2 * Double.pi * minutesIn / 53 + phase)
            + 0.05 * sin(2 * Double.pi * minutesIn / 17 + 2 * phase)
        let minute = UInt64(bitPattern: t / 60_000)
        let jitter = 1 + 0.08 * (Mix.unit(seed, Salt.noise, uc, minute) - 0.5)
        let hype = game >= GameCatalog.releaseBase ? 1.3 : 1
        var x = Double(population.popularity[c]) * viewerScale * ramp * fade * audience * wave * jitter * hype
        x += raidViewers(b, at: t)
        // Dithered rounding: a channel averaging 0.4 viewers shows 0 or 1, like real tiny streams.
        let dither = Mix.unit(seed, Salt.noise, uc &+ 0x55, minute)
        return Int32(min(Double(Int32.max), max(0, (x + dither).rounded(.down))))
    }

    /// A raid lands once in about one broadcast in eight: a crowd that arrives at once and
    /// drifts away over the next quarter hour.
    private func raidViewers(_ b: Broadcast, at t: Int64) -> Double {
        let h = Mix.hash(seed, Salt.raid, UInt64(b.channel), UInt64(bitPattern: Int64(b.day)))
        guard h % 8 == 0 else { return 0 }
        let at = b.start + Int64(Double(b.end - b.start) * (0.1 + 0.8 * Double((h >> 8) & 0xFFFF) / 65_536))
        guard t >= at else { return 0 }
        let size = 15 * exp(1.3 * Mix.normal(seed, Salt.raid, UInt64(b.channel), h))
        return size * exp(-Double(t - at) / 900_000)
    }

    // MARK: Visibility

    /// A new stream shows up 30–60 s after it starts, and any stream drops out of the list now
    /// and then for a couple of minutes (TI#558).
    func isListed(_ b: Broadcast, at t: Int64) -> Bool {
        let uc = UInt64(b.channel), ud = UInt64(bitPattern: Int64(b.day))
        let delay = Int64(30_000 + 30_000 * Mix.unit(seed, Salt.visibility, uc, ud))
        guard t >= b.start + delay else { return false }
        return Mix.unit(seed, Salt.visibility, uc &+ ud &* 0x1_0000_0000, UInt64(bitPattern: t / 120_000)) >= 0.004
    }

    // MARK: Identity

    func streamID(_ b: Broadcast) -> String {
        let permuted = (UInt64(b.channel) &* 2_654_435_761 &+ seed) % (1 << 22)
        return String(40_000_000_000 + (Int64(b.day) - 19_000) * (1 << 22) + Int64(permuted))
    }

    func userID(channel c: Int) -> String {
        String(12_000_000 + c * 2_311 + Int(Mix.hash(seed, Salt.names, UInt64(c)) % 2_311))
    }

    func channel(forUserID id: String) -> Int? {
        guard let n = Int(id), n >= 12_000_000 else { return nil }
        let c = (n - 12_000_000) / 2_311
        guard c < population.count, userID(channel: c) == id else { return nil }
        return c
    }

    /// Renaming channels change login every `renamePeriod` days; the id stays.
    func nameGeneration(channel c: Int, at t: Int64) -> Int {
        let period = Int(population.renamePeriod[c])
        guard period > 0 else { return 0 }
        let day = Int(floorDiv(t, Schedule.dayMillis))
        return max(0, floorDiv(day + c % period, period) - 10_000 / period)
    }
}
