import Foundation
import Import
import Pipeline
import Store
import TestSupport
import Testing

/// Inputs that would otherwise be read into memory whole, or imported in part without a word.
@Suite struct ImportLimitTests {
    static let good = PlausibleImportTests.row()
    static let limit = ObservationReader.maxRecordBytes

    func expectRefused(_ file: String, _ expected: ImportError, in scratch: ScratchFolder) throws {
        let store = try Store(path: scratch.path("db.sqlite"))
        #expect(throws: expected) {
            try ImportJob.run(store: store, paths: [file], skipInvalid: true, rules: PlausibleImportTests.rules)
        }
        #expect(try store.counts().rawObservations == 0)
        #expect(try store.counts().crawls == 0)
    }

    @Test func ndjsonLineLongerThanTheLimitIsRefused() throws {
        let scratch = try ScratchFolder()
        let long = #"{"id":"1","title":""# + String(repeating: "x", count: Self.limit) + #""}"#
        let file = try scratch.write("in.ndjson", Self.good + "\n" + long + "\n" + Self.good + "\n")
        try expectRefused(file, ImportError(file: file, line: 2, field: "line", reason: "longer than \(Self.limit) bytes"), in: scratch)
    }

    @Test func fileWithoutLineBreaksIsRefusedBeforeItIsReadWhole() throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("in.ndjson", String(repeating: "{", count: 3 * Self.limit))
        try expectRefused(file, ImportError(file: file, line: 1, field: "line", reason: "longer than \(Self.limit) bytes"), in: scratch)
    }

    @Test func lineAtTheLimitIsRead() throws {
        let scratch = try ScratchFolder()
        var line = Self.good
        line.removeLast()
        line += #","padding":""# + String(repeating: "x", count: Self.limit - line.utf8.count - 14) + #""}"#
        #expect(line.utf8.count == Self.limit)
        let file = try scratch.write("in.ndjson", line + "\r\n")
        let store = try Store(path: scratch.path("db.sqlite"))
        let report = try ImportJob.run(store: store, paths: [file], skipInvalid: false, rules: PlausibleImportTests.rules)
        #expect(report.rows == 1)
    }

    @Test func csvQuoteNeverClosedIsRefusedAtItsRecordsLine() throws {
        let scratch = try ScratchFolder()
        let header = "id,user_id,viewer_count,started_at,last_updated,title\n"
        let first = "1,2,3,2026-03-08 10:00:00 UTC,2026-03-08 11:00:00 UTC,ok\n"
        let open = "1,2,3,2026-03-08 10:00:00 UTC,2026-03-08 11:05:00 UTC,\"never closed\n"
        let filler = String(repeating: String(repeating: "y", count: 99) + "\n", count: Self.limit / 100 + 10)
        let file = try scratch.write("in.csv", header + first + open + filler)
        let reason = "a CSV record longer than \(Self.limit) bytes (a quote never closed?)"
        try expectRefused(file, ImportError(file: file, line: 3, field: "line", reason: reason), in: scratch)
    }

    @Test func truncatedGzipFileIsAnErrorNotAPartialImport() throws {
        let scratch = try ScratchFolder()
        let rows = (0..<2_000).map { PlausibleImportTests.row(id: "\($0)") }
        let plain = try scratch.write("in.ndjson", rows.joined(separator: "\n") + "\n")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let file = plain + ".gz"
        let whole = try Data(contentsOf: URL(fileURLWithPath: file))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: file))
        let store = try Store(path: scratch.path("db.sqlite"))
        do {
            _ = try ImportJob.run(store: store, paths: [file], skipInvalid: true, rules: PlausibleImportTests.rules)
            Issue.record("a truncated .gz file must not import")
        } catch let error as ImportError {
            #expect(error.file == file)
            #expect(error.field == "file")
            #expect(error.reason == "the compressed data ends in the middle: a truncated .gz file")
            #expect(error.line > 1)
        }
        #expect(try store.counts().rawObservations == 0)
    }
}
