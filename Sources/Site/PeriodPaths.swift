import Metrics

/// Where the pages of periods live.
public enum PeriodPaths {
    public static let index = "periods/index.html"

    /// `months/2026-03/index.html`, `years/2026/index.html`, `rollups/30d/index.html`.
    public static func page(_ p: Period) -> String {
        switch p.kind {
        case .month: return "months/\(p.name)/index.html"
        case .year: return "years/\(p.name)/index.html"
        case .window(let days): return "rollups/\(days)d/index.html"
        }
    }
}
