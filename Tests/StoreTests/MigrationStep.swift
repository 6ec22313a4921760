import Foundation
import GRDB
import Testing
@testable import Store

/// A database in memory as the release before `migration` left it: migrated up to the migration
/// registered before it, with `rows` written through that schema's SQL. Remembers every table's
/// rows as they were, to tell what the migration (and the ones after it) changed.
struct MigrationStep {
    let migration: String
    let queue: DatabaseQueue
    private let before: [String: TableRows]

    init(_ migration: String, from rows: String) throws {
        self.migration = migration
        queue = try DatabaseQueue()
        let names = Schema.migrator.migrations
        let index = try #require(names.firstIndex(of: migration))
        if index > 0 { try Schema.migrator.migrate(queue, upTo: names[index - 1]) }
        try queue.write { db in try db.execute(sql: rows) }
        before = try queue.read { db in try Self.tables(db) }
    }

    /// Runs this migration alone.
    func run() throws { try Schema.migrator.migrate(queue, upTo: migration) }

    /// Runs this migration and every one registered after it.
    func runAll() throws { try Schema.migrator.migrate(queue) }

    /// Each row of `sql`, its columns written as SQL literals (blobs in hex) and joined by `|`.
    func rows(_ sql: String) throws -> [String] {
        try queue.read { db in try Row.fetchAll(db, sql: sql).map { Self.literal(Array($0.databaseValues)) } }
    }

    /// The tables (migrations' bookkeeping left out), by name.
    func tableNames() throws -> [String] {
        try queue.read { db in try Self.tables(db).keys.sorted() }
    }

    func columns(_ table: String) throws -> [String] {
        try queue.read { db in try db.columns(in: table).map(\.name) }
    }

    func indexes(_ table: String) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
                """, arguments: [table])
        }
    }

    /// Tables there before and now whose rows differ, over the columns they still share.
    func changedTables() throws -> [String] {
        try queue.read { db in
            let now = try Self.tables(db)
            return try before.keys.sorted().filter { name in
                guard let after = now[name] else { return false }
                let shared = before[name]!.columns.filter(after.columns.contains)
                return try Self.rows(db, name, shared) != Self.rowsOf(before[name]!, shared)
            }
        }
    }

    /// Tables there before and gone now.
    func droppedTables() throws -> [String] {
        let now = Set(try tableNames())
        return before.keys.filter { !now.contains($0) }.sorted()
    }

    private struct TableRows {
        var columns: [String]
        var rows: [Row]
    }

    private static func tables(_ db: Database) throws -> [String: TableRows] {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
            """)
        var tables: [String: TableRows] = [:]
        for name in names {
            tables[name] = TableRows(
                columns: try db.columns(in: name).map(\.name),
                rows: try Row.fetchAll(db, sql: "SELECT * FROM \(name)"))
        }
        return tables
    }

    private static func rows(_ db: Database, _ table: String, _ columns: [String]) throws -> [String] {
        guard !columns.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table)")
        return rows.map { literal(Array($0.databaseValues)) }.sorted()
    }

    private static func rowsOf(_ table: TableRows, _ columns: [String]) -> [String] {
        table.rows.map { row in literal(columns.map { row[$0] as DatabaseValue }) }.sorted()
    }

    private static func literal(_ values: [DatabaseValue]) -> String {
        values.map { value -> String in
            switch value.storage {
            case .null: return "NULL"
            case .int64(let v): return String(v)
            case .double(let v): return String(v)
            case .string(let v): return "'\(v)'"
            case .blob(let v): return "X'" + v.map { String(format: "%02X", $0) }.joined() + "'"
            }
        }.joined(separator: "|")
    }
}
