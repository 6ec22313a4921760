import Foundation
import Model

/// The world's only sources of randomness: Model's `SplitMix64` for sequential draws and a
/// stateless mixer for "the value of X for (channel, day, …)" lookups.
///
/// Swift's `Hasher` is seeded per process and `SystemRandomNumberGenerator` is not reproducible, so
/// neither may decide anything here: the same seed must give the same world on every run.
extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// Standard normal (Box–Muller; one of the pair is dropped to stay stateless).
    mutating func normal() -> Double {
        let u = max(unit(), 0x1.0p-53)
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// Stateless hashing of small tuples of integers into uniform values.
enum Mix {
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0, _ d: UInt64 = 0) -> UInt64 {
        var h = SplitMix64.finalize(a &+ 0x9E37_79B9_7F4A_7C15)
        h = SplitMix64.finalize(h ^ (b &* 0xC2B2_AE3D_27D4_EB4F))
        h = SplitMix64.finalize(h ^ (c &* 0x1656_67B1_9E37_79F9))
        return SplitMix64.finalize(h ^ (d &* 0x27D4_EB2F_1656_67C5))
    }

    /// Uniform in [0, 1) for the tuple.
    static func unit(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0, _ d: UInt64 = 0) -> Double {
        Double(hash(a, b, c, d) >> 11) * 0x1.0p-53
    }

    /// Standard normal for the tuple.
    static func normal(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0, _ d: UInt64 = 0) -> Double {
        var g = SplitMix64(seed: hash(a, b, c, d))
        return g.normal()
    }
}

/// Salts that keep independent decisions about the same (channel, day) uncorrelated.
enum Salt {
    static let population: UInt64 = 0x5049_4F50
    static let streamsToday: UInt64 = 0x5441_4454
    static let startJitter: UInt64 = 0x4A49_5454
    static let length: UInt64 = 0x4C45_4E47
    static let game: UInt64 = 0x4741_4D45
    static let switches: UInt64 = 0x5357_4954
    static let title: UInt64 = 0x5449_544C
    static let noise: UInt64 = 0x4E4F_4953
    static let raid: UInt64 = 0x5241_4944
    static let visibility: UInt64 = 0x5649_5349
    static let names: UInt64 = 0x4E41_4D45
    static let rename: UInt64 = 0x5245_4E41
    static let games: UInt64 = 0x4341_5441
    static let release: UInt64 = 0x5245_4C45
    static let tieBreak: UInt64 = 0x5449_4542
    static let drift: UInt64 = 0x4452_4946
    static let faults: UInt64 = 0x4641_554C
    static let quirks: UInt64 = 0x5155_4952
    static let tokens: UInt64 = 0x544F_4B45
}
