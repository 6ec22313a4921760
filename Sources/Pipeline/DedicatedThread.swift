import Model

/// Runs blocking work (the collector waits on libcurl) on a thread of its own. On Swift's
/// cooperative pool — one thread per core — it could occupy every thread and starve the
/// in-process simulator that it is waiting for.
public func onDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        startThread(named: "dedicated") {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
    }
}
