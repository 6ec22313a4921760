import Foundation
import Site
import Testing

/// Streamed files (the extracts) are written past the page cache in whole blocks, with the last
/// partial block written the usual way: the bytes on disk must be exactly those handed over.
@Suite struct StagingTests {
    /// Bytes in uneven chunks: a direct buffer of 4 MB fills mid-chunk several times over.
    static func chunks(total: Int, seed: UInt8) -> (whole: Data, chunks: [[UInt8]]) {
        var bytes = [UInt8](repeating: 0, count: total)
        bytes.withUnsafeMutableBufferPointer { b in
            for i in b.indices { b[i] = UInt8(truncatingIfNeeded: i &* 31) &+ seed }
        }
        var result: [[UInt8]] = []
        var made = 0
        var size = 777_777
        while made < total {
            let n = min(size, total - made)
            result.append(Array(bytes[made..<made + n]))
            made += n
            size = size * 3 % 1_900_000 + 1
        }
        return (Data(bytes), result)
    }

    static func stream(_ chunks: [[UInt8]], to staging: SiteStaging, _ path: String) throws {
        try staging.write(path) { emit in
            for chunk in chunks { try chunk.withUnsafeBytes { try emit($0) } }
        }
    }

    @Test(arguments: [0, 1, 4095, 4 << 20, (4 << 20) + 1, 13_000_003])
    func streamedFileHoldsExactlyTheBytesHandedOver(size: Int) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let staging = try SiteStaging(output: root.appendingPathComponent("site"), keepPublished: false)
        let (whole, chunks) = Self.chunks(total: size, seed: 7)
        try Self.stream(chunks, to: staging, "data/big.json")
        let written = try Data(contentsOf: staging.staging.appendingPathComponent("data/big.json"))
        #expect(written == whole)
        #expect(staging.changedFiles == 1)
    }

    @Test func largeFileWithTheSameBytesIsLeftAloneAndOtherBytesReplaceIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let first = Self.chunks(total: 9_000_001, seed: 1).chunks
        let staging = try SiteStaging(output: output, keepPublished: true)
        try Self.stream(first, to: staging, "data/big.csv")
        #expect(try staging.publish())

        let again = try SiteStaging(output: output, keepPublished: true)
        try Self.stream(first, to: again, "data/big.csv")
        #expect(again.changedFiles == 0)
        #expect(try !again.publish())

        let (otherWhole, other) = Self.chunks(total: 9_000_001, seed: 2)
        let third = try SiteStaging(output: output, keepPublished: true)
        try Self.stream(other, to: third, "data/big.csv")
        #expect(third.changedFiles == 1)
        #expect(try third.publish())
        #expect(try Data(contentsOf: output.appendingPathComponent("data/big.csv")) == otherWhole)
    }
}
