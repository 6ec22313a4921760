import Foundation

/// Sizes of the HTML pages of a built site, for the weight budget (median ≤ 60 KB, none over
/// 400 KB) and the benchmark's report.
public struct PageSizes: Sendable, Equatable {
    public var pages: Int
    public var medianBytes: Int
    public var maxBytes: Int
    /// The largest page, relative to the site folder.
    public var largest: String
    public var totalBytes: Int

    /// Measures every `.html` file under `site`.
    public static func measure(site: URL) -> PageSizes {
        var sizes: [(path: String, bytes: Int)] = []
        let root = site.standardizedFileURL.path
        if let walker = FileManager.default.enumerator(atPath: root) {
            while let relative = walker.nextObject() as? String {
                guard relative.hasSuffix(".html") else { continue }
                let attributes = try? FileManager.default.attributesOfItem(atPath: root + "/" + relative)
                sizes.append((relative, (attributes?[.size] as? NSNumber)?.intValue ?? 0))
            }
        }
        guard !sizes.isEmpty else { return PageSizes(pages: 0, medianBytes: 0, maxBytes: 0, largest: "", totalBytes: 0) }
        let sorted = sizes.map(\.bytes).sorted()
        let largest = sizes.max { ($0.bytes, $1.path) < ($1.bytes, $0.path) }!
        return PageSizes(
            pages: sizes.count, medianBytes: sorted[sorted.count / 2], maxBytes: largest.bytes, largest: largest.path,
            totalBytes: sorted.reduce(0, +))
    }
}
