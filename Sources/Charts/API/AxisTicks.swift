/// Evenly spaced "nice" values for a numeric axis: steps of 1, 2 or 5 × 10^n.
public struct AxisTicks: Sendable, Equatable {
    /// The tick values, ascending; the first and last bound the axis.
    public let values: [Double]
    /// The distance between neighbouring ticks.
    public let step: Double
    /// Tick labels, one per value, distinct from each other.
    public let labels: [String]

    public var lower: Double { values[0] }
    public var upper: Double { values[values.count - 1] }

    /// Ticks covering `min...max` with the smallest 1/2/5 step that needs at most `count` + 1
    /// ticks; for the usual `count` of 5 that is 4 to 6 ticks. Data that starts at zero gets a
    /// zero-based axis. An empty range widens to include zero (or to 0...1 when it is zero).
    public static func nice(min: Double, max: Double, count: Int = 5) -> AxisTicks {
        var low = min.isFinite ? min : 0
        var high = max.isFinite ? max : 0
        if low > high { swap(&low, &high) }
        if low == high {
            if low > 0 { low = 0 } else if low < 0 { high = 0 } else { high = 1 }
        }
        let target = Swift.max(2, count)
        var exponent = log10Floor((high - low) / Double(target)) - 1
        while true {
            for mantissa in [1, 2, 5] {
                let step = Decimal10(mantissa: mantissa, exponent: exponent)
                let first = Int((low / step.value + 1e-9).rounded(.down))
                let last = Int((high / step.value - 1e-9).rounded(.up))
                if last - first + 1 <= target + 1 {
                    let values = (first...last).map { step.multiple($0) }
                    return AxisTicks(values: values, step: step.value, labels: labels(values, step: step))
                }
            }
            exponent += 1
        }
    }

    /// Compact labels ("1.2K") when the axis reaches the thousands and they stay distinct;
    /// otherwise plain numbers with as many decimals as the step needs.
    private static func labels(_ values: [Double], step: Decimal10) -> [String] {
        let decimals = Swift.max(0, -step.exponent)
        let largest = values.map { Swift.abs($0) }.max() ?? 0
        if largest >= 1000 {
            let compact = values.map(NumberFormat.compact)
            if Set(compact).count == compact.count { return compact }
            return values.map { NumberFormat.grouped($0, decimals: decimals) }
        }
        return values.map { NumberFormat.fixed($0, decimals: decimals) }
    }

    /// floor(log10(x)) for positive x, by counting instead of calling libm.
    private static func log10Floor(_ x: Double) -> Int {
        guard x > 0 && x.isFinite else { return 0 }
        var exponent = 0
        var scale = 1.0
        while scale * 10 <= x { scale *= 10; exponent += 1 }
        while scale > x { scale /= 10; exponent -= 1 }
        return exponent
    }
}
