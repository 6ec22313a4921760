/// Maps a data interval onto a pixel interval.
struct LinearScale {
    let domainLow: Double
    let domainHigh: Double
    let rangeLow: Double
    let rangeHigh: Double

    func callAsFunction(_ value: Double) -> Double {
        let span = domainHigh - domainLow
        guard span != 0 else { return (rangeLow + rangeHigh) / 2 }
        return rangeLow + (value - domainLow) / span * (rangeHigh - rangeLow)
    }
}
