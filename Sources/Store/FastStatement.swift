import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API for the hot loops (one bind and step per
/// observation), where building GRDB argument arrays per row would dominate the cost.
struct FastStatement {
    let statement: Statement
    let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { buffer in
            let count = Int32(buffer.count)
            _ = buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    sqlite3_bind_text(handle, index, base, count, Self.transient)
                } else {
                    sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
            }
        }
    }

    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { b in
            _ = sqlite3_bind_blob(handle, index, b.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(b.count), Self.transient)
        }
    }

    /// The blob in a column of the current row; valid until the next step or reset.
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Steps once: true when a row is available, false when done.
    @discardableResult
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Runs a statement that returns no rows, then resets it for the next bindings.
    func run() throws {
        defer { sqlite3_reset(handle) }
        try step()
    }

    /// The row id of the last row the connection inserted (without GRDB's check of the calling queue).
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(sqlite3_db_handle(handle)) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The text in a column of the current row as UTF-8 bytes, not checked (SQLite keeps what
    /// was bound, and the project binds only Swift strings); valid until the next step or reset.
    func utf8(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}

/// One statement that writes many rows at once (`VALUES (…), (…), …`), so SQLite starts the
/// statement and opens its cursors once per batch rather than once per row. Rows that do not fill
/// a batch go through a one-row form of the same statement.
struct BatchedStatement {
    let columns: Int32
    let rowsPerBatch: Int
    private let full: FastStatement
    private let single: FastStatement

    /// `sql` receives the `(?, ?, …), (?, ?, …)` list for a number of rows.
    init(_ db: Database, columns: Int, rowsPerBatch: Int = 64, _ sql: (_ values: String) -> String) throws {
        self.columns = Int32(columns)
        self.rowsPerBatch = rowsPerBatch
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        full = try FastStatement(db, sql(Array(repeating: row, count: rowsPerBatch).joined(separator: ", ")))
        single = try FastStatement(db, sql(row))
    }

    /// Writes `rows` in order; `bind` binds one row's values starting at parameter `first`.
    func run<Rows: RandomAccessCollection>(
        _ rows: Rows, _ bind: (_ statement: FastStatement, _ first: Int32, _ row: Rows.Element) -> Void
    ) throws {
        var i = rows.startIndex
        var remaining = rows.count
        while remaining >= rowsPerBatch {
            for k in 0..<rowsPerBatch {
                bind(full, Int32(k) * columns + 1, rows[i])
                i = rows.index(after: i)
            }
            try full.run()
            remaining -= rowsPerBatch
        }
        while remaining > 0 {
            bind(single, 1, rows[i])
            try single.run()
            i = rows.index(after: i)
            remaining -= 1
        }
    }
}
