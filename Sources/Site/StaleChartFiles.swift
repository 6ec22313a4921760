import Foundation

/// The chart files (`ChartFiles`) a page no longer has. The staging folder starts from the
/// published site, so when a page is rendered with fewer charts than before, its old
/// `chart-N.csv` files with higher N would stay beside it, linked from nothing.
///
/// Every page with charts is the `index.html` of its own folder, so a page written in this build
/// owns exactly the chart files written beside it in this build; the other chart files in its
/// folder are stale. Folders whose page was not rendered in this build keep theirs.
final class StaleChartFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var pageFolders: Set<String> = []
    private var written: Set<String> = []

    /// Notes a file written in this build; called from several threads at once.
    func note(_ path: String) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let name = slash.map { path[path.utf8.index(after: $0)...] } ?? path[...]
        if name == "index.html" {
            let folder = slash.map { String(path[..<$0]) } ?? ""
            lock.withLock { _ = pageFolders.insert(folder) }
        } else if ChartFiles.isChartFile(name) {
            lock.withLock { _ = written.insert(path) }
        }
    }

    /// Removes, beside every page written in this build, the chart files it did not write.
    func remove(from staging: SiteStaging) throws {
        let (folders, written) = lock.withLock { (pageFolders, self.written) }
        for folder in folders.sorted() {
            for name in staging.list(folder) where ChartFiles.isChartFile(name) {
                let path = folder.isEmpty ? name : folder + "/" + name
                if !written.contains(path) { try staging.remove(path) }
            }
        }
    }
}
