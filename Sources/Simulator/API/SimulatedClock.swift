import Foundation
import Model

/// The simulator's virtual time. In scaled mode it runs `speed` times faster than real time from
/// `start`; in manual mode it stands still until told to move (`advance(by:)`, `set(_:)`).
/// Either mode accepts manual moves: they shift the clock on top of its running.
public final class SimulatedClock: @unchecked Sendable {
    public enum Mode: Sendable, Equatable {
        case scaled(speed: Double)
        case manual
    }

    public let mode: Mode
    private let lock = NSLock()
    private var anchor: Millis
    private var realAnchor: ContinuousClock.Instant
    /// Virtual and wall-clock time when the clock was made: the fixed frame `collectorTime` maps by.
    private let virtualStart: Millis
    private let wallStart: Millis

    public init(start: Millis, mode: Mode) {
        self.mode = mode
        anchor = start
        realAnchor = ContinuousClock.now
        virtualStart = start
        wallStart = Clock.nowMillis()
    }

    /// Where virtual instant `t` falls on the clock of a collector crawling this simulator, for the
    /// times the API hands out (`started_at`, `Ratelimit-Reset`). A manual clock is the
    /// collector's own clock (the demo and the tests stamp crawls with it): `t` itself. A scaled
    /// clock runs ahead of the wall clock a separate `collect` stamps crawls with, so virtual
    /// time is mapped back onto it, compressed by the speed: a stream live for three virtual hours
    /// at speed 60 started three real minutes ago. Without this, `started_at` would lie hours or
    /// days after the crawl time and the collector would leave every stream out as implausible.
    /// The frame is fixed when the clock is made, so each stream's `started_at` stays constant.
    public func collectorTime(_ t: Millis) -> Millis {
        guard case .scaled(let speed) = mode else { return t }
        return wallStart + Millis((Double(t - virtualStart) / speed).rounded(.down))
    }

    /// Virtual milliseconds since the epoch.
    public func now() -> Millis {
        lock.lock()
        defer { lock.unlock() }
        return current()
    }

    /// `now` as a closure the collector can stamp observations with.
    public var nowFunction: @Sendable () -> Millis { { [self] in now() } }

    public func advance(by milliseconds: Millis) {
        lock.lock()
        defer { lock.unlock() }
        anchor += milliseconds
    }

    public func set(_ t: Millis) {
        lock.lock()
        defer { lock.unlock() }
        anchor = t
        realAnchor = ContinuousClock.now
    }

    private func current() -> Millis {
        guard case .scaled(let speed) = mode else { return anchor }
        let elapsed = ContinuousClock.now - realAnchor
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return anchor + Millis(ms * speed)
    }
}
