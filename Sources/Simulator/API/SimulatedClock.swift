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

    public init(start: Millis, mode: Mode) {
        self.mode = mode
        anchor = start
        realAnchor = ContinuousClock.now
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
