import Foundation
import Import
import Model
import TestSupport
import Testing

/// The token form of rows (`forEachRow`) stands for exactly the observations `forEach` gives.
@Suite struct ImportedRowTests {
    let scratch: ScratchFolder

    init() throws { scratch = try ScratchFolder() }

    static let lines = [
        #"{"id": "7", "user_id": "2", "title": "a", "viewer_count": 1, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:05:00Z"}"#,
        #"{"id": "8", "user_id": "3", "title": "b", "viewer_count": 2, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:05:00Z"}"#,
        #"{"id": "7", "user_id": "2", "title": "a", "viewer_count": 5, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:10:00Z"}"#,
        #"{"id": "7", "user_id": "2", "title": "new", "viewer_count": 6, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:15:00Z"}"#,
        #"{"id": "7", "user_id": "2", "title": "new", "viewer_count": -1, "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:20:00Z"}"#,
    ]

    func file(_ lines: [String]) throws -> String {
        try scratch.write("\(UUID().uuidString).ndjson", lines.joined(separator: "\n") + "\n")
    }

    @Test func repeatsCarryTheirStreamsTokenAndOnlyWhatChanged() throws {
        let path = try file(Self.lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rows: [ImportedRow] = []
        try ObservationReader(path: path).forEachRow { rows.append($0) }
        #expect(rows.count == 5)
        guard case .observation(let first, 1, let token?) = rows[0] else { Issue.record("line 1 is new"); return }
        guard case .observation(_, 2, let other?) = rows[1] else { Issue.record("line 2 is new"); return }
        #expect(token != other)
        guard case .repeated(token, 5, let time, 3) = rows[2] else { Issue.record("line 3 repeats line 1"); return }
        #expect(time == first.observedAt + 300_000)
        guard case .observation(let changed, 4, token) = rows[3] else { Issue.record("line 4 changes the title"); return }
        #expect(changed.title == "new")
        guard case .failure(let error) = rows[4] else { Issue.record("line 5 is invalid"); return }
        #expect(error.line == 5 && error.field == "viewer_count")
    }

    @Test func forEachExpandsRepeatsIntoTheSameObservations() throws {
        let path = try file(Self.lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rows: [Result<(Observation, Int), ImportError>] = []
        try ObservationReader(path: path).forEach { rows.append($0) }
        let third = try rows[2].get()
        #expect(third.1 == 3)
        var expected = try rows[0].get().0
        expected.viewerCount = 5
        expected.observedAt += 300_000
        #expect(third.0 == expected)
    }

    @Test func idsThatReadAsTheSameNumberStayDistinctStreams() throws {
        let line = { (id: String, viewers: Int) in
            #"{"id": \#(id), "user_id": "2", "title": "a", "viewer_count": \#(viewers), "started_at": "2026-03-07T10:00:00Z", "last_updated": "2026-03-07T10:05:00Z"}"#
        }
        let path = try file([line("\"123\"", 1), line("\"0123\"", 2), line("123", 3), line("\"0123\"", 4), line("\"x1\"", 5), line("\"x1\"", 6)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rows: [ImportedRow] = []
        try ObservationReader(path: path).forEachRow { rows.append($0) }
        guard case .observation(let a, 1, let t123?) = rows[0], case .observation(let b, 2, let t0123?) = rows[1] else {
            Issue.record("lines 1 and 2 are new streams"); return
        }
        #expect(a.streamID == "123" && b.streamID == "0123" && t123 != t0123)
        guard case .repeated(t123, 3, _, 3) = rows[2] else { Issue.record("a numeric id repeats its string form"); return }
        guard case .repeated(t0123, 4, _, 4) = rows[3] else { Issue.record("line 4 repeats line 2"); return }
        guard case .observation(let x, 5, let tx?) = rows[4], case .repeated(tx, 6, _, 6) = rows[5] else {
            Issue.record("a non-numeric id repeats by its text"); return
        }
        #expect(x.streamID == "x1")
    }
}
