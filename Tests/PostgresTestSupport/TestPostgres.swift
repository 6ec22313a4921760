import Foundation
import PostgresStore
#if canImport(Glibc)
import Glibc
#endif

/// One throw-away PostgreSQL cluster per test process, started by the first test that needs it
/// and stopped when the process exits; each test gets a database of its own. When PostgreSQL
/// cannot be started the tests that need it fail with the reason (CI installs it): they never
/// skip silently.
public enum TestPostgres {
    private static let cluster: Result<ThrowawayPostgres, any Error> = {
        do {
            let cluster = try ThrowawayPostgres()
            atexit { TestPostgres.stopAtExit() }
            return .success(cluster)
        } catch {
            return .failure(error)
        }
    }()

    private static let counter = Counter()

    /// A new, empty database in the shared cluster.
    public static func database(_ name: String) throws -> PostgresLocation {
        switch cluster {
        case .success(let cluster):
            return try cluster.createDatabase("\(name.lowercased())_\(counter.next())")
        case .failure(let error):
            throw TestPostgresUnavailable(reason: "\(error)")
        }
    }

    private static func stopAtExit() {
        if case .success(let cluster) = cluster { cluster.stop() }
    }
}

public struct TestPostgresUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var description: String {
        "PostgreSQL could not be started for the tests (run scripts/install-deps, which installs postgresql): \(reason)"
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
