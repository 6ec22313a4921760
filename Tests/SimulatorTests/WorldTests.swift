import Model
import Testing
@testable import Simulator

/// 2026-03-02 00:00 UTC, a Monday.
let testEpoch: Millis = 1_772_409_600_000
let hour: Millis = 3_600_000

/// Shared worlds: building one is the slow part of these tests.
enum Worlds {
    static let demo = World(seed: 7, streams: 2_000, epoch: testEpoch)
    static let demoAgain = World(seed: 7, streams: 2_000, epoch: testEpoch)
    static let other = World(seed: 8, streams: 2_000, epoch: testEpoch)

    static func peakTime(_ world: World, day: Int = 1) -> Millis {
        let start = testEpoch + Millis(day) * 24 * hour
        return (0..<48).map { start + Millis($0) * hour / 2 }.max { world.onAirCount(at: $0) < world.onAirCount(at: $1) }!
    }
}

@Suite struct WorldTests {
    @Test func sameSeedGivesSameLiveSet() {
        let t = testEpoch + 30 * hour + 1_234_567
        #expect(Worlds.demo.snapshot(at: t).streams == Worlds.demoAgain.snapshot(at: t).streams)
    }

    @Test func differentSeedsGiveDifferentWorlds() {
        let t = testEpoch + 30 * hour
        let a = Set(Worlds.demo.snapshot(at: t).streams.map(\.userLogin))
        let b = Set(Worlds.other.snapshot(at: t).streams.map(\.userLogin))
        #expect(a != b)
    }

    @Test func dailyPeakMatchesRequestedStreams() {
        let world = Worlds.demo
        let peak = world.snapshot(at: Worlds.peakTime(world)).count
        #expect(peak > 1_500 && peak < 2_500)
    }

    @Test func audienceIsHeavyTailed() {
        let snapshot = Worlds.demo.snapshot(at: Worlds.peakTime(Worlds.demo))
        let viewers = snapshot.viewerCounts
        let median = viewers[viewers.count / 2]
        #expect(median <= 5)
        #expect(viewers[0] >= 1_000)
        #expect(viewers.filter { $0 <= 1 }.count > viewers.count / 5)
        let perStream = Double(snapshot.totalViewers) / Double(snapshot.count)
        #expect(perStream > 12 && perStream < 50)
        #expect(viewers == viewers.sorted(by: >))
    }

    @Test func languagesPeakInTheirLocalEvening() {
        let world = Worlds.demo
        func count(_ language: String, at t: Millis) -> Int {
            world.snapshot(at: t).streams.filter { $0.language == language }.count
        }
        let day = testEpoch + 24 * hour
        // Korea is UTC+9: 21:30 local is 12:30 UTC, 07:00 local is 22:00 UTC.
        #expect(count("ko", at: day + 12 * hour + hour / 2) > 2 * count("ko", at: day + 22 * hour))
        // Germany is UTC+1 in March: 21:00 local is 20:00 UTC, 06:00 local is 05:00 UTC.
        #expect(count("de", at: day + 20 * hour) > 2 * count("de", at: day + 5 * hour))
    }

    @Test func streamKeepsItsIDAndStartForTheBroadcast() {
        let t = testEpoch + 30 * hour
        let before = Dictionary(Worlds.demo.snapshot(at: t).streams.map { ($0.userID, $0) }) { a, _ in a }
        let later = Worlds.demo.snapshot(at: t + 10 * 60_000).streams
        var matched = 0
        for s in later {
            guard let earlier = before[s.userID] else { continue }
            #expect(earlier.id == s.id)
            #expect(earlier.startedAt == s.startedAt)
            matched += 1
        }
        #expect(matched > later.count / 2)
    }

    @Test func someStreamsHaveNoCategoryAndSomeSwitchGames() {
        let world = Worlds.demo
        let t = Worlds.peakTime(world)
        let now = world.snapshot(at: t).streams
        #expect(now.contains { $0.gameID.isEmpty && $0.gameName.isEmpty })
        let later = Dictionary(world.snapshot(at: t + 2 * hour).streams.map { ($0.id, $0.gameID) }) { a, _ in a }
        #expect(now.contains { later[$0.id] != nil && later[$0.id] != $0.gameID })
    }

    @Test func renamedChannelKeepsItsUserID() {
        let world = Worlds.demo
        let c = (0..<world.channelCount).first { world.population.renamePeriod[$0] > 0 }!
        let logins = Set((0..<40).map { world.user(channel: c, at: testEpoch + Millis($0) * 24 * hour).login })
        let ids = Set((0..<40).map { world.user(channel: c, at: testEpoch + Millis($0) * 24 * hour).id })
        #expect(logins.count > 1)
        #expect(ids.count == 1)
    }

    @Test func counterStrikeIsRenamedUnderTheSameID() {
        let world = Worlds.demo
        #expect(world.game(id: "32399", at: testEpoch)?.name == "Counter-Strike: Global Offensive")
        #expect(world.game(id: "32399", at: testEpoch + 48 * hour)?.name == "Counter-Strike")
    }

    @Test func newReleaseRisesOverDays() {
        let world = Worlds.demo
        let release = world.catalog.game(world.catalog.releaseRef(wave: 0)).id
        func share(day: Int) -> Int {
            world.snapshot(at: testEpoch + Millis(day) * 24 * hour + 20 * hour).streams.filter { $0.gameID == release }.count
        }
        #expect(share(day: 0) == 0)
        #expect(share(day: 5) > share(day: 1))
    }

    @Test func hostileAndMultiScriptNamesOccur() {
        let world = Worlds.demo
        let names = (0..<world.channelCount).map { world.user(channel: $0, at: testEpoch).displayName }
        #expect(names.contains { $0.contains("<script>") })
        #expect(names.contains { $0.hasPrefix("=") })
        #expect(names.contains { $0.contains("\u{202E}") })
        for range in [0x0400...0x04FF, 0x0370...0x03FF, 0x3040...0x30FF, 0xAC00...0xD7AF, 0x0600...0x06FF, 0x1F300...0x1FAFF] {
            #expect(names.contains { $0.unicodeScalars.contains { range.contains(Int($0.value)) } })
        }
        let titles = world.snapshot(at: Worlds.peakTime(world)).streams.map(\.title)
        #expect(titles.contains { $0.count >= 140 })
        #expect(titles.contains { $0.contains("<") || $0.hasPrefix("=") })
    }

    @Test func userIDsAndLoginsAreUnique() {
        let world = Worlds.demo
        let users = (0..<world.channelCount).map { world.user(channel: $0, at: testEpoch) }
        #expect(Set(users.map(\.id)).count == users.count)
        #expect(Set(users.map(\.login)).count == users.count)
        #expect(users.allSatisfy { $0.login.count >= 4 && $0.login == $0.login.lowercased() })
    }
}
