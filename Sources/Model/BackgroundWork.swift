import Foundation

/// Work started on a thread of its own and collected later, to keep this machine's second core
/// busy: the collector writes crawls beside its crawling, a build writes extracts while pages
/// render, consolidation gathers rows while others are written.
public final class BackgroundWork<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the worker before `finished` is signalled, read only after waiting for it.
    private var result: Result<Value, any Error>?

    public init(_ name: String, _ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try work() }
            finished.signal()
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to end; its value, or the error it threw. Later calls return at once.
    public func value() throws -> Value {
        finished.wait()
        finished.signal()
        return try result!.get()
    }
}

/// Hands a value that is not `Sendable` to another thread. The caller guarantees the threads
/// never touch it at the same time (one reads it while the other waits, or each uses its own part).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
