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

/// A thread started now whose result is collected later with `join()`, for work that runs beside
/// the caller (the collector's database writes beside its crawling).
final class JoinableThread<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?

    init(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Waits for the body to finish; returns what it returned or rethrows what it threw.
    func join() throws -> T {
        done.wait()
        done.signal()  // later joins return at once
        return try result!.get()
    }
}
