import Foundation
import GRDB
import Pipeline
import Store

/// What the tests read from a database after a child wrote to it (or was killed writing). Each
/// runs on a thread of its own: the test pool's few threads serve the suite's in-process servers.
enum DatabaseCheck {
    /// `PRAGMA integrity_check`'s answer: `["ok"]` for a sound file.
    static func integrity(_ path: String) async throws -> [String] {
        try await onDedicatedThread {
            try Store(path: path).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        }
    }

    /// A digest of every row of every table, independent of row order and of how the file is laid
    /// out: equal digests mean equal contents.
    static func contents(_ path: String) async throws -> ContentsDigest {
        try await onDedicatedThread {
            try Store(path: path).read { db in
                var tables: [String: UInt64] = [:]
                for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                    var rowHashes: [UInt64] = []
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(table)\"")
                    while let row = try rows.next() {
                        var hash = FNV1a()
                        for value in row.databaseValues { hash.add(value) }
                        rowHashes.append(hash.value)
                    }
                    var tableHash = FNV1a()
                    for h in rowHashes.sorted() { tableHash.add(h) }
                    tables[table] = tableHash.value ^ UInt64(rowHashes.count)
                }
                return ContentsDigest(tables: tables)
            }
        }
    }

    /// Complete crawls stored, and failed crawls recorded.
    static func crawlCounts(_ path: String) async throws -> CrawlCounts {
        try await onDedicatedThread {
            let counts = try Store(path: path).counts()
            return CrawlCounts(complete: counts.crawls, failed: counts.failedCrawls)
        }
    }

    /// Each stored crawl's number of kept observations, in time order.
    static func observationsPerCrawl(_ path: String) async throws -> [Int] {
        try await onDedicatedThread {
            try Store(path: path).read { db in
                try Int.fetchAll(db, sql: """
                    SELECT COALESCE(o.count, 0) FROM crawl c LEFT JOIN crawl_observations o ON o.crawl = c.id ORDER BY c.time
                    """)
            }
        }
    }

    /// Each stored crawl's streams and viewers as consolidation counted them, in time order.
    static func crawlTotals(_ path: String) async throws -> [String] {
        try await onDedicatedThread {
            try Store(path: path).read { db in
                try Row.fetchAll(db, sql: "SELECT streams, viewers FROM crawl ORDER BY time").map {
                    "\($0[0] as Int? ?? -1)/\($0[1] as Int64? ?? -1)"
                }
            }
        }
    }

    /// The reasons recorded for failed crawls.
    static func failureReasons(_ path: String) async throws -> [String] {
        try await onDedicatedThread {
            try Store(path: path).read { db in try String.fetchAll(db, sql: "SELECT reason FROM crawl_failure ORDER BY id") }
        }
    }

    /// Copies a database nobody is writing: the main file and its write-ahead log (the shared-memory
    /// index is rebuilt from the log by the next opener).
    static func copy(_ path: String, to destination: String) async throws {
        try await onDedicatedThread {
            let fm = FileManager.default
            for suffix in ["", "-wal"] where fm.fileExists(atPath: path + suffix) {
                try? fm.removeItem(atPath: destination + suffix)
                try fm.copyItem(atPath: path + suffix, toPath: destination + suffix)
            }
        }
    }
}

struct CrawlCounts: Equatable, Sendable {
    var complete: Int
    var failed: Int
}

struct ContentsDigest: Equatable, CustomStringConvertible {
    var tables: [String: UInt64]

    var description: String { tables.keys.sorted().map { "\($0)=\(String(tables[$0]!, radix: 16))" }.joined(separator: " ") }

    /// Tables whose contents differ.
    func differences(from other: ContentsDigest) -> [String] {
        Set(tables.keys).union(other.tables.keys).sorted().filter { tables[$0] != other.tables[$0] }
    }
}

/// FNV-1a, 64 bits: a stable hash (Swift's `Hasher` is seeded per process).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    mutating func add(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { add(bytes: $0) } }

    mutating func add(_ value: DatabaseValue) {
        switch value.storage {
        case .null: add(bytes: [0])
        case .int64(let i): add(bytes: [1]); add(UInt64(bitPattern: i))
        case .double(let d): add(bytes: [2]); add(d.bitPattern)
        case .string(let s): add(bytes: [3]); add(UInt64(s.utf8.count)); add(bytes: s.utf8)
        case .blob(let data): add(bytes: [4]); add(UInt64(data.count)); add(bytes: data)
        }
    }
}

