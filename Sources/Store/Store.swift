import Foundation
import CSQLiteSetup
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The SQLite database: raw observations and crawls, the consolidation state, and the
/// consolidated tables the metrics read. Every SQL string of the project lives in this module.
///
/// WAL mode lets `collect` write while `build` reads; a busy timeout makes writers wait for each
/// other instead of failing with "database is locked". One write transaction at a time: a build
/// commits its consolidation in chunks of seconds, so no writer waits long for another.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool
    /// How long a write waits for another connection's write transaction before it fails with
    /// "database is locked" (`isLockTimeout`).
    public let busyTimeout: TimeInterval
    /// The default busy timeout: builds and imports wait this long for the write lock.
    public static let defaultBusyTimeout: TimeInterval = 300
    /// SQLite's page cache per connection, in KiB.
    static let pageCacheKiB = 65536
    /// SQLite's default: a commit that leaves the log longer than this many pages copies it into
    /// the database.
    static let autoCheckpointPages = 1000
    /// How much of the database file SQLite may map into memory.
    static let memoryMapBytes = 4 << 30

    /// SQLite's options for the whole process, set once before the first connection.
    private static let sqliteSetUp: Void = { _ = ts_sqlite_setup() }()

    public init(path: String, busyTimeout: TimeInterval = Store.defaultBusyTimeout) throws {
        Self.sqliteSetUp
        self.path = path
        self.busyTimeout = busyTimeout
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "twitch-stats"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -\(Store.pageCacheKiB)")
            // Reading through a memory map skips copying each page out of the file cache: builds
            // read the consolidated tables (hundreds of megabytes for a full day) end to end.
            try db.execute(sql: "PRAGMA mmap_size = \(Store.memoryMapBytes)")
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        do {
            // Two openers of a new database at once (collect and build, or the demo's two
            // collectors) would both switch it to WAL, which fails at once with "database is
            // locked", and both migrate it; a lock file makes the second wait and find it done.
            let lock = open(path + ".migrate-lock", O_RDWR | O_CREAT, 0o644)
            if lock >= 0 { flock(lock, LOCK_EX) }
            defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Runs `body` in one write transaction: everything it writes lands, or nothing does.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// Like `write(_:)`, but waits at most `lockWait` seconds for the write lock instead of the
    /// store's busy timeout (nil: the busy timeout): for a last attempt that must end in bounded time.
    public func write<T>(waitingAtMost lockWait: TimeInterval?, _ body: (Database) throws -> T) throws -> T {
        guard let lockWait else { return try pool.write(body) }
        return try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(Self.milliseconds(lockWait))")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.milliseconds(busyTimeout))") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Whether `error` is SQLite giving up on the write lock after the busy timeout ("database is
    /// locked"): another connection held a write transaction all that time. Nothing was written;
    /// the same write may be tried again.
    public static func isLockTimeout(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int { Int((max(0, seconds) * 1000).rounded()) }

    /// Runs `body` against a consistent snapshot of the database.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Copies the write-ahead log into the database as far as readers allow, without waiting for
    /// them. Holds the write connection meanwhile: writers wait for it.
    /// A checkpoint that finds another one running (SQLite's automatic checkpoint, or a closing
    /// connection's) returns "database is locked" at once: that one does the same work, so it
    /// is not an error.
    public func checkpoint() throws {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return
        }
    }

    /// Runs `body`, a long run of write transactions (a pull stores a gigabyte a day, a crawl
    /// at a time), with the log copied into the database every `logPages` pages instead of
    /// SQLite's `autoCheckpointPages`: at the default a copy, and a wait for the disk to flush it,
    /// would follow almost every crawl. (Copying on a thread of its own as well was measured and
    /// gained nothing on two cores: the copies took the CPU the storing needed.)
    public func withLongLog<T>(logPages: Int = 65536, _ body: () throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(logPages)") }
        defer {
            try? pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Store.autoCheckpointPages)")
            }
        }
        return try body()
    }

    /// Bytes the database files take on disk (main file and write-ahead log).
    public func sizeOnDisk() -> Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal"] {
            if let attrs = try? FileManager.default.attributesOfItem(atPath: path + suffix),
                let size = attrs[.size] as? NSNumber
            {
                total += size.int64Value
            }
        }
        return total
    }

    /// Folds the write-ahead log into the main file and reclaims free pages, so that
    /// `sizeOnDisk` measures the data rather than the log.
    public func compact() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM")
            try db.checkpoint(.truncate)
        }
    }
}

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case timeZoneChanged(recorded: String, requested: String)
    case lateData(crawlTime: Millis, prunedBefore: Millis)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the database: \(reason)"
        case .timeZoneChanged(let recorded, let requested):
            return "this database reports in \(recorded); --timezone \(requested) would need raw "
                + "observations that were already pruned. Build with --timezone \(recorded), or import "
                + "everything again into a new database."
        case .lateData(let crawlTime, let prunedBefore):
            return "a crawl at \(Timestamp.format(crawlTime)) is older than data already consolidated, and raw "
                + "observations before \(Timestamp.format(prunedBefore)) were pruned, so it cannot be merged "
                + "exactly. Import all data in time order into a new database (or use a larger --keep-raw)."
        }
    }
}

import Model
