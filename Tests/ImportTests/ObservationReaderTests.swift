import Foundation
import Import
import Model
import TestSupport
import Testing

@Suite struct ObservationReaderTests {
    func read(_ text: String, name: String = "in.txt", gzip: Bool = false) throws -> [Result<(Observation, Int), ImportError>] {
        let scratch = try ScratchFolder()
        var path = scratch.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if gzip {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["gzip", path]
            try p.run()
            p.waitUntilExit()
            path += ".gz"
        }
        var rows: [Result<(Observation, Int), ImportError>] = []
        try ObservationReader(path: path).forEach { rows.append($0) }
        return rows
    }

    @Test func idsAsNumbersAndStringsAreAlike() throws {
        let rows = try read("""
            {"id": 123, "user_id": 45, "game_id": 9, "viewer_count": 1, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:05:00Z"}
            {"id": "123", "user_id": "45", "game_id": "9", "viewer_count": 1, "started_at": "2026-03-07T10:00:00Z", "observed_at": "2026-03-07T10:05:00Z"}
            """)
        let a = try rows[0].get().0
        let b = try rows[1].get().0
        #expect(a == b)
        #expect(a.streamID == "123" && a.userID == "45" && a.gameID == "9")
    }

    @Test func tagsInEveryFormBecomeOneJSONArray() throws {
        let csv = """
            id,user_id,viewer_count,started_at,last_updated,tags
            1,2,3,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC,"['English', ""Let's Play""]"
            1,2,3,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC,"[""English""]"
            1,2,3,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC,
            1,2,3,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC,null

            """
        let tags = try read(csv).map { try $0.get().0.tags }
        #expect(tags == [#"["English","Let's Play"]"#, #"["English"]"#, "[]", "[]"])
    }

    @Test func quotedCSVFieldMaySpanLinesAndKeepsItsStartingLine() throws {
        let csv = "id,user_id,viewer_count,started_at,last_updated,title\r\n"
            + "1,2,3,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC,\"two\nlines, \"\"quoted\"\"\"\r\n"
            + "1,2,x,2026-03-07 10:00:00 UTC,2026-03-07 10:05:00 UTC,t\r\n"
        let rows = try read(csv, name: "in.csv")
        #expect(try rows[0].get().0.title == "two\nlines, \"quoted\"")
        #expect(try rows[0].get().1 == 2)
        guard case .failure(let error) = rows[1] else { Issue.record("row 4 should fail"); return }
        #expect(error.line == 4)
        #expect(error.field == "viewer_count")
    }

    @Test func gzippedFilesAreReadDirectly() throws {
        let line = #"{"id": "1", "user_id": "2", "viewer_count": 7, "started_at": "2026-03-07 10:00:00 UTC", "last_updated": "2026-03-07 10:05:00.5 UTC"}"#
        let rows = try read(line + "\n", name: "in.ndjson", gzip: true)
        let o = try rows[0].get().0
        #expect(o.viewerCount == 7)
        #expect(o.observedAt == Timestamp.parse("2026-03-07T10:05:00.5Z"))
    }

    @Test func escapedJSONStringsAreDecoded() throws {
        let line = #"{"id": "1", "user_id": "2", "user_name": "\u03b3\u00e1\"x\\", "title": "\ud83d\ude00 \n", "viewer_count": 0, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:05:00Z", "extra": {"a": [1, "]"]}}"#
        let o = try read(line).first!.get().0
        #expect(o.userName == "γá\"x\\")
        #expect(o.title == "😀 \n")
    }

    @Test func brokenEscapesAreRejectedNamingLineAndField() throws {
        let good = #"{"id": "1", "user_id": "2", "viewer_count": 0, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:05:00Z""#
        let rows = try read(good + "}\n" + good + #", "title": "a\qb"}"# + "\n" + good + #", "user_name": "\u12x4"}"# + "\n")
        #expect(rows.count == 3)
        #expect((try? rows[0].get()) != nil)
        guard case .failure(let unknown) = rows[1], case .failure(let unicode) = rows[2] else {
            Issue.record("broken escapes were accepted")
            return
        }
        #expect(unknown.line == 2 && unknown.field == "title" && unknown.reason == "bad escape")
        #expect(unicode.line == 3 && unicode.field == "user_name" && unicode.reason == "bad \\u escape")
    }

    @Test func tagsInJSONDecodeEveryEscapeLikeOtherStrings() throws {
        let line = #"{"id": "1", "user_id": "2", "viewer_count": 0, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:05:00Z", "tags": ["\ud83d\ude00", "a\rb", "\u00e1\/"]}"#
        let o = try read(line).first!.get().0
        #expect(o.tags == MinimalJSON.array(of: ["😀", "a\rb", "á/"]))
    }
}
