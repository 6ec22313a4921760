import Foundation
import Model
import Testing
@testable import Store

@Suite struct DayChannelPeaksTests {
    @Test func raisingKeepsTheHighestAndPackingKeepsEveryChannel() {
        var day = DayChannelPeaks(day: 20_500, peaks: ["1": 10, "日本": 3])
        day.raise("1", to: 4)
        day.raise("2", to: 0)
        day.raise(to: DayChannelPeaks(day: 20_500, peaks: ["日本": 7, "3": Int(Int32.max)]))
        #expect(day.peaks == ["1": 10, "2": 0, "日本": 7, "3": Int(Int32.max)])
        var unpacked: [String: Int] = [:]
        day.packed().withUnsafeBytes { DayChannelPeaks.unpack($0) { unpacked[$0] = $1 } }
        #expect(unpacked == day.peaks)
    }

    /// A database from before the blobs: each channel gets the highest peak of its streams, by day.
    @Test func migrationKeepsEachChannelsHighestStream() throws {
        try withOlderDatabase(migratedUpTo: "v6-day-segment-streams", sql: """
            INSERT INTO day_stream_peak VALUES (10, 1, 'u1', 50), (10, 2, 'u1', 70), (10, 3, 'u2', 5), (11, 2, 'u1', 9);
            """) { store in
            var day10: [String: Int] = [:], day11: [String: Int] = [:], day12: [String: Int] = [:]
            try store.channelPeaks(day: 10) { day10[$0] = $1 }
            try store.channelPeaks(day: 11) { day11[$0] = $1 }
            try store.channelPeaks(day: 12) { day12[$0] = $1 }
            #expect(day10 == ["u1": 70, "u2": 5])
            #expect(day11 == ["u1": 9])
            #expect(day12.isEmpty)
            let tables = try store.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name = 'day_stream_peak'")
            }
            #expect(tables.isEmpty)
        }
    }
}
