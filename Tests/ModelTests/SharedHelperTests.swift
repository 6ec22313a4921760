import Model
import Testing

/// The helpers every module shares: each has one copy, so these pin what all its users get.
@Suite struct SharedHelperTests {
    @Test func fnv1aMatchesThePublishedTestVectors() {
        var empty = FNV1a()
        #expect(empty.value == 0xcbf2_9ce4_8422_2325)
        empty.add("")
        #expect(empty.paddedHex == "cbf29ce484222325")
        var a = FNV1a()
        a.add("a")
        #expect(a.value == 0xaf63_dc4c_8601_ec8c)
        var foobar = FNV1a()
        foobar.add("foobar")
        #expect(foobar.value == 0x8594_4171_f739_67e8)
    }

    @Test func fnv1aFieldsHashApartWhereTheirConcatenationsAgree() {
        var first = FNV1a(), second = FNV1a()
        first.addField("ab"); first.addField("c")
        second.addField("a"); second.addField("bc")
        #expect(first.value != second.value)
    }

    @Test func paddedHexKeepsLeadingZeros() {
        // FNV-1a of these bytes happens to start with a zero nibble; the hex keeps sixteen digits.
        var hash = FNV1a()
        var text = 0
        repeat {
            hash = FNV1a()
            hash.add(String(text))
            text += 1
        } while hash.value >> 60 != 0
        #expect(hash.paddedHex.count == 16 && hash.paddedHex.hasPrefix("0"))
    }

    @Test func thousandsAreGroupedWithCommas() {
        #expect(groupedByThousands(0) == "0")
        #expect(groupedByThousands(999) == "999")
        #expect(groupedByThousands(1_000) == "1,000")
        #expect(groupedByThousands(34_000) == "34,000")
        #expect(groupedByThousands(1_234_567) == "1,234,567")
        #expect(groupedByThousands(-1_000) == "-1,000")
        #expect(groupedByThousands(Int64.min) == "-9,223,372,036,854,775,808")
    }

    @Test func splitMix64GivesTheReferenceSequence() {
        // The first outputs of Vigna's splitmix64.c seeded with 0.
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xe220_a839_7b1d_cdaf)
        #expect(rng.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(SplitMix64.finalize(0x9E37_79B9_7F4A_7C15) == 0xe220_a839_7b1d_cdaf)
    }

    @Test func statusLineRewritesItselfAndErasesOnlyWhatItShowed() {
        var written: [String] = []
        let line = StatusLine(minimumInterval: 0) { written.append($0) }
        line.finish()
        line.update("importing a.ndjson: 1,000 rows")
        line.update("importing a.ndjson: 2,000 rows")
        line.finish()
        line.finish()
        #expect(written == [
            "\r\u{1B}[Kimporting a.ndjson: 1,000 rows", "\r\u{1B}[Kimporting a.ndjson: 2,000 rows", "\r\u{1B}[K",
        ])
    }

    @Test func statusLineDropsUpdatesThatComeTooSoon() {
        var written: [String] = []
        // An interval no test outlives: only the first update shows.
        let line = StatusLine(minimumInterval: 86_400_000) { written.append($0) }
        line.update("first")
        line.update("second")
        #expect(written == ["\r\u{1B}[Kfirst"])
    }

    @Test func htmlSafeJSONEscapesLikeGo() {
        #expect(HTMLSafeJSON.quoted("<b>\"a\"&\\\n\u{1}\u{2028}\u{2029}γ") == #""\u003cb\u003e\"a\"\u0026\\\n\u0001\u2028\u2029γ""#)
        #expect(HTMLSafeJSON.quoted("plain") == "\"plain\"")
        // 0xE2 leads other characters too (an en dash): those stay as they are.
        #expect(HTMLSafeJSON.quoted("a–b") == "\"a–b\"")
    }

    @Test func minimalJSONEscapesOnlyWhatJSONRequires() {
        #expect(MinimalJSON.quoted("<b>&\u{2028}\"\n") == "\"<b>&\u{2028}\\\"\\n\"")
    }

    func decode(_ body: String) throws(JSONStringDecoder.Failure) -> (text: String, end: Int) {
        let bytes = Array(body.utf8)
        var out: [UInt8] = []
        let end = try bytes.withUnsafeBufferPointer { (b) throws(JSONStringDecoder.Failure) -> Int in
            try JSONStringDecoder.decode(b, from: 0, into: &out)
        }
        return (String(decoding: out, as: UTF8.self), end)
    }

    @Test func jsonStringsDecodeEveryEscape() throws {
        let decoded = try decode(#"a\"b\\c\/d\b\f\n\r\t\u00e1\u03B3\ud83d\ude00" rest"#)
        #expect(decoded.text == "a\"b\\c/d\u{8}\u{C}\n\r\táγ😀")
        #expect(decoded.end == 45)
        #expect(try decode(#"plain"x"#) == ("plain", 6))
    }

    @Test func unpairedSurrogatesBecomeTheReplacementCharacter() throws {
        #expect(try decode(#"\ud83dx""#).text == "\u{FFFD}x")
        #expect(try decode(#"\ud83d\u0041""#).text == "\u{FFFD}A")
        #expect(try decode(#"\ude00""#).text == "\u{FFFD}")
    }

    @Test func brokenJSONStringsSayWhatAndWhere() {
        #expect(throws: JSONStringDecoder.Failure(.unknownEscape, at: 3)) { try decode(#"ab\qc""#) }
        #expect(throws: JSONStringDecoder.Failure(.badUnicodeEscape, at: 1)) { try decode(#"\u12g4""#) }
        #expect(throws: JSONStringDecoder.Failure(.badUnicodeEscape, at: 1)) { try decode(#"\u12"#) }
        #expect(throws: JSONStringDecoder.Failure(.unterminated, at: 0)) { try decode(#"abc"#) }
        #expect(throws: JSONStringDecoder.Failure(.unterminated, at: 0)) { try decode(#"abc\"#) }
    }
}
