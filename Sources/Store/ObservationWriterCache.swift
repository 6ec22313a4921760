extension ObservationWriter {
    /// Stream and facts ids known from earlier, committed writes: a collector writes one crawl
    /// per transaction, and most of a crawl's streams and facts were seen in the one before.
    public final class Cache: @unchecked Sendable {
        private(set) var streams: [String: StreamEntry] = [:]
        private(set) var facts: [FactsKey: Int64] = [:]

        public init() {}

        /// Takes over what a writer learned; call only after its transaction committed.
        public func adopt(_ writer: ObservationWriter) {
            let learned = writer.lookup
            if streams.count + learned.streams.count > 1_000_000 { streams.removeAll(keepingCapacity: true) }
            if facts.count + learned.facts.count > 500_000 { facts.removeAll(keepingCapacity: true) }
            streams.merge(learned.streams) { _, new in new }
            facts.merge(learned.facts) { _, new in new }
        }
    }
}
