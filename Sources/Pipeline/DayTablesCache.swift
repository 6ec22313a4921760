import Foundation
import Metrics

/// Day tables computed once per build and shared by the steps, from any thread. Each day has its
/// own lock, so two threads asking for one day compute it once, and different days in parallel.
final class DayTablesCache: @unchecked Sendable {
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var tables: DayTables?
    }

    private let lock = NSLock()
    private var slots: [Int: Slot] = [:]

    func tables(_ day: Int, compute: () throws -> DayTables) throws -> DayTables {
        let slot = lock.withLock {
            if let slot = slots[day] { return slot }
            let slot = Slot()
            slots[day] = slot
            return slot
        }
        return try slot.lock.withLock {
            if let tables = slot.tables { return tables }
            let tables = try compute()
            slot.tables = tables
            return tables
        }
    }
}
