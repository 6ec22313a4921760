import Testing
@testable import Charts

struct NumberFormatTests {
    @Test(arguments: [
        (950.0, "950"), (0, "0"), (12.34, "12.3"), (999, "999"), (1000, "1K"), (1234, "1.2K"),
        (12_345, "12.3K"), (99_950, "100K"), (123_456, "123K"), (999_999, "1M"), (3_400_000, "3.4M"),
        (2.5e9, "2.5B"), (7.2e12, "7.2T"), (-1234, "-1.2K"), (-950, "-950"), (-0.01, "0"),
    ])
    func compactUsesSuffixesWithOneDecimalBelowHundred(value: Double, expected: String) {
        #expect(NumberFormat.compact(value) == expected)
    }

    @Test func compactAcceptsIntegers() {
        #expect(NumberFormat.compact(1234) == "1.2K")
        #expect(NumberFormat.compact(Int64(-3_400_000)) == "-3.4M")
    }

    @Test func nonFiniteValuesReadAsDash() {
        #expect(NumberFormat.compact(.nan) == "—")
        #expect(NumberFormat.grouped(.infinity) == "—")
        #expect(NumberFormat.percent(.nan) == "—")
    }

    @Test func groupedSeparatesThousandsWithCommas() {
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(-1_234) == "-1,234")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.grouped(0) == "0")
        #expect(NumberFormat.grouped(1_234_567.6) == "1,234,568")
        #expect(NumberFormat.grouped(1234.5, decimals: 1) == "1,234.5")
        #expect(NumberFormat.grouped(-0.04, decimals: 1) == "0.0")
        #expect(NumberFormat.grouped(Int64.min) == "-9,223,372,036,854,775,808")
    }

    @Test func fixedAndPercentRoundHalfAwayFromZero() {
        #expect(NumberFormat.fixed(0.125, decimals: 2) == "0.13")
        #expect(NumberFormat.fixed(-2.5, decimals: 0) == "-3")
        #expect(NumberFormat.fixed(3, decimals: 1) == "3.0")
        #expect(NumberFormat.percent(0.4251) == "42.5%")
        #expect(NumberFormat.percent(1, decimals: 0) == "100%")
    }
}
