import Model

/// The collector's crawl progress on a terminal's status line (`crawl 12: page 340, 34,000
/// streams, 2 retries`), rewritten on every page.
public final class ProgressLine: CrawlProgressReporting {
    private let line: StatusLine

    /// A progress line on stderr, or nil when stderr is not a terminal.
    public static func onTerminal() -> ProgressLine? {
        StatusLine.forTerminal(minimumInterval: 0).map(ProgressLine.init(line:))
    }

    public init(line: StatusLine) { self.line = line }

    public convenience init(write: @escaping (String) -> Void) {
        self.init(line: StatusLine(minimumInterval: 0, write: write))
    }

    public func update(_ p: CrawlProgress) {
        let retries = p.retries == 1 ? "1 retry" : "\(groupedByThousands(p.retries)) retries"
        line.update("crawl \(p.crawl): page \(groupedByThousands(p.pages)), \(groupedByThousands(p.streams)) streams, \(retries)")
    }

    public func clear() { line.finish() }
}
