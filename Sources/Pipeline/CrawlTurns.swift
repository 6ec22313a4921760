import Foundation
import Helix
import Logging
import Model
import PostgresStore

/// Collectors sharing a store take turns: time is cut into slots of `--interval` (multiples of it
/// since the epoch), and before each crawl a collector claims the next free slot in PostgreSQL
/// (the first insert of a slot wins). Their crawls interleave at the interval; when one stops,
/// the others find its slots free and keep the cadence. While the store is out of reach a
/// collector crawls at its own interval rather than not at all.
final class CrawlTurns {
    private let options: SharedStoreOptions
    private let interval: Millis
    private let stop: StopFlag
    private let now: @Sendable () -> Millis
    private let sleep: StreamsCrawler.Sleep
    private let logger: Logger
    private var shared: SharedCrawlStore?
    /// The earliest slot still worth trying: every slot before it was tried or is past.
    private var earliest: Millis = .min

    init(_ options: SharedStoreOptions, interval: Millis, stop: StopFlag, now: @escaping @Sendable () -> Millis,
         sleep: @escaping StreamsCrawler.Sleep, logger: Logger) {
        self.options = options
        self.interval = max(1, interval)
        self.stop = stop
        self.now = now
        self.sleep = sleep
        self.logger = logger
    }

    /// Waits for a slot this collector wins; false when stopped or past `slotsUntil`.
    func waitForTurn() -> Bool {
        while !stop.isStopped {
            let time = now()
            let current = time / interval * interval
            // A slot that began a moment ago is still worth a crawl; one further back is left.
            var slot = time - current <= interval / 4 ? current : current + interval
            slot = max(slot, earliest)
            if let until = options.slotsUntil, slot >= until { return false }
            if slot > time { sleep(slot - time) }
            if stop.isStopped { return false }
            earliest = slot + interval
            do {
                if try claim(slot) { return true }
                logger.debug("slot taken by another collector", metadata: ["slot": "\(Timestamp.format(slot))"])
            } catch {
                shared = nil
                logger.warning("cannot claim a crawl slot (\(error)); crawling at this collector's own interval")
                return true
            }
        }
        return false
    }

    private func claim(_ slot: Millis) throws -> Bool {
        if shared == nil || shared?.connection.isBroken == true { shared = try SharedCrawlStore(options.location) }
        return try shared!.claimSlot(slot, collector: options.collector)
    }
}
