import GRDB

extension Store {
    /// The day's segments in no particular order (the caller sorts them: sorting two million wide
    /// rows in SQLite's sorter cost more than the query).
    ///
    /// The names come from the facts table in a second pass, in id order: joined per segment,
    /// each row was a seek to a random page of facts, which cost more than the rest of the query.
    /// A segment whose stream or facts row is missing is left out, as the join would.
    public func unorderedSegments(day: Int) throws -> DaySegmentRows {
        try read { db in
            let text = TextBuffer()
            var (records, factsIDs) = try segmentsWithoutNames(db, day: day, text: text)
            let facts = try attachFacts(db, ids: factsIDs, to: &records, text: text)
            return DaySegmentRows(records: records, facts: FactsTexts(facts), text: text)
        }
    }

    /// Reads the names of the facts rows `ids` lists (one per record) and points each record at
    /// its facts' names; drops the records whose facts row is missing.
    private func attachFacts(_ db: Database, ids factsIDs: [Int64], to records: inout [DaySegmentRows.Record],
                             text: TextBuffer) throws -> [TextRun<SIMD8<UInt32>>] {
        // Each record's place in facts-id order, so the facts table is read front to back.
        var byFacts = factsIDs.indices.map { (id: factsIDs[$0], record: Int32($0)) }
        byFacts.sort { $0.id < $1.id }
        var ids: [Int64] = []
        for pair in byFacts where ids.last != pair.id { ids.append(pair.id) }
        let (names, namesOfID) = try factsTexts(db, ids: ids, text: text)
        var namesOfRecord = [Int32](repeating: -1, count: records.count)
        var id = 0
        for pair in byFacts {
            while ids[id] != pair.id { id += 1 }
            namesOfRecord[Int(pair.record)] = namesOfID[id]
        }
        // One pass front to back: random writes into the wide records cost more than this.
        var kept = 0
        for i in records.indices where namesOfRecord[i] >= 0 {
            records[kept] = records[i]
            records[kept].facts = namesOfRecord[i]
            kept += 1
        }
        records.removeLast(records.count - kept)
        return names
    }

    /// The segments with their stream's fields and game id, and each one's facts id.
    private func segmentsWithoutNames(_ db: Database, day: Int, text: TextBuffer) throws
        -> (records: [DaySegmentRows.Record], factsIDs: [Int64])
    {
        let s = try FastStatement(db, """
            SELECT s.stream_id, s.user_id, g.game_id, g.facts,
                   g.stream, g.segment, s.started_at, g.first_seen, g.last_seen, g.duration_ms, g.watch_ms, g.peak
            FROM segment g JOIN stream s ON s.id = g.stream
            WHERE g.stream BETWEEN ? AND ? AND g.day = ?
            """)
        let streams = try DaySegmentStreams.fetch(db, day: day)
        // Sized up front: growing arrays of two million rows step by step copied them again and again.
        var records: [DaySegmentRows.Record] = []
        records.reserveCapacity(streams.segments)
        var factsIDs: [Int64] = []
        factsIDs.reserveCapacity(streams.segments)
        text.reserve(streams.segments * 32)
        for range in IdRanges.covering(streams.streams) {
            s.reset()
            s.bind(1, range.lowerBound)
            s.bind(2, range.upperBound)
            s.bind(3, day)
            while try s.step() {
                let run = text.appendRun(SIMD4<UInt32>.self, columns: 3) { s.utf8(Int32($0)) }
                factsIDs.append(s.int64(3))
                records.append(DaySegmentRows.Record(
                    stream: s.int64(4), number: Int32(s.int64(5)), facts: 0, startedAt: s.int64(6), firstSeen: s.int64(7),
                    lastSeen: s.int64(8), durationMs: s.int64(9), watchMs: s.int64(10), peak: s.int64(11), text: run))
            }
        }
        return (records, factsIDs)
    }

    /// The names of the facts rows with these ids (ascending, distinct), read in id order, and
    /// for each id the index of its names in them, or -1 for a facts row that is missing.
    private func factsTexts(_ db: Database, ids: [Int64], text: TextBuffer) throws
        -> (names: [TextRun<SIMD8<UInt32>>], namesOfID: [Int32])
    {
        let s = try FastStatement(db, """
            SELECT id, user_login, user_name, game_name, title, language FROM facts WHERE id BETWEEN ? AND ?
            """)
        var names: [TextRun<SIMD8<UInt32>>] = []
        names.reserveCapacity(ids.count)
        var namesOfID = [Int32](repeating: -1, count: ids.count)
        var next = 0  // the first id not yet found or passed
        for range in IdRanges.covering(ids) {
            s.reset()
            s.bind(1, range.lowerBound)
            s.bind(2, range.upperBound)
            while try s.step() {
                let id = s.int64(0)
                while next < ids.count, ids[next] < id { next += 1 }
                // Rows between two wanted ids are stepped over without reading their text.
                guard next < ids.count, ids[next] == id else { continue }
                namesOfID[next] = Int32(names.count)
                names.append(text.appendRun(SIMD8<UInt32>.self, columns: 5) { s.utf8(Int32($0 + 1)) })
                next += 1
            }
        }
        return (names, namesOfID)
    }
}
