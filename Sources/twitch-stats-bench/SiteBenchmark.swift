import Foundation
import Site

/// Page weight of a built site against the targets (median ≤ 60 KB, none over 400 KB).
enum SiteBenchmark {
    static func report(site: URL) {
        let sizes = PageSizes.measure(site: site)
        figure("pages", grouped(Double(sizes.pages)))
        figure("median page", String(format: "%.1f KB", Double(sizes.medianBytes) / 1024), target: "≤ 60 KB",
               ok: sizes.medianBytes <= 60 * 1024)
        figure("largest page (\(sizes.largest))", String(format: "%.1f KB", Double(sizes.maxBytes) / 1024),
               target: "≤ 400 KB", ok: sizes.maxBytes <= 400 * 1024)
    }
}
