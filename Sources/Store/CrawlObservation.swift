/// What consolidation needs of a facts row.
public struct FactsInfo: Sendable {
    public var gameID: String
    public var language: String
}

/// One kept observation of a crawl as consolidation reads it.
public struct CrawlObservation: Sendable {
    public var stream: Int64
    public var offsetMs: Int64
    public var viewers: Int
    public var facts: Int64
}
