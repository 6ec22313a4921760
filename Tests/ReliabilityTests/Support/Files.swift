import Foundation
import Pipeline
import SyntheticData
import TestSupport

/// Every file under a folder by relative path (hidden ones included); empty when it is missing.
func siteFiles(_ root: URL) async throws -> [String: Data] {
    try await onDedicatedThread { filesUnder(root) }
}

/// How two versions of a site differ, for failure messages: a few paths of each kind.
func siteDifference(_ a: [String: Data], _ b: [String: Data]) -> String {
    let onlyA = Set(a.keys).subtracting(b.keys).sorted()
    let onlyB = Set(b.keys).subtracting(a.keys).sorted()
    let changed = Set(a.keys).intersection(b.keys).filter { a[$0] != b[$0] }.sorted()
    return "only in first: \(onlyA.prefix(5)) (\(onlyA.count)); only in second: \(onlyB.prefix(5)) (\(onlyB.count)); "
        + "different: \(changed.prefix(5)) (\(changed.count))"
}

/// Extract files (`data/…`) of a site.
func extracts(_ files: [String: Data]) -> [String: Data] { files.filter { $0.key.hasPrefix("data/") } }

/// Copies a folder tree (missing source: nothing).
func copyTree(_ source: URL, to destination: URL) async throws {
    try await onDedicatedThread {
        try? FileManager.default.removeItem(at: destination)
        if FileManager.default.fileExists(atPath: source.path) {
            try FileManager.default.copyItem(at: source, to: destination)
        }
    }
}

/// Synthetic crawls as NDJSON import files (deterministic for a seed): `parts` files of `crawls`
/// crawls each, one after the other in time, of the same streams.
enum SyntheticFile {
    static func ndjson(streams: Int, crawls: Int, intervalMinutes: Int, start: Int64, seed: UInt64, parts: Int = 1) async throws -> [Data] {
        try await onDedicatedThread { generate(streams: streams, crawls: crawls, intervalMinutes: intervalMinutes, start: start, seed: seed, parts: parts) }
    }

    private static func generate(streams: Int, crawls: Int, intervalMinutes: Int, start: Int64, seed: UInt64, parts: Int) -> [Data] {
        var twitch = SyntheticTwitch(liveStreams: streams, crawlIntervalMs: Int64(intervalMinutes) * 60_000, start: start, seed: seed)
        return (0..<parts).map { _ in
            var text = ""
            for _ in 0..<crawls {
                for o in twitch.nextCrawl().observations { text += NDJSONLine.line(o) }
            }
            return Data(text.utf8)
        }
    }
}
