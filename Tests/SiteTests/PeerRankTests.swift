import Testing
@testable import Metrics

@Suite("Rank among peers")
struct PeerRankTests {
    private func channel(_ user: String, rank: Int, game: String, language: String) -> ChannelRow {
        ChannelRow(rank: rank, userID: user, userLogin: user, userName: user, time: Time(), peakViewers: 0, streams: 1,
                   games: 1, mainGameID: game, mainGameName: "G\(game)", language: language)
    }

    @Test func aChannelRanksAmongChannelsWithItsMainGameAndLanguage() {
        let day = [
            channel("a", rank: 1, game: "1", language: "en"), channel("b", rank: 2, game: "2", language: "en"),
            channel("c", rank: 3, game: "1", language: "de"), channel("d", rank: 4, game: "1", language: "en"),
            channel("e", rank: 5, game: "1", language: "en"),
        ]
        let peers = PeerRank.ranks(of: ["d", "b", "x"], in: day)
        #expect(peers.keys.sorted() == ["b", "d"])
        #expect(peers["d"]?.rank == 2 && peers["d"]?.of == 3 && peers["d"]?.row.userID == "d")
        #expect(peers["b"]?.rank == 1 && peers["b"]?.of == 1)
        #expect(peers["d"]?.topPercent == 67)
        #expect(peers["b"]?.topPercent == 100)
    }

    @Test func theTopOfALargeGroupIsAtLeastOnePercent() {
        let day = (1...1_000).map { channel(String($0), rank: $0, game: "1", language: "en") }
        #expect(PeerRank.ranks(of: ["1"], in: day)["1"]?.topPercent == 1)
        #expect(PeerRank.ranks(of: ["11"], in: day)["11"]?.topPercent == 2)
    }
}
