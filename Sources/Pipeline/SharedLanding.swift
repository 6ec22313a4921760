import Foundation
import Logging
import Model
import PostgresStore
import Store

/// Lands crawl outcomes in the shared PostgreSQL store, one transaction each. While the store is
/// out of reach they go to the collector's local SQLite file (the spool) and are uploaded, oldest
/// first, before the next outcome once it answers again. An upload repeated after its answer was
/// lost stores nothing twice (the crawl key is collector and crawl time).
final class SharedLanding: CrawlSink {
    private let options: SharedStoreOptions
    private let spool: Store
    private let logger: Logger
    private var shared: SharedCrawlStore?
    private var nextTry: DispatchTime = .now()
    private var unreachableSince: DispatchTime?

    init(_ options: SharedStoreOptions, spool: Store, logger: Logger) {
        self.options = options
        self.spool = spool
        self.logger = logger
    }

    func land(_ crawl: PackedCrawl) throws {
        if try uploadSpool(), let shared = connected() {
            do {
                try shared.land(crawl)
                return
            } catch let error as PostgresError where error.isUnreachable {
                lost(error)
            }
        }
        try spool.spool(crawl)
        let spooled = try spool.spooledCount()
        logger.warning(
            "the shared store is out of reach: crawl at \(Timestamp.format(crawl.time)) kept in \(spool.path)",
            metadata: ["spooled": "\(spooled)"])
    }

    /// Uploads what the spool holds, oldest first; true when it is empty afterwards.
    @discardableResult
    func uploadSpool() throws -> Bool {
        var uploaded = 0
        while let (id, crawl) = try spool.oldestSpooled() {
            guard let shared = connected() else { return false }
            do {
                try shared.land(crawl)
            } catch let error as PostgresError where error.isUnreachable {
                lost(error)
                return false
            }
            try spool.removeSpooled(id)
            uploaded += 1
        }
        if uploaded > 0 { logger.notice("the shared store answers again: \(uploaded) spooled crawl outcomes uploaded") }
        return true
    }

    /// The open connection, or a new one when the last try is long enough ago; nil while unreachable.
    private func connected() -> SharedCrawlStore? {
        if let shared, !shared.connection.isBroken { return shared }
        shared = nil
        guard DispatchTime.now() >= nextTry else { return nil }
        do {
            shared = try SharedCrawlStore(options.location)
            if unreachableSince != nil { logger.notice("connected to the shared store again: \(options.location.redacted)") }
            unreachableSince = nil
            return shared
        } catch let error as PostgresError where error.isUnreachable {
            lost(error)
            return nil
        } catch {
            // Wrong schema version, bad password file: nothing a retry fixes. Keep the crawls anyway.
            logger.error("the shared store cannot be used: \(error)")
            lost(nil)
            return nil
        }
    }

    private func lost(_ error: PostgresError?) {
        shared = nil
        nextTry = .now() + options.reconnectSeconds
        if unreachableSince == nil {
            unreachableSince = .now()
            if let error { logger.warning("the shared store is out of reach (\(error)); crawls are kept locally until it answers") }
        }
    }
}

/// Where a collector's crawl outcomes go: the shared store (`SharedLanding`) or a local SQLite
/// store (`LocalSink`). Both keep one contract: an outcome lands whole or not at all, and landing
/// the same collector's crawl again stores nothing twice.
protocol CrawlSink: AnyObject {
    func land(_ crawl: PackedCrawl) throws
}

/// A local SQLite store as a sink: the crawl unpacked and stored as `collect --db` stores it.
final class LocalSink: CrawlSink {
    private let store: Store
    private let cache = ObservationWriter.Cache()

    init(_ store: Store) { self.store = store }

    func land(_ crawl: PackedCrawl) throws {
        let observations = crawl.data.isEmpty ? [] : try PackedCrawl.unpack(crawl.data, crawlTime: crawl.time)
        _ = try store.storePulled(crawl, observations: observations, cache: cache)
    }
}
