/// A small, fast, seeded generator (Vigna's SplitMix64): the same seed gives the same draws on
/// every platform and run, which Swift's `SystemRandomNumberGenerator` and `Hasher` do not. The
/// simulated world and the synthetic data are made from it.
///
/// Inlinable: the simulator draws from it for every stream of every page it serves.
@frozen
public struct SplitMix64: RandomNumberGenerator {
    @usableFromInline var state: UInt64

    @inlinable public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalize(state)
    }

    /// SplitMix64's output function: mixes one 64-bit value into a uniformly distributed one.
    @inlinable
    public static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
