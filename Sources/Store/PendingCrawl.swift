import Model

/// A crawl waiting to be consolidated.
public struct PendingCrawl: Sendable {
    public var id: Int64
    public var time: Millis
}
