import Foundation

/// Work started on a thread of its own and collected later, to keep this machine's second core
/// busy: a day's segments load while its parts are summed; extracts are written while pages render.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
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

    /// Waits for the work to end; its value, or the error it threw.
    public func value() throws -> Value {
        finished.wait()
        finished.signal()  // a later call returns at once
        return try result!.get()
    }
}
