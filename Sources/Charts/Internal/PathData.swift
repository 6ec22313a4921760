/// Builds compact `d` attributes: one decimal per coordinate, consecutive duplicates dropped,
/// one path with a sub-path per run.
enum PathData {
    /// Connected lines; a run of a single point becomes a dot (a zero-length stroke with round
    /// caps). A point straight above or below the previous one is written as a short "V".
    static func line(_ runs: [[PixelPoint]]) -> String {
        var d = ""
        for run in runs {
            var previous: (x: Int64, y: Int64)?
            var commands = 0
            for point in run {
                let x = Coordinate.tenths(point.x), y = Coordinate.tenths(point.y)
                if let previous {
                    if previous == (x, y) { continue }
                    if previous.x == x {
                        d += "V"
                        Coordinate.append(tenths: y, to: &d)
                    } else {
                        d += "L"
                        appendPair(x, y, to: &d)
                    }
                } else {
                    d += "M"
                    appendPair(x, y, to: &d)
                }
                previous = (x, y)
                commands += 1
            }
            if commands == 1 { d += "h0" }
        }
        return d
    }

    /// Each run filled down to `baseline`.
    static func area(_ runs: [[PixelPoint]], baseline: Double) -> String {
        var d = ""
        let base = Coordinate.tenths(baseline)
        for run in runs {
            guard let first = run.first, let last = run.last else { continue }
            d += "M"
            appendPair(Coordinate.tenths(first.x), base, to: &d)
            d += "L"
            var previous: (x: Int64, y: Int64)?
            for point in run {
                let x = Coordinate.tenths(point.x), y = Coordinate.tenths(point.y)
                if let previous {
                    if previous == (x, y) { continue }
                    d += " "
                }
                appendPair(x, y, to: &d)
                previous = (x, y)
            }
            d += " "
            appendPair(Coordinate.tenths(last.x), base, to: &d)
            d += "Z"
        }
        return d
    }

    private static func appendPair(_ x: Int64, _ y: Int64, to d: inout String) {
        Coordinate.append(tenths: x, to: &d)
        d += " "
        Coordinate.append(tenths: y, to: &d)
    }

    /// A band between an upper edge and a lower edge sampled at the same x positions.
    static func band(upper: [PixelPoint], lower: [PixelPoint]) -> String {
        let top = rounded(upper)
        let bottom = rounded(lower.reversed())
        guard let first = top.first else { return "" }
        return "M" + first + "L" + (top.dropFirst() + bottom).joined(separator: " ") + "Z"
    }

    /// Axis-aligned rectangles as one path.
    static func rectangles(_ rects: [(x: Double, y: Double, width: Double, height: Double)]) -> String {
        var d = ""
        for rect in rects where rect.width > 0 && rect.height > 0 {
            d += "M" + Coordinate.format(rect.x) + " " + Coordinate.format(rect.y)
            d += "h" + Coordinate.format(rect.width) + "v" + Coordinate.format(rect.height)
            d += "h-" + Coordinate.format(rect.width) + "Z"
        }
        return d
    }

    private static func rounded<S: Sequence>(_ points: S) -> [String] where S.Element == PixelPoint {
        var out: [String] = []
        for point in points {
            let text = Coordinate.format(point.x) + " " + Coordinate.format(point.y)
            if out.last != text { out.append(text) }
        }
        return out
    }
}
