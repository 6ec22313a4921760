import Model

/// Stream and facts ids by stream token: a reader that recognises a stream seen again with the
/// same facts names it by a small token, and the writer takes its ids from here instead of
/// looking them up by their texts. The import numbers its streams per file; a pull numbers them
/// across crawls and keeps one table for all its writes (see `ObservationWriter.addSighted`).
public final class StreamTokens: @unchecked Sendable {
    private var ids: [StreamFactsIDs] = []
    /// Latest observations of import tokens whose ids are unknown (their row fell into a pruned crawl).
    private var unresolved: [Int32: Observation] = [:]

    /// The `PackedSightings.epoch` the tokens belong to (a pull's).
    private var epoch = 0

    public init() {}

    /// Uses the tokens of `epoch` from now on: when the reader numbered its streams again, the
    /// ids remembered for the old numbers are forgotten.
    public func follow(epoch: Int) {
        guard epoch != self.epoch else { return }
        reset()
        self.epoch = epoch
    }

    /// The ids last remembered for `token`, nil when unknown.
    func known(_ token: Int32) -> StreamFactsIDs? {
        let t = Int(token)
        guard t < ids.count, ids[t].isKnown else { return nil }
        return ids[t]
    }

    /// The ids of an import token; `.unknown` when its latest row was not looked up.
    func importedIDs(_ token: Int32) -> StreamFactsIDs {
        let t = Int(token)
        precondition(t < ids.count, "stream token \(token) used before its first observation")
        return ids[t]
    }

    /// The observation kept for an import token whose ids are unknown.
    func takeUnresolved(_ token: Int32) -> Observation {
        guard let o = unresolved.removeValue(forKey: token) else { preconditionFailure("stream token \(token) has no observation") }
        return o
    }

    func remember(_ token: Int32, _ found: StreamFactsIDs) {
        grow(to: token)
        ids[Int(token)] = found
        if !unresolved.isEmpty { unresolved[token] = nil }
    }

    /// The token's latest observation was not looked up; `observation` is kept to look it up by later.
    func forget(_ token: Int32, keeping observation: Observation? = nil) {
        grow(to: token)
        ids[Int(token)] = .unknown
        unresolved[token] = observation
    }

    /// Forgets every token: the reader numbers its streams again, or the ids may be stale (a
    /// write that used them rolled back).
    public func reset() {
        ids.removeAll(keepingCapacity: true)
        unresolved.removeAll()
    }

    private func grow(to token: Int32) {
        let t = Int(token)
        if t >= ids.count { ids.append(contentsOf: repeatElement(.unknown, count: t - ids.count + 1)) }
    }
}
