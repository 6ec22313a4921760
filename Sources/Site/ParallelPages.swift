import Foundation
import Model

/// Renders independent pages on every core, each lane writing its own pages as it goes:
/// rendering is pure (value inputs, immutable templates), and the staging folder takes writes
/// from several threads. Each page is a new folder and file; written from one thread after each
/// batch, they kept the other cores waiting, and thousands of game pages kept no batch in memory.
///
/// Lanes take the next job when they finish one, from one queue of every page of the site: with
/// each kind of page shared out in turn, in fixed strides, the lanes waited for each other at the
/// end of every kind, about a second of a full day's build on two cores.
enum ParallelPages {
    /// One page, or a few made together; run once, on any thread.
    typealias Job = () throws -> [SiteFile]

    static func run(_ jobs: [Job], write: (SiteFile) throws -> Void) throws {
        let lanes = min(max(1, ProcessInfo.processInfo.activeProcessorCount), jobs.count)
        guard lanes > 0 else { return }
        let queue = JobQueue(count: jobs.count)
        var failures = [(any Error)?](repeating: nil, count: lanes)
        failures.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots), jobs = UncheckedSendable(jobs)
            withoutActuallyEscaping(write) { write in
                let write = UncheckedSendable(write)
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    do {
                        while let i = queue.next() {
                            for file in try jobs.value[i]() { try write.value(file) }
                        }
                    } catch {
                        queue.stop()
                        slots.value[lane] = error
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }
}

/// Hands out job numbers in order, each once, until they run out or a lane fails.
private final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextJob = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextJob < count else { return nil }
        nextJob += 1
        return nextJob - 1
    }

    func stop() {
        lock.lock()
        nextJob = count
        lock.unlock()
    }
}
