import Consolidation
import Foundation
import Metrics
import Model
import Store
import TestSupport

/// A fresh database in a temporary folder, with helpers to add observations and read the tables.
final class TestDatabase {
    private let scratch: ScratchFolder
    let store: Store
    let calendar: ReportCalendar

    init(timeZone: String = "UTC") throws {
        scratch = try ScratchFolder()
        store = try Store(path: scratch.path("db.sqlite"))
        calendar = ReportCalendar(identifier: timeZone)!
    }

    /// Writes observations as import does: each one's time is its crawl's time.
    func add(_ observations: [Observation]) throws {
        try store.write { db in
            let writer = try ObservationWriter(db)
            for o in observations { try writer.add(o, crawlTime: o.observedAt) }
            try writer.finish()
        }
    }

    @discardableResult
    func consolidate(keepRawDays: Int = 7) throws -> ConsolidationReport {
        try Consolidator.run(store: store, calendar: calendar, keepRawDays: keepRawDays)
    }

    func tables(_ iso: String) throws -> DayTables {
        try DayTableBuilder.tables(store: store, calendar: calendar, day: CivilDate(iso: iso)!.dayNumber)
    }

    func segments(_ iso: String) throws -> [SegmentRow] {
        try DaySegments.load(store: store, day: CivilDate(iso: iso)!.dayNumber).summaries
    }
}

func t(_ s: String) -> Millis { Timestamp.parse(s)! }

/// An observation with sensible defaults; tests override what they pin.
func obs(
    _ stream: String, at time: String, viewers: Int, started: String, user: String? = nil, game: String = "1",
    gameName: String? = nil, language: String = "en", login: String? = nil
) -> Observation {
    let user = user ?? "u\(stream)"
    return Observation(
        streamID: stream, userID: user, userLogin: login ?? "login\(user)", userName: "Name\(user)", gameID: game,
        gameName: gameName ?? "Game \(game)", title: "t", viewerCount: viewers, startedAt: t(started), language: language,
        observedAt: t(time))
}
