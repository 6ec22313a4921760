import Foundation
import GRDB
import Model
import Testing
@testable import Store

@Suite struct DaySegmentStreamsTests {
    @Test func addingCountsEverySegmentAndKeepsEachStreamOnceInOrder() {
        var day = DaySegmentStreams(day: 20_500, segments: 3, streams: [2, 9])
        day.add(newSegments: 4, streams: [40, 2, 5, 40])
        #expect(day.segments == 7)
        #expect(day.streams == [2, 5, 9, 40])
        let packed = day.packedStreams()
        #expect(packed.withUnsafeBytes { DaySegmentStreams.unpackStreams($0) } == day.streams)
    }

    /// A database from before the lists: the migration builds them from the stored segments, and
    /// a day's segments are found through them, streams far apart and segments of other days left out.
    @Test func migrationListsTheStreamsOfEachDaysSegments() throws {
        try withOlderDatabase(migratedUpTo: "v5-crawl-share-blobs", sql: """
            INSERT INTO facts VALUES (1, 0, 'login', 'Name', '33214', 'Fortnite', 'en', 'title', '', 0, 'live');
            INSERT INTO stream(id, stream_id, user_id, started_at) VALUES (1, 's1', 'u1', 0), (500, 's500', 'u2', 0);
            INSERT INTO segment VALUES
                (1, 1, 10, '33214', 1, 100, 200, 100, 1000, 10),
                (1, 2, 11, '33214', 1, 300, 400, 100, 1000, 10),
                (500, 1, 10, '33214', 1, 100, 200, 100, 1000, 10),
                (500, 2, 10, '33214', 1, 250, 300, 50, 500, 10);
            """) { store in
            let days = try store.read { db in
                (try DaySegmentStreams.fetch(db, day: 10), try DaySegmentStreams.fetch(db, day: 11),
                 try DaySegmentStreams.fetch(db, day: 12))
            }
            #expect(days.0 == DaySegmentStreams(day: 10, segments: 3, streams: [1, 500]))
            #expect(days.1 == DaySegmentStreams(day: 11, segments: 1, streams: [1]))
            #expect(days.2 == DaySegmentStreams(day: 12))
            let found = try store.unorderedSegments(day: 10).records.map { "\($0.stream)/\($0.number)" }.sorted()
            #expect(found == ["1/1", "500/1", "500/2"])
            #expect(try store.unorderedSegments(day: 11).records.map(\.number) == [2])
            let indexes = try store.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'segment'")
            }
            #expect(indexes.isEmpty)
        }
    }
}
