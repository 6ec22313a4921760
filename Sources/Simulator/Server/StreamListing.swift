import Foundation
import Model

/// Which streams a Get Streams request asks for.
struct StreamFilter {
    var channels: Set<Int32>?
    var games: Set<Int32>?
    var languages: Set<UInt8>?

    var isEmpty: Bool { channels == nil && games == nil && languages == nil }

    func admits(_ e: LiveEntry, language: UInt8) -> Bool {
        if let channels, !channels.contains(e.broadcast.channel) { return false }
        if let games, !games.contains(e.game) { return false }
        if let languages, !languages.contains(language) { return false }
        return true
    }
}

/// The ranked list Get Streams pages through. It is recomputed from the world whenever virtual
/// time crosses a refresh step, and between refreshes a few viewer counts move on every request
/// (`driftRate`), so streams shift between pages while a crawl is under way — the duplicates and
/// misses the real API warns about.
final class StreamListing: Sendable {
    private struct State {
        var refreshedAt: Millis = .min
        var entries: [LiveEntry] = []
        var rng: SplitMix64
    }

    private let world: World
    private let driftRate: Double
    private let refreshMillis: Millis
    private let state: Locked<State>

    init(world: World, driftRate: Double, refreshMillis: Millis) {
        self.world = world
        self.driftRate = driftRate
        self.refreshMillis = max(1, refreshMillis)
        state = Locked(State(rng: SplitMix64(seed: Mix.hash(world.seed, Salt.drift))))
    }

    /// Streams `offset..<offset+first` of the filtered listing at `t`, and the listing's length.
    func page(at t: Millis, filter: StreamFilter, offset: Int, first: Int) -> (entries: [LiveEntry], total: Int) {
        state.withLock { s in
            let step = t - ((t % refreshMillis) + refreshMillis) % refreshMillis
            if step != s.refreshedAt {
                s.entries = world.snapshot(at: step).entries
                s.refreshedAt = step
            } else {
                drift(&s)
            }
            let languages = world.population.language
            var picked: [LiveEntry] = []
            var total = 0
            if filter.isEmpty {
                total = s.entries.count
                if offset < total { picked = Array(s.entries[offset..<min(total, offset + first)]) }
            } else {
                for e in s.entries where filter.admits(e, language: languages[Int(e.broadcast.channel)]) {
                    if total >= offset && total < offset + first { picked.append(e) }
                    total += 1
                }
            }
            return (picked, total)
        }
    }

    /// Nudges a few viewer counts and moves those streams to their new rank.
    private func drift(_ s: inout State) {
        let n = s.entries.count
        guard n > 1, driftRate > 0 else { return }
        let moves = Int(driftRate * Double(n) + s.rng.unit())
        for _ in 0..<moves {
            let i = s.rng.below(n)
            var e = s.entries[i]
            let v = Int(e.viewers)
            let step = max(1, Int(Double(v) * 0.03 * abs(s.rng.normal()) + 0.5))
            let up = v == 0 || s.rng.unit() < 0.5
            e.viewers = Int32(max(0, up ? v + step : v - step))
            reposition(&s.entries, from: i, entry: e)
        }
    }

    /// Moves the entry at `i` (whose viewers changed to `e`'s) to its rank by binary search and
    /// one block move; streams tied at 0–1 viewers form blocks of thousands, so a step-by-step
    /// shift would be slow.
    private func reposition(_ entries: inout [LiveEntry], from i: Int, entry e: LiveEntry) {
        entries.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress!
            if i > 0, LiveEntry.ranksBefore(e, buf[i - 1]) {
                var lo = 0, hi = i  // first k in [0, i) that e ranks before
                while lo < hi { let m = (lo + hi) / 2; if LiveEntry.ranksBefore(e, buf[m]) { hi = m } else { lo = m + 1 } }
                memmove(base + lo + 1, base + lo, (i - lo) * MemoryLayout<LiveEntry>.stride)
                buf[lo] = e
            } else if i < buf.count - 1, LiveEntry.ranksBefore(buf[i + 1], e) {
                var lo = i + 1, hi = buf.count  // first k in (i, n) that does not rank before e
                while lo < hi { let m = (lo + hi) / 2; if LiveEntry.ranksBefore(buf[m], e) { lo = m + 1 } else { hi = m } }
                memmove(base + i, base + i + 1, (lo - 1 - i) * MemoryLayout<LiveEntry>.stride)
                buf[lo - 1] = e
            } else {
                buf[i] = e
            }
        }
    }
}
