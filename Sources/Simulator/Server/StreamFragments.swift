import Model

/// Each listed stream's JSON text, less its viewer count, kept from one request to the next.
///
/// A crawl asks for every live stream every few minutes, and a stream's text (names, category,
/// title, tags) rarely changes while it is live — `World.recordVersion` says when it does — so
/// most of a page is copied rather than built: names, titles and escaping are worked out once
/// per stream and change, not once per request. Only the viewer count is written fresh.
final class StreamFragments: Sendable {
    private struct Key: Hashable {
        let channel: Int32
        let day: Int32
    }

    private struct Fragment {
        let version: UInt64
        let game: Int32
        let plannedGame: Int32
        let end: Millis
        let head: [UInt8]
        let tail: [UInt8]
    }

    private struct State {
        var fragments: [Key: Fragment] = [:]
        var sweptAt: Millis = .min
    }

    private let world: World
    /// The `started_at` the collector is shown for a virtual start (`SimulatedClock.collectorTime`).
    private let startedAtShown: @Sendable (Millis) -> Millis
    private let state = Locked(State())
    /// Ended broadcasts are forgotten at most this often (virtual time), so memory follows the
    /// streams live now rather than the length of the run.
    private static let sweepMillis: Millis = 3_600_000

    init(world: World, startedAtShown: @escaping @Sendable (Millis) -> Millis = { $0 }) {
        self.world = world
        self.startedAtShown = startedAtShown
    }

    /// A Get Streams page of `entries` as they are at `t`.
    func page(_ entries: [LiveEntry], at t: Millis, cursor: String?) -> [UInt8] {
        state.withLock { s in
            Self.sweep(&s, at: t)
            return HelixJSON.streamsPage(count: entries.count, cursor: cursor) { j, i in
                let e = entries[i]
                let f = fragment(e, at: t, in: &s)
                j.append(f.head)
                j.int(e.viewers)
                j.append(f.tail)
            }
        }
    }

    private func fragment(_ e: LiveEntry, at t: Millis, in s: inout State) -> Fragment {
        let key = Key(channel: e.broadcast.channel, day: e.broadcast.day)
        let kept = s.fragments[key]
        let planned = kept?.plannedGame ?? world.plannedGame(e.broadcast)
        let version = world.recordVersion(e, plannedGame: planned, at: t)
        if let f = kept, f.version == version, f.game == e.game { return f }
        var stream = world.record(e, at: t)
        let shown = startedAtShown(stream.startedAt)
        stream.startedAt = shown - ((shown % 1000) + 1000) % 1000  // whole seconds, as Twitch gives them
        var head = JSONPageWriter(capacity: 512)
        HelixJSON.streamHead(stream, &head)
        var tail = JSONPageWriter(capacity: 384)
        HelixJSON.streamTail(stream, &tail)
        let f = Fragment(version: version, game: e.game, plannedGame: planned, end: e.broadcast.end,
                         head: head.bytes, tail: tail.bytes)
        s.fragments[key] = f
        return f
    }

    private static func sweep(_ s: inout State, at t: Millis) {
        guard s.sweptAt == .min || t < s.sweptAt || t - s.sweptAt >= sweepMillis else { return }
        s.sweptAt = t
        s.fragments = s.fragments.filter { $0.value.end > t }
    }
}
