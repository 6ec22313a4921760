import Foundation
import Model

/// Set once to ask a running collector to stop; waits wake up as soon as it is set.
public final class StopFlag: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    public init() {}

    public var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Sleeps for `millis` or until the flag is set, whichever comes first.
    public func sleep(_ millis: Millis) {
        guard millis > 0 else { return }
        let deadline = Date(timeIntervalSinceNow: TimeInterval(millis) / 1000)
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            if !condition.wait(until: deadline) { return }
        }
    }
}
