import Testing
@testable import Charts

@Suite struct PathDataTests {
    @Test func coordinatesHaveOneDecimalAndNoNegativeZero() {
        #expect(Coordinate.format(12.34) == "12.3")
        #expect(Coordinate.format(12.0) == "12")
        #expect(Coordinate.format(-0.04) == "0")
        #expect(Coordinate.format(-0.05) == "-0.1")
        #expect(Coordinate.format(0.95) == "1")
        #expect(Coordinate.format(1_234_567.89) == "1234567.9")
        #expect(Coordinate.format(.nan) == "0")
        #expect(Coordinate.format(.infinity) == "0")
    }

    @Test func linesDropPointsWrittenTheSameAndGoStraightUpWithV() {
        let run = [PixelPoint(x: 0, y: 0), PixelPoint(x: 0.04, y: 0.01), PixelPoint(x: 0, y: 5),
                   PixelPoint(x: 10.25, y: 5)]
        #expect(PathData.line([run, [PixelPoint(x: 20, y: 1)]]) == "M0 0V5L10.3 5M20 1h0")
    }

    @Test func areasCloseDownToTheBaseline() {
        let run = [PixelPoint(x: 1, y: 2), PixelPoint(x: 1.01, y: 2.02), PixelPoint(x: 3, y: 4)]
        #expect(PathData.area([run, []], baseline: 10) == "M1 10L1 2 3 4 3 10Z")
    }
}
