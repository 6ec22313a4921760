import Foundation

/// A bounded hand-over of batches from one producer thread to one consumer, so that producing
/// (parsing an import, folding crawls) and writing the database use both cores.
public final class BatchChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Element] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    /// Blocks while the channel is full; returns false when the consumer has given up.
    public func send(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(element)
        condition.broadcast()
        return true
    }

    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops early: the producer's next `send` returns false.
    public func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The next element if one is waiting, without blocking; nil when none is.
    public func tryReceive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        if queue.isEmpty { return nil }
        let element = queue.removeFirst()
        condition.broadcast()
        return element
    }

    /// The next element, or nil once the producer closed the channel and it is drained.
    public func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        if queue.isEmpty { return nil }
        let element = queue.removeFirst()
        condition.broadcast()
        return element
    }
}
