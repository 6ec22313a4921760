import CPostgres
import Foundation

/// One libpq connection. Not shared between threads: each collector, uploader or pull opens its own.
///
/// Opened from a `postgres://USER@HOST:PORT/DB?sslmode=…` URL. The password never travels in the
/// URL or argv: libpq reads `PGPASSWORD` or `~/.pgpass` itself, or it comes from a password file
/// given to `PostgresLocation`. Errors carry the server's message, which names no password.
public final class PostgresConnection {
    private let handle: OpaquePointer
    public let location: PostgresLocation

    public init(_ location: PostgresLocation) throws {
        self.location = location
        var keys = ["dbname", "application_name", "connect_timeout"]
        var values = [location.url, "twitch-stats", String(location.connectTimeoutSeconds)]
        if let password = try location.password() {
            keys.append("password")
            values.append(password)
        }
        let handle: OpaquePointer? = Self.withCStrings(keys) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let handle else { throw PostgresError.connect(location.redacted, "out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.message(PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError.connect(location.redacted, message)
        }
        self.handle = handle
        // libpq prints notices to stderr ("relation … already exists, skipping" on every start).
        try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Whether the connection still works; after a failure that broke it, open a new one.
    public var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Runs one statement with parameters sent apart from its text (never spliced into SQL).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws -> PostgresRows {
        try run(sql, parameters, binaryResults: false)
    }

    /// Like `execute`, with every result column in binary: for bytea columns (blobs), which the
    /// text format would send hex-encoded at twice their size.
    public func executeBinary(_ sql: String, _ parameters: [PostgresValue] = []) throws -> PostgresRows {
        try run(sql, parameters, binaryResults: true)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if !isBroken { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    private func run(_ sql: String, _ parameters: [PostgresValue], binaryResults: Bool) throws -> PostgresRows {
        let count = parameters.count
        var formats = [Int32](repeating: 0, count: count)
        var lengths = [Int32](repeating: 0, count: count)
        var buffers: [[UInt8]] = []
        buffers.reserveCapacity(count)
        for (n, value) in parameters.enumerated() {
            switch value {
            case .null: buffers.append([])
            case .text(let text): buffers.append(Array(text.utf8) + [0])
            case .int(let number): buffers.append(Array(String(number).utf8) + [0])
            case .bytes(let bytes):
                formats[n] = 1
                lengths[n] = Int32(bytes.count)
                buffers.append(bytes)
            }
        }
        let result: OpaquePointer? = Self.withBuffers(buffers, nulls: parameters.map { $0 == .null }) { pointers in
            PQexecParams(handle, sql, Int32(count), nil, pointers, lengths, formats, binaryResults ? 1 : 0)
        }
        guard let result else { throw PostgresError.query(Self.message(PQerrorMessage(handle)), state: nil) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            return PostgresRows(result)
        default:
            let message = Self.message(PQresultErrorMessage(result))
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            PQclear(result)
            if isBroken { throw PostgresError.connectionLost(message) }
            throw PostgresError.query(message, state: state)
        }
    }

    private static func message(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: "; ")
    }

    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        var copies = strings.map { strdup($0) }
        copies.append(nil)
        defer { for copy in copies { free(copy) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    private static func withBuffers<T>(
        _ buffers: [[UInt8]], nulls: [Bool], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T
    ) -> T {
        var pointers: [UnsafePointer<CChar>?] = []
        var owned: [UnsafeMutablePointer<UInt8>] = []
        for (n, buffer) in buffers.enumerated() {
            if nulls[n] {
                pointers.append(nil)
                continue
            }
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, buffer.count))
            buffer.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { copy.initialize(from: base, count: buffer.count) }
            }
            owned.append(copy)
            pointers.append(UnsafeRawPointer(copy).assumingMemoryBound(to: CChar.self))
        }
        defer { for copy in owned { copy.deallocate() } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

/// A statement parameter.
public enum PostgresValue: Equatable, Sendable {
    case null
    case text(String)
    case int(Int64)
    case bytes([UInt8])
}

/// A statement's result rows; freed when released.
public final class PostgresRows {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    public var count: Int { Int(PQntuples(result)) }

    public func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) == 1 }

    /// A column of a text-format result.
    public func text(_ row: Int, _ column: Int) -> String {
        String(cString: PQgetvalue(result, Int32(row), Int32(column)))
    }

    /// An int2/int4/int8 column of a text-format result.
    public func int(_ row: Int, _ column: Int) -> Int64 { Int64(text(row, column)) ?? 0 }

    /// A bytea column of a binary-format result.
    public func bytes(_ row: Int, _ column: Int) -> [UInt8] {
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        guard let value = PQgetvalue(result, Int32(row), Int32(column)), length > 0 else { return [] }
        return value.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}

public enum PostgresError: Error, CustomStringConvertible, Equatable {
    /// The server could not be reached or refused the login.
    case connect(String, String)
    /// The connection broke during a statement.
    case connectionLost(String)
    /// The server refused a statement; `state` is its SQLSTATE.
    case query(String, state: String?)
    /// A URL, password file or stored value that cannot be used.
    case invalid(String)

    /// Whether the server could not be reached: the caller may keep the data and try again later.
    public var isUnreachable: Bool {
        switch self {
        case .connect, .connectionLost: return true
        case .query(_, let state): return state?.hasPrefix("08") == true || state == "57P01" || state == "57P03"
        case .invalid: return false
        }
    }

    public var description: String {
        switch self {
        case .connect(let url, let message): return "\(url): cannot connect to PostgreSQL: \(message)"
        case .connectionLost(let message): return "the PostgreSQL connection was lost: \(message)"
        case .query(let message, _): return "PostgreSQL: \(message)"
        case .invalid(let message): return message
        }
    }
}
