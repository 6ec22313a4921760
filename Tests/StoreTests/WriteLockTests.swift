import Foundation
import Model
import TestSupport
import Testing
@testable import Store

/// Another connection's write transaction: opening the database and reading go on, a write waits
/// for its busy timeout and then fails with an error the collector recognises and retries.
@Suite struct WriteLockTests {
    @Test func whileAnotherConnectionHoldsTheWriteLockAStoreOpensAndReadsButCannotWrite() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("db.sqlite")
        _ = try Store(path: path)
        let holder = try Store(path: path)
        try holder.write { _ in
            let other = try Store(path: path, busyTimeout: 0.02)
            #expect(try other.counts().crawls == 0)
            let plain = #expect(throws: (any Error).self) { try other.setMeta(.timeZone, "UTC") }
            #expect(plain.map { Store.isLockTimeout($0) } == true)
            let bounded = #expect(throws: (any Error).self) {
                try other.write(waitingAtMost: 0.02) { db in try Store.setMeta(db, .timeZone, "UTC") }
            }
            #expect(bounded.map { Store.isLockTimeout($0) } == true)
            #expect("\(bounded.map { "\($0)" } ?? "")".contains("database is locked"))
        }
        let other = try Store(path: path, busyTimeout: 0)
        try other.write(waitingAtMost: 0) { db in try Store.setMeta(db, .timeZone, "UTC") }
        #expect(try other.meta(.timeZone) == "UTC")
        #expect(!Store.isLockTimeout(StoreError.cannotOpen(path: path, reason: "x")))
    }
}
