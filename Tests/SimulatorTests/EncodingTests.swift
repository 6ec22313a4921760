import Foundation
import Model
import Testing
@testable import Simulator

/// The server's hand-made encodings: kept stream text and cursors.
@Suite struct EncodingTests {
    /// Pages built from kept fragments must be byte for byte what building every record afresh
    /// gives, across the events that change a stream's text: login renames, the Counter-Strike
    /// and Definitive Edition renames, mid-stream title changes and category switches.
    @Test func keptStreamTextMatchesFreshRecordsOverDays() {
        let epoch: Millis = 1_772_841_600_000
        let world = World(seed: 7, streams: 300, epoch: epoch)
        let fragments = StreamFragments(world: world)
        var t = epoch
        var pages = 0
        while t < epoch + 4 * 86_400_000 {
            let entries = world.snapshot(at: t).entries
            for start in stride(from: 0, to: entries.count, by: 100) {
                let slice = Array(entries[start..<min(entries.count, start + 100)])
                let kept = fragments.page(slice, at: t, cursor: "c")
                let fresh = HelixJSON.streamsPage(slice.map { world.record($0, at: t) }, cursor: "c")
                #expect(kept == fresh, "page at \(t), offset \(start)")
                pages += 1
            }
            t += 23 * 60_000  // not a divisor of an hour or a day, so changes fall between pages
        }
        #expect(pages > 200)
    }

    @Test func cursorsRoundTripAndRejectWhatThisServerDidNotIssue() {
        for (offset, crawl) in [(0, UInt64(1)), (100, 42), (123_400, UInt64.max / 3)] {
            let text = Cursor(offset: offset, crawl: crawl).encoded(seed: 9)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Cursor.decode(text, seed: 9) == Cursor(offset: offset, crawl: crawl))
            #expect(Cursor.decode(text, seed: 10) == nil)
            #expect(Cursor.decode(String(text.dropLast(2)), seed: 9) == nil)
        }
        #expect(Cursor.decode("IA", seed: 9) == nil)
        #expect(Cursor.decode("", seed: 9) == nil)
        #expect(Cursor.decode("not base64!", seed: 9) == nil)
    }

    @Test func base64URLAgreesWithFoundation() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected)
            #expect(Base64URL.decode(expected) == bytes)
        }
    }

    @Test func integersAreWrittenAsDecimalText() {
        var j = JSONPageWriter()
        for v in [0, 7, -7, 10, 999, Int.max, Int.min + 1] {
            j.int(v)
            j.comma()
        }
        j.int(Int32.min)
        #expect(String(decoding: j.bytes, as: UTF8.self)
            == "0,7,-7,10,999,\(Int.max),\(Int.min + 1),\(Int32.min)")
    }
}
