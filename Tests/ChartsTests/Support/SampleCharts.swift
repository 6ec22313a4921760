import Foundation
@testable import Charts

/// Representative charts built from fixed, platform-independent data (an integer LCG, no libm),
/// shared by the golden, determinism and escaping tests.
enum SampleCharts {
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let hostile = "<script>alert(\"x\")</script> & 'q' \u{202E}evil\u{202C} 😀\u{0001}"

    /// UTC instant in milliseconds.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
        Int64(LocalTime.days(year: year, month: month, day: day)) * 86_400_000
            + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
    }

    /// Deterministic pseudo-random numbers in 0..<bound.
    struct Noise {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Viewers every 5 minutes across the DST day in New York, with an outage and a missing crawl.
    static func viewers(seed: UInt64, base: Int, name: String) -> Series {
        var noise = Noise(state: seed)
        let start = utc(2026, 3, 8, 5)  // local midnight, EST
        var points: [Series.Point] = []
        for step in 0..<(23 * 12) {
            let time = start + Int64(step) * 300_000
            if (100..<130).contains(step) { continue }  // outage: a gap longer than maxGap
            let hourOfDay = step / 12
            let wave = hourOfDay < 12 ? hourOfDay : 23 - hourOfDay
            let value: Double? = step == 40 ? nil : Double(base + wave * base / 6 + noise.next(base / 5 + 1))
            points.append(Series.Point(x: time, y: value))
        }
        return Series(name: name, points: points)
    }

    static var timeSeries: TimeSeriesChart {
        TimeSeriesChart(
            title: "Viewers on Mar 8", description: "Concurrent viewers every 5 minutes; no data during the outage.",
            series: [viewers(seed: 1, base: 1200, name: "alice"), viewers(seed: 2, base: 700, name: "bob")],
            timeZone: newYork, maxGap: 15 * 60_000, yLabel: "viewers", style: .area)
    }

    static var ranking: BarChart {
        let names = ["alice", "bob_the_streamer", "Ĉarlie", hostile, "مرحبا", "a_very_long_channel_name_that_goes_on_and_on"]
        let bars = names.enumerated().map { index, name in
            BarChart.Bar(label: name, value: Double(2_500_000 / (index + 1) + index * 37))
        }
        return BarChart(title: "Top channels", description: "Hours watched in March 2026.", bars: bars,
                        orientation: .horizontal, valueLabel: "hours watched", labelHeader: "Channel")
    }

    static var daily: BarChart {
        var noise = Noise(state: 7)
        let bars = (1...31).map { day in
            BarChart.Bar(label: TimeFormat.day(utc(2026, 3, day, 12), timeZone: newYork),
                         value: Double(40_000 + noise.next(20_000)))
        }
        return BarChart(title: "Hours watched per day", description: "March 2026, New York days.", bars: bars,
                        orientation: .vertical, valueLabel: "hours watched", labelHeader: "Day")
    }

    static var sparkline: Sparkline {
        var noise = Noise(state: 11)
        let values: [Double?] = (0..<30).map { $0 == 12 ? nil : Double(800 + noise.next(600)) }
        let days = (0..<30).map { TimeFormat.day(utc(2026, 3, 1, 12) + Int64($0) * 86_400_000, timeZone: newYork) }
        return Sparkline(label: "Viewers, last 30 days", values: values, pointLabels: days, unit: "viewers")
    }

    static func languageShares(days: Int = 21) -> [Series] {
        var noise = Noise(state: 3)
        let names = ["English", "Spanish", "German", "Japanese", "Other"]
        var series = names.map { Series(name: $0, points: []) }
        for day in 0..<days {
            let time = utc(2026, 3, 1 + day, 5) - (day >= 8 ? 3_600_000 : 0)  // local midnight before/after DST
            for index in names.indices {
                series[index].points.append(Series.Point(x: time, y: Double((5 - index) * 1000 + noise.next(800))))
            }
        }
        return series
    }

    static var shareBars: StackedShareChart {
        StackedShareChart(title: "Languages", description: "Share of hours watched per day by language.",
                          series: languageShares(), timeZone: newYork, style: .bars, unit: "hours watched")
    }

    static var shareAreas: StackedShareChart {
        StackedShareChart(title: "Languages", description: "Share of hours watched per day by language.",
                          series: languageShares(), timeZone: newYork, style: .areas, unit: "hours watched")
    }
}
