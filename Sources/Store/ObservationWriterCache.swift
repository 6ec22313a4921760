extension ObservationWriter {
    /// Stream and facts ids known from earlier, committed writes: a collector writes one crawl
    /// per transaction, and most of a crawl's streams and facts were seen in the one before.
    ///
    /// A writer adds what it learns straight into the cache (merging a crawl's worth of entries
    /// afterwards cost a quarter of a pull's storing). Until `adopt` confirms that the writer's
    /// transaction committed, its entries may name rows that a rollback removed: the next writer
    /// to start finds the cache unconfirmed and empties it.
    public final class Cache: @unchecked Sendable {
        var streams: [String: StreamEntry] = [:]
        /// By `FactsKey.stableHash`, holding the key to tell a collision: entries of two words
        /// instead of a key's nine texts make growing the table cheap.
        var facts: [Int64: LastFacts] = [:]
        private var unconfirmed = false

        public init() {}

        /// Called when a writer starts using the cache.
        func begin() {
            if unconfirmed { empty() }
            unconfirmed = true
        }

        /// Keeps what `writer` learned; call only after its transaction committed.
        public func adopt(_ writer: ObservationWriter) {
            unconfirmed = false
        }

        /// Bounds the memory: a stream or facts cache past its size starts again.
        func makeRoom() {
            if streams.count > 1_000_000 { streams.removeAll(keepingCapacity: true) }
            if facts.count > 500_000 { facts.removeAll(keepingCapacity: true) }
        }

        private func empty() {
            streams.removeAll(keepingCapacity: true)
            facts.removeAll(keepingCapacity: true)
        }
    }
}
