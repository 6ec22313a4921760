import Foundation
import Model

/// Renders independent pages on every core, a batch at a time, and hands them on in their
/// original order from the calling thread: rendering is pure (value inputs, immutable templates),
/// so only the writing needs one thread.
enum ParallelPages {
    /// Pages rendered before the batch is written; bounds memory on sites with thousands of games.
    static let batchSize = 64

    static func render<Item: Sendable>(
        _ items: [Item], page: (Item) throws -> SiteFile, emit: (SiteFile) throws -> Void
    ) throws {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var start = 0
        while start < items.count {
            let batch = items[start..<min(items.count, start + batchSize)]
            var results = [Result<SiteFile, Error>?](repeating: nil, count: batch.count)
            results.withUnsafeMutableBufferPointer { slots in
                let slots = UncheckedSendable(slots)
                let lanes = min(workers, batch.count)
                withoutActuallyEscaping(page) { page in
                    let page = UncheckedSendable(page)
                    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                        // Interleaved, so each lane gets a fair share of small and large pages.
                        for i in stride(from: lane, to: batch.count, by: lanes) {
                            slots.value[i] = Result { try page.value(batch[batch.startIndex + i]) }
                        }
                    }
                }
            }
            for result in results { try emit(result!.get()) }
            start += batch.count
        }
    }
}

