/// Logins and display names. A login is a seeded permutation of the channel index (plus the
/// rename generation) spelled in consonant–vowel syllables, so no two channels ever share one,
/// followed by a decoration that starts with `_` or a digit and so cannot blur that spelling.
struct ChannelNames: Sendable {
    let seed: UInt64
    private static let space: UInt64 = 1 << 22
    private static let consonants = Array("bcdfghjklmnprstvwxyz".utf8)
    private static let vowels = Array("aeiou".utf8)
    private static let decorations = ["_tv", "_live", "_gg", "_ttv", "_official", "_plays", "_x"]

    func login(channel c: Int, generation g: Int) -> String {
        let multiplier: UInt64 = 2_654_435_761
        let permuted = (UInt64(c) &* multiplier &+ seed) % Self.space
        var value = permuted + Self.space * UInt64(g) + 10_000
        var syllables: [UInt8] = []
        while value > 0 {
            let s = Int(value % 100)
            syllables.append(Self.consonants[s / 5])
            syllables.append(Self.vowels[s % 5])
            value /= 100
        }
        let h = Mix.hash(seed, Salt.names, UInt64(c), UInt64(g))
        var login = String(decoding: syllables, as: UTF8.self)
        switch h % 10 {
        case 0, 1, 2, 3: break
        case 4, 5, 6: login += String(h >> 8 % 2 == 0 ? (h >> 16) % 100 : 1_980 + (h >> 16) % 30)
        case 7, 8: login += Self.decorations[Int((h >> 24) % UInt64(Self.decorations.count))]
        default: login += "_" + String((h >> 32) % 1_000)
        }
        return login
    }

    func displayName(channel c: Int, generation g: Int, login: String, script: Script,
                     traits: ChannelTraits) -> String {
        let h = Mix.hash(seed, Salt.names, UInt64(c), UInt64(g) &+ 77)
        if traits.contains(.hostileName) { return HostileText.names[Int(h % UInt64(HostileText.names.count))] }
        if traits.contains(.localizedName), let parts = Self.scriptSyllables[script] {
            var name = ""
            for k in 0..<(2 + Int(h % 3)) {
                name += parts[Int((h >> (8 * UInt64(k + 1))) % UInt64(parts.count))]
            }
            return name
        }
        let cased = Self.camelCase(login, upperEvery: 2 + Int(h % 3))
        if traits.contains(.emojiName) { return Self.emoji[Int((h >> 20) % UInt64(Self.emoji.count))] + cased }
        return cased
    }

    /// Twitch display names are the login with its capitals chosen by the streamer.
    private static func camelCase(_ login: String, upperEvery n: Int) -> String {
        var out = [UInt8]()
        out.reserveCapacity(login.utf8.count)
        var atStart = true
        for (i, byte) in login.utf8.enumerated() {
            let isLower = byte >= 0x61 && byte <= 0x7A
            out.append(isLower && (atStart || i % (2 * n) == 0) ? byte - 0x20 : byte)
            atStart = byte == 0x5F
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let emoji = ["🎮", "🔥", "✨", "🐺", "🍕", "👑"]

    static let scriptSyllables: [Script: [String]] = [
        .cyrillic: ["Ка", "ри", "то", "мо", "ва", "ля", "ни", "ст", "ер", "ан", "Жу", "щи"],
        .greek: ["Κα", "λη", "μέ", "ρα", "νι", "κο", "σο", "φι", "α", "θε", "Ψυ", "χή"],
        .japanese: ["さ", "く", "ら", "ゆ", "き", "ハ", "ル", "ミ", "ナ", "ト", "ちゃん", "先生"],
        .korean: ["하", "늘", "별", "민", "준", "서", "연", "지", "우", "빛", "님", "쨩"],
        .chinese: ["小", "明", "天", "龙", "猫", "王", "星", "月", "风", "云", "哥", "酱"],
        .arabic: ["نو", "ر", "سا", "رة", "علي", "مح", "مد", "ليلى", "فا", "طمة"],
        .thai: ["สม", "ชาย", "น้ำ", "ฝน", "ดาว", "แก้ว", "ใจ"],
    ]
}

/// Text that breaks careless renderers and spreadsheets; real streamers type all of it.
enum HostileText {
    static let names = [
        "<script>alert(1)</script>",
        "\"Quoted\" 'Name'",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "\u{202E}gnp.exe",
        "Robert'); DROP TABLE streams;--",
        "back\\slash\\name",
        "{{mustache}}",
        "<img src=x onerror=alert(1)>",
        "+SUM(1,1)",
        "@cmd|' /C calc'!A0",
    ]

    static let titles = [
        "<script>alert(document.cookie)</script> chill stream",
        "\"free\" 'drops' & <b>bold</b> claims",
        "=HYPERLINK(\"http://evil.example\",\"CLICK ME\")",
        "-2+3 \u{202E}!sdrawkcab si siht",
        "=cmd|' /C calc'!A0 speedrun",
        "{{#each}} mustache {{/each}} & ${template}",
        "line one\nline two\ttabbed",
        "\\\\server\\share \\u0000 literal",
        "</title><h1>pwned</h1>",
        "Zalgo ẗ̶̢h̷̛e̸͝ ̴̡s̵̕t̶̨r̷e̷a̶m̸",
    ]
}
