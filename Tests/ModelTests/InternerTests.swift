import Model
import Testing

@Suite struct InternerTests {
    /// Numbers in order of first appearance, whatever the strings, through many growths of the
    /// table, and the same whether a string comes as text or as its UTF-8 bytes.
    @Test func givesEachStringTheNumberOfItsFirstAppearance() {
        var rng = SplitMix64(seed: 7)
        var interner = Interner()
        var reference: [String: Int32] = [:]
        var order: [String] = []
        let shapes: [(inout SplitMix64) -> String] = [
            { String($0.next() % 5_000) },
            { "user_\($0.next() % 300)_é" },
            { String(repeating: "x", count: Int($0.next() % 40)) },
            { _ in "" },
            { "日本語\($0.next() % 50)" },
        ]
        for step in 0..<60_000 {
            let text = shapes[Int(rng.next() % UInt64(shapes.count))](&rng)
            let expected = reference[text] ?? Int32(order.count)
            if reference[text] == nil {
                reference[text] = expected
                order.append(text)
            }
            let got = step % 2 == 0
                ? interner.index(text)
                : Array(text.utf8).withUnsafeBytes { interner.index(utf8: $0) }
            #expect(got == expected, "\(text)")
        }
        #expect(interner.values == order)
        #expect(interner.existing("not interned") == nil)
        #expect(interner.existing(order[3]) == 3)
    }

    /// Bytes that are not UTF-8 stand for the text `String(decoding:)` makes of them: one number.
    @Test func bytesThatAreNotUTF8MeanTheirRepairedText() {
        var interner = Interner()
        let broken: [UInt8] = [0x61, 0xff, 0x62]
        let a = broken.withUnsafeBytes { interner.index(utf8: $0) }
        let b = interner.index(String(decoding: broken, as: UTF8.self))
        let c = broken.withUnsafeBytes { interner.index(utf8: $0) }
        #expect(a == b && b == c)
        #expect(interner.count == 1)
    }
}
