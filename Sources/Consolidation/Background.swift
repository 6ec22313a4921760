import Foundation

/// A computation run on its own thread, so that it overlaps with the caller's work (the database
/// writes of a pass use one core; preparing the next table's rows can use the other).
final class Background<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: T?

    init(_ body: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            value = body()
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Waits for the computation and returns what it produced.
    func result() -> T {
        done.wait()
        return value!
    }
}

/// Hands a non-Sendable value to a thread that only reads it while its owner waits for it.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
