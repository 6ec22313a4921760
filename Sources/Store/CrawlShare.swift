/// Concurrent viewers and channels of one crawl in one game or language.
public struct CrawlShare: Sendable {
    public var key: String
    public var viewers: Int64
    public var channels: Int

    public init(key: String, viewers: Int64, channels: Int) {
        self.key = key
        self.viewers = viewers
        self.channels = channels
    }
}
