import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a stop request: the first one sets the flag so the current crawl
/// ends cleanly at the next page; a second one of the same kind ends the process at once.
public final class SignalTrap: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]

    public init(stop: StopFlag, signals: [Int32] = [SIGINT, SIGTERM], onSignal: (@Sendable (Int32) -> Void)? = nil) {
        let queue = DispatchQueue(label: "twitch-stats.signals")
        sources = signals.map { number in
            // The default action would kill the process before the source sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let count = SignalCount()
            source.setEventHandler {
                if count.increment() > 1 {
                    signal(number, SIG_DFL)
                    raise(number)
                    return
                }
                onSignal?(number)
                stop.stop()
            }
            source.resume()
            return source
        }
    }

    /// Restores the default signal handling.
    public func cancel() {
        for source in sources {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
    }
}

/// Counts deliveries of one signal; only touched from the trap's serial queue.
private final class SignalCount: @unchecked Sendable {
    private var value = 0
    func increment() -> Int {
        value += 1
        return value
    }
}
