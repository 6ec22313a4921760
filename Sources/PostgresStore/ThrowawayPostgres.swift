import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of its own in a temporary folder, on a free loopback port, for the demo
/// and the tests: `initdb` and `pg_ctl` from Debian's `postgresql` package. PostgreSQL refuses to
/// run as root, so under root the cluster belongs to the unprivileged user `nobody`.
public final class ThrowawayPostgres: @unchecked Sendable {
    /// Set once, by `init`.
    public private(set) var port: Int
    public let directory: String
    private let binaries: String
    private let runAs: String?
    private let lock = NSLock()
    private var stopped = false

    /// Creates and starts the cluster; throws with what went wrong (PostgreSQL missing, initdb or
    /// pg_ctl failing with their output). `firstPort` is tried first instead of a free one (tests).
    public init(firstPort: Int? = nil) throws {
        binaries = try Self.findBinaries()
        runAs = getuid() == 0 ? "nobody" : nil
        directory = try Self.makeDirectory(owner: runAs)
        port = try firstPort ?? Self.freePort()
        let data = directory + "/data"
        try run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"])
        // The port is free when chosen but not held: another process (a parallel test's server)
        // may bind it before PostgreSQL does. Then the server stops at once, and a new port is tried.
        var attempt = 1
        while true {
            do {
                try run("pg_ctl", [
                    "-D", data, "-l", directory + "/server.log", "-w", "-t", "60",
                    "-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "start",
                ])
                return
            } catch where attempt < 5 && serverLog.contains("Address already in use") {
                attempt += 1
                try? FileManager.default.removeItem(atPath: directory + "/server.log")
                port = try Self.freePort()
            }
        }
    }

    private var serverLog: String { (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? "" }

    deinit { stop() }

    /// The URL of a database in the cluster (created by `createDatabase`).
    public func url(database: String = "postgres") -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    /// Creates an empty database and returns its location.
    public func createDatabase(_ name: String) throws -> PostgresLocation {
        let admin = try PostgresConnection(try PostgresLocation(url: url()))
        try admin.execute("DROP DATABASE IF EXISTS \"\(name)\"")
        try admin.execute("CREATE DATABASE \"\(name)\"")
        return try PostgresLocation(url: url(database: name))
    }

    /// Stops the server at once and removes its folder.
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? run("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func run(_ tool: String, _ arguments: [String]) throws {
        let argv = runAs.map { ["/usr/sbin/runuser", "-u", $0, "--", binaries + "/" + tool] } ?? [binaries + "/" + tool]
        // Output to a file, not a pipe: the server pg_ctl starts would hold a pipe open. Spawned
        // and reaped by hand: Foundation's Process reaps on a run loop the test threads lack.
        let outputPath = directory + "/\(tool).out"
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let all = argv + arguments
        var cArguments = all.map { strdup($0) }
        cArguments.append(nil)
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, all[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw PostgresError.invalid("cannot start \(all[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // Exited normally with status 0.
        guard status & 0x7F == 0 && (status >> 8) & 0xFF == 0 else {
            let log = serverLog
            throw PostgresError.invalid("\(tool) failed (wait status \(status)): \(text)\(log.isEmpty ? "" : "\nserver log: \(log)")")
        }
    }

    private static func findBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw PostgresError.invalid(
            "PostgreSQL's server programs (initdb, pg_ctl) are not installed under \(root): run scripts/install-deps (apt-get install postgresql)")
    }

    private static func makeDirectory(owner: String?) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/twitch-stats-pg-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw PostgresError.invalid("cannot create a temporary folder for PostgreSQL")
        }
        let path = String(cString: made)
        chmod(path, 0o755)
        if let owner {
            guard let user = getpwnam(owner) else { throw PostgresError.invalid("no user \(owner) to run PostgreSQL as") }
            guard chown(path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                throw PostgresError.invalid("cannot hand \(path) to \(owner): \(String(cString: strerror(errno)))")
            }
        }
        return path
    }

    /// A loopback port nobody listens on: the kernel picks one for a socket bound to port 0.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresError.invalid("cannot open a socket to find a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw PostgresError.invalid("cannot find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
