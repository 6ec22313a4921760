import Foundation

/// Work started on a thread of its own and collected later, to keep this machine's second core
/// busy: the collector writes crawls beside its crawling, a build writes extracts while pages
/// render, consolidation gathers rows while others are written.
public final class BackgroundWork<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the worker before `finished` is signalled, read only after waiting for it.
    private var result: Result<Value, any Error>?

    public init(_ name: String, _ work: @escaping @Sendable () throws -> Value) {
        startThread(named: name) { [self] in
            result = Result { try work() }
            finished.signal()
        }
    }

    /// Waits for the work to end; its value, or the error it threw. Later calls return at once.
    public func value() throws -> Value {
        finished.wait()
        finished.signal()
        return try result!.get()
    }
}

/// Starts `body` on a thread of its own: the one way this program starts a thread.
///
/// - Parameter stackSize: in bytes. Foundation gives a thread it starts only 512 KB of stack on
///   macOS, less than Mustache's recursive rendering of a page and SQLite's query planner may take;
///   8 MB is what the main thread has. Stack is reserved, not committed, so the size costs address
///   space only.
public func startThread(named name: String, stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.stackSize = stackSize
    thread.start()
}

/// Hands a value that is not `Sendable` to another thread. The caller guarantees the threads
/// never touch it at the same time (one reads it while the other waits, or each uses its own part).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// Lowers the calling thread's scheduling priority (nice 5 on Linux; elsewhere nothing). For work
/// beside a build's critical path: when both cores are wanted, the step the next one waits for
/// gets the larger share, and work beside it fills the cores once that step is done. Threads the
/// calling thread starts afterwards inherit it.
public func lowerThisThreadsPriority() {
    #if os(Linux)
    // Linux keeps the nice value per thread: "process" 0 is the calling thread.
    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
    #endif
}
