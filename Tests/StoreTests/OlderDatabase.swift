import Foundation
import GRDB
@testable import Store
import TestSupport

/// A database as an older release left it: migrated up to `migration` with `sql` run in it, then
/// opened as a `Store`, which applies the newer migrations. Removes its folder when done.
func withOlderDatabase<T>(migratedUpTo migration: String, sql: String, _ body: (Store) throws -> T) throws -> T {
    let scratch = try ScratchFolder()
    let path = scratch.path("db.sqlite")
    do {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: migration)
        try queue.write { db in try db.execute(sql: sql) }
    }
    return try body(try Store(path: path))
}
