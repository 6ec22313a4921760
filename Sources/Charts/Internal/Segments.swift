/// Splits a series into runs that are drawn connected: a run ends at a nil or non-finite value
/// and wherever two neighbouring points are more than `maxGap` milliseconds apart.
enum Segments {
    struct Sample: Equatable {
        let x: Int64
        let y: Double
    }

    /// Points sorted by time (ties keep their input order), with non-finite values as nil.
    static func sorted(_ points: [Series.Point]) -> [Series.Point] {
        // Series almost always come in time order: then only the values need checking.
        if zip(points, points.dropFirst()).allSatisfy({ $0.x <= $1.x }) {
            return points.map { Series.Point(x: $0.x, y: $0.y.flatMap { $0.isFinite ? $0 : nil }) }
        }
        return points.enumerated()
            .sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }
            .map { Series.Point(x: $0.element.x, y: $0.element.y.flatMap { $0.isFinite ? $0 : nil }) }
    }

    static func split(_ points: [Series.Point], maxGap: Int64?) -> [[Sample]] {
        var runs: [[Sample]] = []
        var current: [Sample] = []
        for point in sorted(points) {
            guard let y = point.y else {
                if !current.isEmpty { runs.append(current); current = [] }
                continue
            }
            if let last = current.last, let maxGap, point.x - last.x > maxGap {
                runs.append(current)
                current = []
            }
            current.append(Sample(x: point.x, y: y))
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
