import Foundation
import Import
import Pipeline
import Store
import TestSupport
import Testing

@Suite struct BadInputTests {
    static let good = #"{"id":"1","user_id":"2","user_login":"a","user_name":"A","game_id":"9","game_name":"G","type":"live","title":"t","tags":null,"viewer_count":5,"started_at":"2026-03-07T10:00:00Z","language":"en","last_updated":"2026-03-07T10:05:00Z"}"#

    static func replacing(_ key: String, with value: String?) -> String {
        var obj = try! JSONSerialization.jsonObject(with: Data(good.utf8)) as! [String: Any]
        obj[key] = nil
        var line = String(decoding: try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self)
        if let value { line.removeLast(); line += ",\"\(key)\":\(value)}" }
        return line
    }

    static let cases: [(name: String, line: String, field: String, reason: String)] = [
        ("unparseable", "{\"id\": \"1\", ", "line", "malformed JSON: truncated"),
        ("not an object", "[1,2]", "line", "not a JSON object"),
        ("missing id", replacing("id", with: nil), "id", "missing"),
        ("missing user_id", replacing("user_id", with: nil), "user_id", "missing"),
        ("missing viewer_count", replacing("viewer_count", with: nil), "viewer_count", "missing"),
        ("missing started_at", replacing("started_at", with: nil), "started_at", "missing"),
        ("missing time", replacing("last_updated", with: nil), "last_updated", "missing"),
        ("negative viewers", replacing("viewer_count", with: "-3"), "viewer_count", "must be a non-negative integer, got -3"),
        ("fractional viewers", replacing("viewer_count", with: "12.5"), "viewer_count", "must be an integer, got 12.5"),
        ("bad timestamp", replacing("started_at", with: "\"yesterday\""), "started_at",
         "not an RFC 3339 or BigQuery timestamp: 'yesterday'"),
        ("bad time", replacing("last_updated", with: "\"2026-02-30 10:00:00 UTC\""), "last_updated",
         "not an RFC 3339 or BigQuery timestamp: '2026-02-30 10:00:00 UTC'"),
    ]

    @Test(arguments: cases)
    func badRowStopsTheImportAndWritesNothing(name: String, line: String, field: String, reason: String) throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("in.ndjson", Self.good + "\n" + line + "\n")
        let store = try Store(path: scratch.path("db.sqlite"))
        do {
            _ = try ImportJob.run(store: store, paths: [file], skipInvalid: false)
            Issue.record("\(name): import should have failed")
        } catch let error as ImportError {
            #expect(error.description == "\(file):2: \(field): \(reason)", "\(name)")
        }
        #expect(try store.counts().rawObservations == 0)
        #expect(try store.counts().crawls == 0)
    }

    @Test func skipInvalidSkipsBadRowsAndCountsThem() throws {
        let scratch = try ScratchFolder()
        let lines = [Self.good, "nonsense", Self.replacing("viewer_count", with: "-1")]
        let file = try scratch.write("in.ndjson", lines.joined(separator: "\n") + "\n")
        let store = try Store(path: scratch.path("db.sqlite"))
        let report = try ImportJob.run(store: store, paths: [file], skipInvalid: true)
        #expect(report.skippedInvalid == 2)
        #expect(report.rows == 1)
        #expect(try store.counts().rawObservations == 1)
    }

    @Test func csvWithoutRequiredColumnIsRefusedAtTheHeader() throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("in.csv", "id,user_id,started_at,last_updated\n1,2,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC\n")
        #expect(throws: ImportError(file: file, line: 1, field: "header", reason: "missing column viewer_count")) {
            try ImportJob.run(store: try Store(path: scratch.path("db.sqlite")), paths: [file], skipInvalid: false)
        }
    }

    @Test func csvRowWithWrongFieldCountNamesItsLine() throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write(
            "in.csv",
            "id,user_id,viewer_count,started_at,last_updated\n1,2,3,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC\n1,2\n")
        #expect(throws: ImportError(file: file, line: 3, field: "line", reason: "expected 5 fields, found 2")) {
            try ImportJob.run(store: try Store(path: scratch.path("db.sqlite")), paths: [file], skipInvalid: false)
        }
    }

    @Test func secondFileErrorRollsBackTheFirstFile() throws {
        let scratch = try ScratchFolder()
        let a = try scratch.write("a.ndjson", Self.good + "\n")
        let b = try scratch.write("b.ndjson", "oops\n")
        let store = try Store(path: scratch.path("db.sqlite"))
        #expect(throws: ImportError.self) { try ImportJob.run(store: store, paths: [a, b], skipInvalid: false) }
        #expect(try store.counts().rawObservations == 0)
    }

    @Test func missingFileIsNamed() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("nope.csv")
        #expect(throws: ImportError(file: path, line: 0, field: "file", reason: "No such file or directory")) {
            try ImportJob.run(store: try Store(path: scratch.path("db.sqlite")), paths: [path], skipInvalid: false)
        }
    }
}
