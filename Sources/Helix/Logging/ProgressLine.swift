import Foundation

/// A one-line crawl progress display on a terminal (`crawl 12: page 340, 34,000 streams,
/// 2 retries`), rewritten in place with `\r`. Only made when stderr is a terminal, so logs
/// redirected to a file or the journal never see it.
public final class ProgressLine: CrawlProgressReporting {
    private let write: (String) -> Void
    private var showing = false

    /// A progress line on stderr, or nil when stderr is not a terminal.
    public static func onTerminal() -> ProgressLine? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressLine { text in FileHandle.standardError.write(Data(text.utf8)) }
    }

    public init(write: @escaping (String) -> Void) { self.write = write }

    public func update(_ p: CrawlProgress) {
        let retries = p.retries == 1 ? "1 retry" : "\(Self.grouped(p.retries)) retries"
        write("\r\u{1B}[K" + "crawl \(p.crawl): page \(Self.grouped(p.pages)), \(Self.grouped(p.streams)) streams, \(retries)")
        showing = true
    }

    public func clear() {
        guard showing else { return }
        write("\r\u{1B}[K")
        showing = false
    }

    /// 34000 → "34,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
