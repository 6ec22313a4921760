import Model

/// Tags arrive as a JSON array, as null, empty, or in the old pipeline's Python-list form
/// (`['English', "Let's Play"]`). All become one canonical JSON array text.
enum TagList {
    static func parse(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        var i = 0
        func skipSpace() { while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 } }
        skipSpace()
        if i == bytes.count { return [] }
        if bytes[i...].elementsEqual("null".utf8) || bytes[i...].elementsEqual("None".utf8) { return [] }
        guard bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var tags: [String] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            skipSpace()
            return i == bytes.count ? [] : nil
        }
        while i < bytes.count {
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x22 || bytes[i] == 0x27 else { return nil }
            let quote = bytes[i]
            i += 1
            var value: [UInt8] = []
            if quote == 0x22 {
                // A JSON string (also how Python writes a tag holding an apostrophe).
                guard let end = try? bytes.withUnsafeBufferPointer({ (b) throws(JSONStringDecoder.Failure) -> Int in
                    try JSONStringDecoder.decode(b, from: i, into: &value)
                }) else { return nil }
                i = end
            } else {
                // Python's single-quoted form: a backslash keeps the next character, `\n` and `\t` aside.
                while i < bytes.count, bytes[i] != quote {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                        i += 1
                        switch bytes[i] {
                        case UInt8(ascii: "n"): value.append(0x0A)
                        case UInt8(ascii: "t"): value.append(0x09)
                        default: value.append(bytes[i])
                        }
                    } else {
                        value.append(bytes[i])
                    }
                    i += 1
                }
                guard i < bytes.count else { return nil }
                i += 1
            }
            tags.append(String(decoding: value, as: UTF8.self))
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                return i == bytes.count ? tags : nil
            }
            return nil
        }
        return nil
    }

    static func json(_ tags: [String]) -> String { MinimalJSON.array(of: tags) }
}
