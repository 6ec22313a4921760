/// Thins long runs for drawing: each whole-unit column keeps only its lowest and highest point,
/// in their original order and moved onto the column's left edge, so peaks and dips survive
/// while the path needs two short commands per column.
enum Simplifier {
    /// Series with more points than this are thinned; shorter ones are drawn as given.
    static let threshold = 1500

    static func columns(_ run: [PixelPoint]) -> [PixelPoint] {
        var kept: [PixelPoint] = []
        var start = 0
        while start < run.count {
            let column = run[start].x.rounded(.down)
            var end = start
            var lowest = start
            var highest = start
            while end + 1 < run.count && run[end + 1].x.rounded(.down) == column {
                end += 1
                if run[end].y < run[lowest].y { lowest = end }
                if run[end].y > run[highest].y { highest = end }
            }
            kept.append(PixelPoint(x: column, y: run[Swift.min(lowest, highest)].y))
            if lowest != highest {
                kept.append(PixelPoint(x: column, y: run[Swift.max(lowest, highest)].y))
            }
            start = end + 1
        }
        return kept
    }
}
