import Foundation

/// Runs blocking work (the collector waits on libcurl) on a thread of its own. On Swift's
/// cooperative pool — one thread per core — it could occupy every thread and starve the
/// in-process simulator that it is waiting for.
public func onDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.stackSize = 1 << 22
        thread.start()
    }
}
