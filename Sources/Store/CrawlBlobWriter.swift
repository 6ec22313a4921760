import GRDB

/// Gathers a write's rows per crawl and writes each crawl as one packed blob (`ObservationBlob`),
/// merged with what the crawl already holds.
final class CrawlBlobWriter {
    /// Rows gathered per crawl id, in arrival order, until they are merged and written.
    private var buffers: [Int64: [StoredObservation]] = [:]
    private var bufferedRows = 0
    private let readCrawl: FastStatement
    private let writeCrawl: FastStatement

    init(_ db: Database) throws {
        readCrawl = try FastStatement(db, "SELECT data FROM crawl_observations WHERE crawl = ?")
        writeCrawl = try FastStatement(db, "INSERT OR REPLACE INTO crawl_observations(crawl, count, data) VALUES (?, ?, ?)")
    }

    /// Gathers a row; true when enough are gathered that they should be written.
    func append(_ row: StoredObservation, to crawl: Int64) -> Bool {
        buffers[crawl, default: []].append(row)
        bufferedRows += 1
        return bufferedRows >= Self.flushRows
    }

    /// Gathers rows of one crawl at once, as `append` gathers each.
    func append(contentsOf rows: [StoredObservation], to crawl: Int64) -> Bool {
        buffers[crawl, default: []].append(contentsOf: rows)
        bufferedRows += rows.count
        return bufferedRows >= Self.flushRows
    }

    private static let flushRows = 4_000_000

    /// Merges each gathered crawl with what is stored (later sightings win) and writes it back;
    /// changes to stored crawls are reported to the late-data rule.
    func flush(_ crawls: CrawlRows, lateData: LateDataRule) throws -> (written: Int, unchanged: Int) {
        var written = 0
        var unchanged = 0
        let refs = crawls.byID()
        for (crawlID, rows) in buffers.sorted(by: { $0.key < $1.key }) {
            guard let ref = refs[crawlID] else { continue }
            var kept = LastSightings.lastPerStream(rows)
            if ref.stored {
                let (merged, changed) = LastSightings.merge(kept, over: try storedRows(crawlID))
                unchanged += kept.count - changed
                if changed == 0 { continue }
                lateData.noteChangedCrawl(ref)
                written += changed
                kept = merged
            } else {
                written += kept.count
            }
            writeCrawl.bind(1, crawlID)
            writeCrawl.bind(2, kept.count)
            writeCrawl.bind(3, blob: ObservationBlob.encode(kept))
            try writeCrawl.run()
            crawls.markStored(ref)
        }
        buffers.removeAll(keepingCapacity: true)
        bufferedRows = 0
        return (written, unchanged)
    }

    private func storedRows(_ crawlID: Int64) throws -> [StoredObservation] {
        readCrawl.bind(1, crawlID)
        defer { readCrawl.reset() }
        return try readCrawl.step() ? ObservationBlob.decodeAll(readCrawl.blob(0)) : []
    }
}
