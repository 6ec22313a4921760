#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A single status line on a terminal, rewritten in place (`\r`, then erase to the end of the
/// line). The collector's crawl progress, an import's and a build's progress and the demo's phases
/// all show through it; it is made only when standard error is a terminal, so logs redirected to a
/// file or the journal never see it.
public final class StatusLine: @unchecked Sendable {
    private static let rewrite = "\r\u{1B}[K"
    private let write: (String) -> Void
    private let minimumInterval: Millis
    private var lastUpdate: Millis = 0
    private var shown = false

    /// A status line on standard error, or nil when that is not a terminal.
    /// - Parameter minimumInterval: updates sooner than this after the last one shown are dropped,
    ///   so that fast loops do not spend their time on the terminal.
    public static func forTerminal(minimumInterval: Millis = 200) -> StatusLine? {
        isatty(STDERR_FILENO) != 0 ? StatusLine(minimumInterval: minimumInterval, write: writeStandardError) : nil
    }

    public init(minimumInterval: Millis, write: @escaping (String) -> Void) {
        self.minimumInterval = minimumInterval
        self.write = write
    }

    public func update(_ text: String) {
        if minimumInterval > 0 {
            let now = Clock.nowMillis()
            guard now - lastUpdate >= minimumInterval else { return }
            lastUpdate = now
        }
        shown = true
        write(Self.rewrite + text)
    }

    /// Erases the line, if anything was shown since the last time.
    public func finish() {
        guard shown else { return }
        write(Self.rewrite)
        shown = false
    }
}

/// Writes text to standard error unbuffered (the C `stderr` global is not concurrency-safe in Swift 6).
public func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { break }
            offset += n
        }
    }
}
