import Foundation
import Model

/// Renders independent pages on every core, each lane writing its own pages as it goes:
/// rendering is pure (value inputs, immutable templates), and the staging folder takes writes
/// from several threads. Each page is a new folder and file; written from one thread after each
/// batch, they kept the other cores waiting, and thousands of game pages kept no batch in memory.
enum ParallelPages {
    static func render<Item: Sendable>(
        _ items: [Item], page: (Item) throws -> SiteFile, write: (SiteFile) throws -> Void
    ) throws {
        let lanes = min(max(1, ProcessInfo.processInfo.activeProcessorCount), items.count)
        guard lanes > 0 else { return }
        var failures = [(any Error)?](repeating: nil, count: lanes)
        failures.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            withoutActuallyEscaping(page) { page in
                withoutActuallyEscaping(write) { write in
                    let page = UncheckedSendable(page), write = UncheckedSendable(write)
                    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                        // Interleaved, so each lane gets a fair share of small and large pages.
                        do {
                            for i in stride(from: lane, to: items.count, by: lanes) { try write.value(try page.value(items[i])) }
                        } catch {
                            slots.value[lane] = error
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }
}
