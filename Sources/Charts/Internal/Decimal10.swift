/// mantissa × 10^exponent, with multiples computed so that 3 × 0.1 is 0.3 and not 0.30000000000000004.
struct Decimal10 {
    let mantissa: Int
    let exponent: Int

    var value: Double { multiple(1) }

    func multiple(_ index: Int) -> Double {
        var scale = 1.0
        for _ in 0..<Swift.abs(exponent) { scale *= 10 }
        let units = Double(index * mantissa)
        return exponent >= 0 ? units * scale : units / scale
    }
}
