import Foundation
import Site

/// The real publish operations with failures injected: the atomic exchange taken away (as on
/// macOS and some file systems), or the n-th call of an operation failing with an errno. Calls
/// are counted from `arm()`, so that preparing the staging folder does not count.
final class InjectedFaults: @unchecked Sendable {
    enum Operation: String, Sendable { case exchange, rename, flushFileSystem, flushFolder, removeTree }

    struct Failure: Sendable, CustomStringConvertible {
        var operation: Operation
        /// 1 for the first call after `arm()`.
        var call: Int
        var code: Int32
        var description: String { "\(operation.rawValue) #\(call) fails with \(String(cString: strerror(code)))" }
    }

    private let lock = NSLock()
    private let exchangeAvailable: Bool
    private let failures: [Failure]
    private var armed = false
    private var calls: [Operation: Int] = [:]

    init(exchangeAvailable: Bool = true, failures: [Failure] = [], armed: Bool = false) {
        self.exchangeAvailable = exchangeAvailable
        self.failures = failures
        self.armed = armed
    }

    func arm() { lock.withLock { armed = true } }

    /// The errno to fail this call with, if any.
    private func injected(_ operation: Operation) -> Int32? {
        lock.withLock {
            guard armed else { return nil }
            calls[operation, default: 0] += 1
            let call = calls[operation]!
            return failures.first { $0.operation == operation && $0.call == call }?.code
        }
    }

    var operations: PublishOperations {
        let real = PublishOperations.system
        return PublishOperations(
            exchange: { a, b in
                if !self.exchangeAvailable { return ENOSYS }
                return self.injected(.exchange) ?? real.exchange(a, b)
            },
            rename: { a, b in self.injected(.rename) ?? real.rename(a, b) },
            flushFileSystem: { f in self.injected(.flushFileSystem) ?? real.flushFileSystem(f) },
            flushFolder: { f in self.injected(.flushFolder) ?? real.flushFolder(f) },
            removeTree: { f in self.injected(.removeTree) ?? real.removeTree(f) })
    }
}
