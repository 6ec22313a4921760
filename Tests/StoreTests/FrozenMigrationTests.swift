import Foundation
import GRDB
import Testing
@testable import Store

/// Each migration run on a database as the release before it left it (see `MigrationStep`): what it
/// converts comes out as that release's readers expect, byte for byte where it packs blobs, and
/// every other row stays as it was, through this migration and all the later ones.
@Suite("Frozen migrations")
struct FrozenMigrationTests {
    @Test func releasedMigrationsKeepTheirNamesAndOrder() {
        let released = [
            "v1-raw", "v1-consolidated", "v2-site-history", "v3-stream-state-in-segments", "v4-history-channel-rank",
            "v5-crawl-share-blobs", "v6-day-segment-streams", "v7-day-channel-peaks", "v8-crawl-left-out", "v9-periods",
            "v10-dashboards", "v11-pulled-crawls", "v12-mail-sent", "v13-period-sums",
        ]
        #expect(Array(Schema.migrator.migrations.prefix(released.count)) == released)
    }

    @Test func v1RawCreatesTheRawTablesInAnEmptyDatabase() throws {
        let step = try MigrationStep("v1-raw", from: "")
        try step.run()
        #expect(try step.tableNames() == ["crawl", "crawl_failure", "crawl_observations", "facts", "meta", "stream"])
        try step.runAll()
        #expect(try step.rows("SELECT COUNT(*) FROM crawl") == ["0"])
    }

    @Test func v1ConsolidatedAddsEmptyConsolidatedTablesAndKeepsTheRawRows() throws {
        let step = try MigrationStep("v1-consolidated", from: """
            INSERT INTO meta VALUES ('time_zone', 'Europe/Berlin');
            INSERT INTO crawl VALUES (1, 1772906400000, 'collect', 3, 950, 1, 1, 0, 2, 1500, 2);
            INSERT INTO crawl_failure VALUES (1, 1772906700000, 2, 400, 'HTTP 503');
            INSERT INTO stream VALUES (1, 's1', 'u1', 1772900000000, 1772906400000, 1, '33214');
            INSERT INTO facts VALUES (1, -42, 'login', 'Name', '33214', 'Fortnite', 'en', 'title', 'a,b', 0, 'live');
            INSERT INTO crawl_observations VALUES (1, 1, X'0102FF');
            """)
        try step.run()
        #expect(try step.changedTables() == [])
        for table in ["day_part", "day_stream_peak", "crawl_game", "crawl_language", "segment", "dirty_day"] {
            #expect(try step.rows("SELECT COUNT(*) FROM \(table)") == ["0"], "\(table)")
        }
        try step.runAll()
        #expect(try step.changedTables() == [])
        #expect(try step.droppedTables() == [])
        #expect(try step.rows("SELECT id, left_out FROM crawl") == ["1|0"])
    }

    @Test func v2SiteHistoryAddsEmptyHistoryTablesAndKeepsTheConsolidatedRows() throws {
        let step = try MigrationStep("v2-site-history", from: """
            INSERT INTO day_part VALUES (20500, 1, '33214', 'en', 'u1', 600000, 900000000, 1772906400000, 1);
            INSERT INTO day_stream_peak VALUES (20500, 1, 'u1', 1500);
            INSERT INTO crawl_game VALUES (1772906400000, '33214', 1500, 2);
            INSERT INTO crawl_language VALUES (1772906400000, 'en', 1500, 2);
            INSERT INTO segment VALUES (1, 1, 20500, '33214', 1, 1772900000000, 1772906400000, 6400000, 9600000000, 1500);
            INSERT INTO dirty_day VALUES (20500);
            """)
        try step.run()
        #expect(try step.changedTables() == [])
        for table in ["history_day", "history_game", "history_channel", "history_language", "site_state"] {
            #expect(try step.rows("SELECT COUNT(*) FROM \(table)") == ["0"], "\(table)")
        }
        try step.runAll()
        #expect(try step.changedTables() == [])
        #expect(try step.droppedTables() == ["crawl_game", "crawl_language", "day_stream_peak"])
        #expect(try step.rows("SELECT day FROM dirty_day") == ["20500"])
    }

    @Test func v3StreamStateInSegmentsDropsTheStreamsCopiesAndKeepsTheirOtherColumns() throws {
        let step = try MigrationStep("v3-stream-state-in-segments", from: """
            INSERT INTO stream VALUES (1, 's1', 'u1', 1772900000000, 1772906400000, 2, '33214'), (2, 's2', 'u2', 5, NULL, 0, NULL);
            INSERT INTO segment VALUES (1, 2, 20500, '33214', 1, 1772900000000, 1772906400000, 6400000, 9600000000, 1500);
            INSERT INTO history_game VALUES (20500, '33214', 'Fortnite', 1, 9600000000, 6400000, 1500, 1, 1);
            INSERT INTO site_state VALUES ('render_settings', 'x');
            """)
        try step.run()
        #expect(try step.columns("stream") == ["id", "stream_id", "user_id", "started_at"])
        #expect(try step.rows("SELECT * FROM stream ORDER BY id") == ["1|'s1'|'u1'|1772900000000", "2|'s2'|'u2'|5"])
        #expect(try step.changedTables() == [])
        try step.runAll()
        #expect(try step.changedTables() == [])
    }

    @Test func v4HistoryChannelRankIndexesChannelsByRankInsteadOfByUser() throws {
        let step = try MigrationStep("v4-history-channel-rank", from: """
            INSERT INTO history_channel VALUES
                (20500, 'u1', 'one', 'One', 1, 9000, 600, 70, 1, '33214', 'Fortnite', 'en'),
                (20500, 'u2', 'two', 'Two', 2, 800, 600, 5, 2, '', '', 'de'),
                (20501, 'u1', 'one', 'One', 1, 9500, 700, 75, 1, '33214', 'Fortnite', 'en');
            """)
        try step.run()
        #expect(try step.indexes("history_channel") == ["history_channel_rank"])
        #expect(try step.changedTables() == [])
        try step.runAll()
        #expect(try step.changedTables() == [])
    }

    /// Viewers past one byte of varint, a key that is not ASCII, crawls with games only and with
    /// languages only (the other blob empty, not NULL): the blobs as `CrawlShareBlob` reads them.
    @Test func v5CrawlShareBlobsPacksEachCrawlsRowsIntoTwoBlobs() throws {
        let step = try MigrationStep("v5-crawl-share-blobs", from: """
            INSERT INTO crawl_game VALUES (1000, '33214', 500, 3), (1000, '21779', 20, 1), (2000, '33214', 70000, 4);
            INSERT INTO crawl_language VALUES (1000, 'en', 520, 4), (1000, 'de', 9, 1), (3000, '日本語', 127, 128);
            """)
        let packed = [
            "1000|X'0532313737392802053333323134E80706'|X'026465120202656E900808'",
            "2000|X'053333323134E0C50808'|X''",
            "3000|X''|X'09E697A5E69CACE8AA9EFE018002'",
        ]
        try step.run()
        #expect(try step.rows("SELECT crawl_time, games, languages FROM crawl_share ORDER BY crawl_time") == packed)
        #expect(try step.droppedTables() == ["crawl_game", "crawl_language"])
        #expect(try step.changedTables() == [])
        let shares = try step.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT games, languages FROM crawl_share ORDER BY crawl_time").map { row in
                [row[0] as Data, row[1] as Data].map { blob in
                    var decoded: [String] = []
                    blob.withUnsafeBytes { CrawlShareBlob.decode($0) { decoded.append("\($0.key) \($0.viewers) \($0.channels)") } }
                    return decoded
                }
            }
        }
        #expect(shares == [
            [["21779 20 1", "33214 500 3"], ["de 9 1", "en 520 4"]],
            [["33214 70000 4"], []],
            [[], ["日本語 127 128"]],
        ])
        try step.runAll()
        #expect(try step.rows("SELECT crawl_time, games, languages FROM crawl_share ORDER BY crawl_time") == packed)
    }

    /// Stream row ids more than one varint byte apart, and a stream with two segments in one day.
    @Test func v6DaySegmentStreamsListsEachDaysStreamsAndDropsTheIndexByDay() throws {
        let step = try MigrationStep("v6-day-segment-streams", from: """
            INSERT INTO segment VALUES
                (1, 1, 10, '33214', 1, 100, 200, 100, 1000, 10),
                (1, 2, 10, '21779', 2, 250, 300, 50, 500, 10),
                (500, 1, 10, '33214', 1, 100, 200, 100, 1000, 10),
                (200, 1, 10, '33214', 1, 100, 200, 100, 1000, 10),
                (1, 3, 11, '21779', 2, 400, 500, 100, 1000, 10);
            """)
        let lists = ["10|4|X'01C701AC02'", "11|1|X'01'"]
        try step.run()
        #expect(try step.rows("SELECT day, segments, streams FROM day_segment_streams ORDER BY day") == lists)
        #expect(try step.indexes("segment") == [])
        #expect(try step.changedTables() == [])
        let days = try step.queue.read { db in
            [try DaySegmentStreams.fetch(db, day: 10), try DaySegmentStreams.fetch(db, day: 11)]
        }
        #expect(days == [DaySegmentStreams(day: 10, segments: 4, streams: [1, 200, 500]),
                         DaySegmentStreams(day: 11, segments: 1, streams: [1])])
        try step.runAll()
        #expect(try step.rows("SELECT day, segments, streams FROM day_segment_streams ORDER BY day") == lists)
        #expect(try step.changedTables() == [])
    }

    /// Each channel gets its highest stream of the day; peaks past one varint byte, a user id that
    /// is not ASCII.
    @Test func v7DayChannelPeaksPacksEachChannelsHighestStreamByDay() throws {
        let step = try MigrationStep("v7-day-channel-peaks", from: """
            INSERT INTO day_stream_peak VALUES
                (10, 1, 'u1', 50), (10, 2, 'u1', 70), (10, 3, 'u2', 5), (10, 4, '日本', 200), (11, 2, 'u1', 9);
            """)
        let packed = ["10|X'0275318C010275320A06E697A5E69CAC9003'", "11|X'02753112'"]
        try step.run()
        #expect(try step.rows("SELECT day, peaks FROM day_channel_peaks ORDER BY day") == packed)
        #expect(try step.droppedTables() == ["day_stream_peak"])
        let peaks = try step.queue.read { db in
            [try DayChannelPeaks.fetch(db, day: 10).peaks, try DayChannelPeaks.fetch(db, day: 11).peaks]
        }
        #expect(peaks == [["u1": 70, "u2": 5, "日本": 200], ["u1": 9]])
        try step.runAll()
        #expect(try step.rows("SELECT day, peaks FROM day_channel_peaks ORDER BY day") == packed)
    }

    @Test func v8CrawlLeftOutSaysStoredCrawlsLeftNothingOut() throws {
        let step = try MigrationStep("v8-crawl-left-out", from: """
            INSERT INTO crawl VALUES (1, 1772906400000, 'collect', 3, 950, 1, 1, 0, 2, 1500, 2), (2, 1772906700000, 'import', 1, 0, 0, 0, 0, NULL, NULL, NULL);
            """)
        try step.run()
        #expect(try step.rows("SELECT id, left_out FROM crawl ORDER BY id") == ["1|0", "2|0"])
        #expect(try step.changedTables() == [])
        try step.runAll()
        #expect(try step.changedTables() == [])
    }

    @Test func v9PeriodsAddsEmptyPeriodTablesAndKeepsTheHistory() throws {
        let step = try MigrationStep("v9-periods", from: """
            INSERT INTO history_game VALUES (20500, '33214', 'Fortnite', 1, 9000, 600, 70, 2, 1);
            INSERT INTO history_channel VALUES (20500, 'u1', 'one', 'One', 1, 9000, 600, 70, 1, '33214', 'Fortnite', 'en');
            """)
        try step.run()
        #expect(try step.rows("SELECT COUNT(*) FROM period_game") == ["0"])
        #expect(try step.rows("SELECT COUNT(*) FROM period_channel") == ["0"])
        #expect(try step.changedTables() == [])
        try step.runAll()
        #expect(try step.changedTables() == [])
    }

    @Test func v10DashboardsMarksTheLast31RecordedDaysChanged() throws {
        let days = (100...140).map { "(\($0), 86400, 1, 0, 0, 0, 0, 0, 0, 0)" }.joined(separator: ", ")
        let step = try MigrationStep("v10-dashboards", from: """
            INSERT INTO history_day VALUES \(days);
            INSERT INTO dirty_day VALUES (5);
            INSERT INTO history_channel VALUES (140, 'u1', 'one', 'One', 1, 9000, 600, 70, 1, '33214', 'Fortnite', 'de');
            """)
        try step.run()
        #expect(try step.rows("SELECT day FROM dirty_day ORDER BY day") == ["5"] + (110...140).map(String.init))
        #expect(try step.changedTables() == ["dirty_day"])
        #expect(try step.indexes("history_channel") == ["history_channel_language", "history_channel_rank"])
        #expect(try step.rows("SELECT COUNT(*) FROM history_language_game") == ["0"])
        #expect(try step.rows("SELECT COUNT(*) FROM history_stream_watch") == ["0"])
        try step.runAll()
        #expect(try step.changedTables() == ["dirty_day"])
    }

    @Test func v10DashboardsMarksNothingWithoutRecordedDays() throws {
        let step = try MigrationStep("v10-dashboards", from: "INSERT INTO dirty_day VALUES (5);")
        try step.run()
        #expect(try step.rows("SELECT day FROM dirty_day") == ["5"])
        #expect(try step.changedTables() == [])
    }

    @Test func v11PulledCrawlsAddsEmptyTablesAndKeepsTheCrawls() throws {
        let step = try MigrationStep("v11-pulled-crawls", from: """
            INSERT INTO crawl VALUES (1, 1772906400000, 'collect', 3, 950, 1, 1, 0, 2, 1500, 2, 4);
            INSERT INTO crawl_failure VALUES (1, 1772906700000, 2, 400, 'HTTP 503');
            """)
        try step.run()
        #expect(try step.rows("SELECT COUNT(*) FROM pulled_crawl") == ["0"])
        #expect(try step.rows("SELECT COUNT(*) FROM spooled_crawl") == ["0"])
        #expect(try step.changedTables() == [])
        try step.runAll()
        #expect(try step.changedTables() == [])
    }

    @Test func v12MailSentAddsAnEmptyTableAndKeepsTheCrawlsPulledAndSpooled() throws {
        let step = try MigrationStep("v12-mail-sent", from: """
            INSERT INTO pulled_crawl VALUES ('eu-1', 1772906400000, 'stored');
            INSERT INTO spooled_crawl VALUES (1, 'eu-1', 1772906700000, 'client', 'complete', 3, 2, 0, 950, 1, NULL, X'00');
            """)
        try step.run()
        #expect(try step.rows("SELECT COUNT(*) FROM mail_sent") == ["0"])
        #expect(try step.changedTables() == [])
        try step.runAll()
        #expect(try step.changedTables() == [])
    }

    @Test func v13PeriodSumsAddsAnEmptyTableAndKeepsTheMailSent() throws {
        let step = try MigrationStep("v13-period-sums", from: """
            INSERT INTO mail_sent VALUES (20520, 'a@example.org', '<m@example.org>', 1772906400000);
            """)
        try step.run()
        #expect(try step.rows("SELECT COUNT(*) FROM period_sums") == ["0"])
        #expect(try step.changedTables() == [])
        try step.runAll()
        #expect(try step.changedTables() == [])
    }
}
