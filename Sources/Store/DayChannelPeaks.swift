import GRDB

/// Each channel's highest viewer count over the crawls of one day (the highest of its streams'),
/// stored as one blob per day: for each channel its user id's length and UTF-8 bytes, then the
/// peak, as LEB128 varints. As a row per stream and day they were nearly a million upserts on a
/// full day, on consolidation's writing thread, its long pole; the day tables only ever want the
/// channel's peak. Consolidation gathers them in memory and writes each day once (`ConsolidationSession`).
public struct DayChannelPeaks: Sendable, Equatable {
    public let day: Int
    public private(set) var peaks: [String: Int]

    public init(day: Int, peaks: [String: Int] = [:]) {
        self.day = day
        self.peaks = peaks
    }

    /// Raises the channel's peak to at least `peak`.
    public mutating func raise(_ userID: String, to peak: Int) {
        // In place through the subscript: one look-up of the user id, not two.
        func raise(_ value: inout Int) { if peak > value { value = peak } }
        raise(&peaks[userID, default: peak])
    }

    /// Raises every channel's peak to at least the other's.
    public mutating func raise(to other: DayChannelPeaks) {
        for (user, peak) in other.peaks { raise(user, to: peak) }
    }

    /// In no particular order: readers take each channel as it comes, and sorting a full day's
    /// channels took longer than packing them.
    func packed() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(peaks.count * 14)
        for (user, peak) in peaks {
            LEB128.putText(user, &out)
            LEB128.put(LEB128.zigzag(Int64(peak)), &out)
        }
        return out
    }

    static func unpack(_ bytes: UnsafeRawBufferPointer, _ each: (String, Int) -> Void) {
        var i = 0
        while i < bytes.count {
            let user = LEB128.getText(bytes, &i)
            each(user, Int(LEB128.unzigzag(LEB128.get(bytes, &i))))
        }
    }

    /// Calls `each` with every channel's peak stored for `day`.
    static func forEach(_ db: Database, day: Int, _ each: (String, Int) -> Void) throws {
        let s = try FastStatement(db, "SELECT peaks FROM day_channel_peaks WHERE day = ?")
        s.bind(1, day)
        if try s.step() { unpack(s.blob(0), each) }
    }

    static func fetch(_ db: Database, day: Int) throws -> DayChannelPeaks {
        var result = DayChannelPeaks(day: day)
        try forEach(db, day: day) { user, peak in result.raise(user, to: peak) }
        return result
    }

    static func save(_ days: [DayChannelPeaks], _ db: Database) throws {
        guard !days.isEmpty else { return }
        let s = try FastStatement(db, "INSERT OR REPLACE INTO day_channel_peaks(day, peaks) VALUES (?, ?)")
        for day in days {
            s.bind(1, day.day)
            s.bind(2, blob: day.packed())
            try s.run()
        }
    }
}
