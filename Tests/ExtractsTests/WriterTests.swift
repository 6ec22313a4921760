import Extracts
import Foundation
import Model
import Testing

@Suite struct WriterTests {
    @Test func decimalsRoundLikeCPrintfIncludingTies() {
        var rng = SplitMix64(seed: 20_260_307)
        for _ in 0..<20_000 {
            let x = Double(rng.next() % 10_000_000) / Double([1, 7, 64, 3600, 86_400, 1000][Int(rng.next() % 6)])
            #expect(Decimal3.fixed(x) == String(format: "%.3f", x), "\(x)")
        }
        #expect(Decimal3.fixed(1.5625) == "1.562")
        #expect(Decimal3.fixed(0.0625) == "0.062")
        #expect(Decimal3.fixed(2.0005) == String(format: "%.3f", 2.0005))
        #expect(Decimal3.trimmed(4) == "4.0")
        #expect(Decimal3.trimmed(200.5) == "200.5")
        #expect(Decimal3.fixed(0) == "0.000")
    }

    @Test func csvQuotesAndGuardsFormulas() {
        let w = CSVWriter(header: ["a", "b"])
        w.appendRow([.text("=SUM(A1)"), .text("say \"hi\", ok")])
        w.appendRow([.text("-5"), .plain("-5")])
        w.appendRow([.text("line\nbreak"), .text("@x")])
        #expect(w.text == "a,b\n'=SUM(A1),\"say \"\"hi\"\", ok\"\n'-5,-5\n\"line\nbreak\",'@x\n")
    }

    @Test func jsonEscapesControlsAndLineSeparators() {
        #expect(ScriptSafeJSON.quote("a\"b\\c\n\u{1}\u{2028}γ") == "\"a\\\"b\\\\c\\n\\u0001\\u2028γ\"")
    }

    @Test func jsonWritesOneObjectPerLine() {
        let table = ExtractTable<(String, Int)>(name: "t", columns: [
            .init("name") { r, w in w.text(r.0) },
            .init("count") { r, w in w.integer(r.1) },
        ])
        let json = String(decoding: table.json([("a", 1), ("b\"", 2)]), as: UTF8.self)
        #expect(json == "[\n{\"name\":\"a\",\"count\":1},\n{\"name\":\"b\\\"\",\"count\":2}\n]\n")
        #expect(String(decoding: table.json([]), as: UTF8.self) == "[]\n")
    }

    @Test func csvHeaderAndCellsComeFromTheSameColumns() {
        let table = ExtractTable<(String, Int?)>(name: "t", columns: [
            .init("name") { r, w in w.text(r.0) },
            .init("count") { r, w in w.optionalInteger(r.1) },
        ])
        #expect(String(decoding: table.csv([("=a", 1), ("b", nil)]), as: UTF8.self) == "name,count\n'=a,1\nb,\n")
        #expect(String(decoding: table.json([("b", nil)]), as: UTF8.self) == "[\n{\"name\":\"b\",\"count\":null}\n]\n")
    }

    @Test func wholeSecondsRoundHalfAwayFromZeroWithoutOverflow() {
        #expect(wholeSeconds(1_499) == 1)
        #expect(wholeSeconds(1_500) == 2)
        #expect(wholeSeconds(-1_499) == -1)
        #expect(wholeSeconds(-1_500) == -2)
        #expect(wholeSeconds(0) == 0)
        #expect(wholeSeconds(Int64.max) == Int64.max / 1000 + 1)
        #expect(wholeSeconds(Int64.min) == Int64.min / 1000 - 1)
    }
}
