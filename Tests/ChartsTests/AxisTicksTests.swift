import Testing
@testable import Charts

struct AxisTicksTests {
    @Test func nonNegativeDataGetsZeroBasedAxisWithOneTwoFiveSteps() {
        let ticks = AxisTicks.nice(min: 0, max: 1234)
        #expect(ticks.values == [0, 500, 1000, 1500])
        #expect(ticks.labels == ["0", "500", "1K", "1.5K"])
    }

    @Test(arguments: [
        (0.0, 7.0), (0, 13), (0, 99), (0, 101), (0, 1_000_000), (0, 0.37), (0, 12_345), (0, 3.2e9), (-40, 75),
    ])
    func tickCountStaysBetweenFourAndSix(min: Double, max: Double) {
        let ticks = AxisTicks.nice(min: min, max: max)
        #expect((4...6).contains(ticks.values.count))
        #expect(ticks.lower <= min && ticks.upper >= max)
        let mantissa = ticks.step / pow10(ticks.step)
        #expect([1, 2, 5].contains(mantissa.rounded()))
        #expect(Set(ticks.labels).count == ticks.labels.count)
    }

    @Test func fractionalStepsAreExactDecimals() {
        let ticks = AxisTicks.nice(min: 0, max: 0.7)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8])
        #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8"])
    }

    @Test func flatAndEmptyRangesStillGiveAnAxis() {
        #expect(AxisTicks.nice(min: 0, max: 0).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(AxisTicks.nice(min: 50, max: 50).lower == 0)
        #expect(AxisTicks.nice(min: .nan, max: .infinity).values.count >= 2)
    }

    @Test func narrowRangesInThousandsKeepLabelsDistinct() {
        let ticks = AxisTicks.nice(min: 123_400, max: 123_800)
        #expect(Set(ticks.labels).count == ticks.labels.count)
        #expect(ticks.labels.first == "123,400")
    }

    private func pow10(_ value: Double) -> Double {
        var scale = 1.0
        while scale * 10 <= value { scale *= 10 }
        while scale > value { scale /= 10 }
        return scale
    }
}
