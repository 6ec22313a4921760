import Foundation
import Import
import Model
import Pipeline
import Store
import TestSupport
import Testing

/// Import applies METRICS.md §1 "Plausible observations": a row breaking a rule is refused like
/// any invalid row, naming its field, and nothing is written; values at the bounds are accepted.
@Suite struct PlausibleImportTests {
    /// The storing machine's clock in these tests.
    static let now = Timestamp.parse("2026-03-08T12:00:00Z")!
    static let rules = Plausibility(now: now)

    static func row(
        id: String = "1", viewers: String = "5", startedAt: String = "2026-03-08T10:00:00Z",
        time: String = "2026-03-08T11:00:00Z", timeKey: String = "last_updated"
    ) -> String {
        #"{"id":"\#(id)","user_id":"2","user_login":"a","user_name":"A","game_id":"9","game_name":"G","type":"live","title":"t","tags":null,"viewer_count":\#(viewers),"started_at":"\#(startedAt)","language":"en","\#(timeKey)":"\#(time)"}"#
    }

    static let refused: [(name: String, line: String, field: String, reason: String)] = [
        ("year 9999", row(time: "9999-12-31T23:59:59Z"), "last_updated",
         "9999-12-31T23:59:59Z is more than 10 minutes past this machine's clock (2026-03-08T12:00:00Z)"),
        ("a year ahead", row(startedAt: "2027-03-08T11:00:00Z", time: "2027-03-08T12:00:00Z"), "last_updated",
         "2027-03-08T12:00:00Z is more than 10 minutes past this machine's clock (2026-03-08T12:00:00Z)"),
        ("one second past the tolerance", row(startedAt: "2026-03-08T12:00:00Z", time: "2026-03-08T12:10:00.001Z"),
         "last_updated", "2026-03-08T12:10:00Z is more than 10 minutes past this machine's clock (2026-03-08T12:00:00Z)"),
        ("observed_at ahead", row(time: "2030-01-01T00:00:00Z", timeKey: "observed_at"), "observed_at",
         "2030-01-01T00:00:00Z is more than 10 minutes past this machine's clock (2026-03-08T12:00:00Z)"),
        ("before Twitch", row(startedAt: "2011-05-31T00:00:00Z", time: "2011-05-31T23:59:59Z"), "last_updated",
         "2011-05-31T23:59:59Z is before 2011-06-01, earlier than any Twitch crawl"),
        ("started in year 1", row(startedAt: "0001-01-01T00:00:00Z"), "started_at",
         "0001-01-01T00:00:00Z is more than 7 days before the crawl time 2026-03-08T11:00:00Z"),
        ("started 7 days and 1 s before", row(startedAt: "2026-03-01T10:59:59Z"), "started_at",
         "2026-03-01T10:59:59Z is more than 7 days before the crawl time 2026-03-08T11:00:00Z"),
        ("started 10 min and 1 s after", row(startedAt: "2026-03-08T11:10:01Z"), "started_at",
         "2026-03-08T11:10:01Z is more than 10 minutes after the crawl time 2026-03-08T11:00:00Z"),
        ("50,000,001 viewers", row(viewers: "50000001"), "viewer_count", "must be at most 50,000,000, got 50000001"),
        ("-1 viewers", row(viewers: "-1"), "viewer_count", "must be a non-negative integer, got -1"),
        ("Int64.max viewers", row(viewers: "9223372036854775807"), "viewer_count",
         "must be at most 50,000,000, got 9223372036854775807"),
        ("one past Int64.max", row(viewers: "9223372036854775808"), "viewer_count",
         "must be at most 50,000,000, got 9223372036854775808"),
        ("Int64.min viewers", row(viewers: "-9223372036854775808"), "viewer_count",
         "must be a non-negative integer, got -9223372036854775808"),
        ("one below Int64.min", row(viewers: "-9223372036854775809"), "viewer_count",
         "must be a non-negative integer, got -9223372036854775809"),
        ("1e30 viewers", row(viewers: "1e30"), "viewer_count", "must be at most 50,000,000, got 1e30"),
        ("a hundred digits", row(viewers: String(repeating: "9", count: 100)), "viewer_count",
         "must be at most 50,000,000, got \(String(repeating: "9", count: 60))…"),
        ("viewers as huge text", row(viewers: "\"9000000000000000000\""), "viewer_count",
         "must be at most 50,000,000, got 9000000000000000000"),
    ]

    @Test(arguments: refused)
    func implausibleRowIsRefusedNamingItsFieldAndNothingIsWritten(name: String, line: String, field: String, reason: String) throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("in.ndjson", Self.row() + "\n" + line + "\n")
        let store = try Store(path: scratch.path("db.sqlite"))
        do {
            _ = try ImportJob.run(store: store, paths: [file], skipInvalid: false, rules: Self.rules)
            Issue.record("\(name): import should have failed")
        } catch let error as ImportError {
            #expect(error.description == "\(file):2: \(field): \(reason)", "\(name)")
        }
        #expect(try store.counts().rawObservations == 0)
        #expect(try store.counts().crawls == 0)
    }

    @Test func valuesAtTheBoundsAreAccepted() throws {
        let scratch = try ScratchFolder()
        let lines = [
            Self.row(id: "1", viewers: "50000000"),
            Self.row(id: "2", viewers: "0"),
            Self.row(id: "3", startedAt: "2026-03-01T11:00:00Z"),  // exactly 7 days before
            Self.row(id: "4", startedAt: "2026-03-08T11:10:00Z"),  // exactly 10 minutes after
            Self.row(id: "5", startedAt: "2026-03-08T12:00:00Z", time: "2026-03-08T12:10:00Z"),  // clock + 10 min
            Self.row(id: "6", startedAt: "2011-06-01T00:00:00Z", time: "2011-06-01T00:00:00Z"),
        ]
        let file = try scratch.write("in.ndjson", lines.joined(separator: "\n") + "\n")
        let store = try Store(path: scratch.path("db.sqlite"))
        let report = try ImportJob.run(store: store, paths: [file], skipInvalid: false, rules: Self.rules)
        #expect(report.rows == 6)
        #expect(try store.counts().rawObservations == 6)
    }

    /// Rows repeating their stream's previous line take a fast path that decodes only the viewer
    /// count and time; an implausible one must be refused all the same.
    @Test func repeatedStreamWithImplausibleValuesIsRefusedToo() throws {
        let cases = [
            (Self.row(viewers: "60000000", time: "2026-03-08T11:05:00Z"), "viewer_count", "must be at most 50,000,000, got 60000000"),
            (Self.row(time: "2026-03-16T11:05:00Z"), "last_updated",
             "2026-03-16T11:05:00Z is more than 10 minutes past this machine's clock (2026-03-08T12:00:00Z)"),
        ]
        for (line, field, reason) in cases {
            let scratch = try ScratchFolder()
            let file = try scratch.write("in.ndjson", Self.row() + "\n" + line + "\n")
            let store = try Store(path: scratch.path("db.sqlite"))
            #expect(throws: ImportError(file: file, line: 2, field: field, reason: reason)) {
                try ImportJob.run(store: store, paths: [file], skipInvalid: false, rules: Self.rules)
            }
            #expect(try store.counts().rawObservations == 0)
        }
    }

    @Test func csvRowsMeetTheSameRules() throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("in.csv", """
            id,user_id,viewer_count,started_at,last_updated
            1,2,3,2026-03-08 10:00:00 UTC,2026-03-08 11:00:00 UTC
            1,2,9223372036854775808,2026-03-08 10:00:00 UTC,2026-03-08 11:05:00 UTC

            """)
        let store = try Store(path: scratch.path("db.sqlite"))
        #expect(throws: ImportError(file: file, line: 3, field: "viewer_count", reason: "must be at most 50,000,000, got 9223372036854775808")) {
            try ImportJob.run(store: store, paths: [file], skipInvalid: false, rules: Self.rules)
        }
    }

    @Test func skipInvalidSkipsImplausibleRowsAndCountsThem() throws {
        let scratch = try ScratchFolder()
        let lines = [
            Self.row(id: "1"),
            Self.row(id: "2", time: "9999-01-01T00:00:00Z"),
            Self.row(id: "3", startedAt: "2020-01-01T00:00:00Z"),
            Self.row(id: "4", viewers: "-9223372036854775808"),
            Self.row(id: "1", viewers: "70000000", time: "2026-03-08T11:05:00Z"),
            Self.row(id: "1", viewers: "7", time: "2026-03-08T11:05:00Z"),
        ]
        let file = try scratch.write("in.ndjson", lines.joined(separator: "\n") + "\n")
        let store = try Store(path: scratch.path("db.sqlite"))
        let report = try ImportJob.run(store: store, paths: [file], skipInvalid: true, rules: Self.rules)
        #expect(report.skippedInvalid == 4)
        #expect(report.rows == 2)
        #expect(try store.counts().crawls == 2)
    }
}
