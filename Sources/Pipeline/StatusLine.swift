#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// A single status line on a terminal, rewritten in place at most a few times a second.
/// Created only when standard error is a terminal, so logs and pipes stay clean.
public final class StatusLine: @unchecked Sendable {
    private var lastUpdate: Millis = 0
    private var shown = false

    public static func forTerminal() -> StatusLine? {
        isatty(STDERR_FILENO) != 0 ? StatusLine() : nil
    }

    public func update(_ text: String) {
        let now = Clock.nowMillis()
        guard now - lastUpdate >= 200 else { return }
        lastUpdate = now
        shown = true
        writeStandardError("\r\u{1B}[K" + text)
    }

    public func finish() {
        guard shown else { return }
        writeStandardError("\r\u{1B}[K")
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
