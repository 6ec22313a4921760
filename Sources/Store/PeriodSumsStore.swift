import GRDB

/// The stored period sums of one reported day (`day:N`), a block of a month's days, a month's
/// start or a month (`month:YYYY-MM`), with the reported days they cover: Metrics packs them
/// (`PeriodSums.encoded`), the store only keeps them.
public struct StoredPeriodSums: Sendable {
    public var days: String
    public var data: [UInt8]

    public init(days: String, data: [UInt8]) {
        self.days = days
        self.data = data
    }
}

extension Store {
    public func periodSums(key: String) throws -> StoredPeriodSums? {
        try periodSums(key: key, data: "data")
    }

    /// The days and the first bytes (enough for the format) of the sums kept under `key`,
    /// without reading the rest of the sums.
    public func periodSumsHeader(key: String) throws -> StoredPeriodSums? {
        try periodSums(key: key, data: "substr(data, 1, 10)")
    }

    private func periodSums(key: String, data: String) throws -> StoredPeriodSums? {
        try read { db in
            let s = try FastStatement(db, "SELECT days, \(data) FROM period_sums WHERE key = ?")
            s.bind(1, key)
            guard try s.step() else { return nil }
            return StoredPeriodSums(days: s.string(0), data: [UInt8](s.blob(1)))
        }
    }

    public func savePeriodSums(key: String, _ sums: StoredPeriodSums) throws {
        try write { db in
            let s = try FastStatement(db, "INSERT OR REPLACE INTO period_sums(key, days, data) VALUES (?, ?, ?)")
            s.bind(1, key)
            s.bind(2, sums.days)
            s.bind(3, blob: sums.data)
            try s.run()
        }
    }

    /// Forgets the sums of some keys (their days changed).
    public func forgetPeriodSums(keys: [String]) throws {
        guard !keys.isEmpty else { return }
        try write { db in
            let s = try FastStatement(db, "DELETE FROM period_sums WHERE key = ?")
            for key in keys {
                s.reset()
                s.bind(1, key)
                try s.run()
            }
        }
    }

    /// Forgets every period sum (a rebuild in another time zone has other days).
    public func clearPeriodSums() throws {
        try write { db in try db.execute(sql: "DELETE FROM period_sums") }
    }
}
