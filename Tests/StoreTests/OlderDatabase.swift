import Foundation
import GRDB
@testable import Store

/// A database as an older release left it: migrated up to `migration` with `sql` run in it, then
/// opened as a `Store`, which applies the newer migrations. Removes its folder when done.
func withOlderDatabase<T>(migratedUpTo migration: String, sql: String, _ body: (Store) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("db.sqlite").path
    do {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: migration)
        try queue.write { db in try db.execute(sql: sql) }
    }
    return try body(try Store(path: path))
}
