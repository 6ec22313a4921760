import Foundation
/// Stream titles in the stream's language, with the category woven in, emoji, and the odd
/// hostile or very long one.
enum Titles {
    private static let templates: [String: [String]] = [
        "en": ["{game} grind until I win", "chill {game} w/ chat", "DAY {n} of {game}", "ranked {game} !drops",
               "first time playing {game}!", "{game} but every death = pushup", "road to top 500 | {game}",
               "morning coffee + {game}", "NEW UPDATE {game}", "late night {game} vibes"],
        "es": ["jugando {game} con la comunidad", "DIA {n} de {game}", "{game} hasta ganar", "directo chill de {game}"],
        "pt": ["{game} com a galera", "DIA {n} de {game}", "live de {game} até zerar", "bora jogar {game}"],
        "de": ["{game} mit Chat", "Tag {n}: {game}", "gemütlicher {game} Abend", "{game} Ranked grind"],
        "fr": ["{game} avec le chat", "JOUR {n} sur {game}", "soirée {game} détente", "on tryhard {game}"],
        "ru": ["{game} с чатом", "День {n}: {game}", "стрим по {game}", "ночной {game}"],
        "ja": ["{game} 配信", "{game} 初見プレイ", "{n}日目 {game}", "雑談しながら{game}"],
        "ko": ["{game} 방송", "{game} 랭크 도전", "{n}일차 {game}", "시청자와 {game}"],
        "zh": ["{game} 直播", "第{n}天 {game}", "和大家一起玩{game}"],
        "ar": ["بث {game}", "اليوم {n} في {game}", "نلعب {game} مع الشات"],
        "el": ["{game} με το chat", "Μέρα {n}: {game}"],
        "tr": ["{game} yayını", "{n}. gün {game}"],
        "pl": ["{game} z widzami", "Dzień {n}: {game}"],
    ]
    private enum Part { case text(String), game, number }

    /// Templates split once into parts, so building a title is concatenation only.
    private static let compiled: [String: [[Part]]] = templates.mapValues { list in
        list.map { template in
            var parts: [Part] = []
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
                parts.append(rest[open...close] == "{game}" ? .game : .number)
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { parts.append(.text(String(rest))) }
            return parts
        }
    }

    private static let emoji = ["", "", "", " 🔥", " 🎮", " ❤️", " 😂", " 🏆", " 👀", " ✨"]

    /// The title of a broadcast in `variant`; `game` may be empty for streams without a category.
    /// Titles are asked for on every listing of every stream; building one takes string
    /// replacements, so each distinct title is built once.
    static func title(language: String, game: String, variant: UInt64, traits: ChannelTraits) -> String {
        let key = TitleKey(language: language, game: game, variant: variant, traits: traits.rawValue)
        if let cached = cache.value(key) { return cached }
        let title = build(language: language, game: game, variant: variant, traits: traits)
        cache.store(key, title)
        return title
    }

    private static let cache = TitleCache()

    private static func build(language: String, game: String, variant: UInt64, traits: ChannelTraits) -> String {
        if traits.contains(.hostileTitles), variant % 3 != 0 {
            return HostileText.titles[Int(variant % UInt64(HostileText.titles.count))]
        }
        let list = compiled[language] ?? compiled["en"]!
        let template = list[Int(variant % UInt64(list.count))]
        var title = ""
        for part in template {
            switch part {
            case .text(let text): title += text
            case .game: title += game.isEmpty ? "stream" : game
            case .number: title += String(1 + (variant >> 8) % 400)
            }
        }
        title += emoji[Int((variant >> 16) % UInt64(emoji.count))]
        if variant % 13 == 5 { title = "" }  // some streamers never set one
        if traits.contains(.longTitles) {
            title = longTitle(title, limit: variant % 4 == 0 ? 300 : 140)
        }
        return title
    }

    /// Pads to exactly `limit` characters with the kind of filler streamers use.
    private static func longTitle(_ base: String, limit: Int) -> String {
        var t = base.isEmpty ? "!commands" : base
        let filler = [" | !discord !socials !merch", " 🔥🔥🔥", " | 24H STREAM", " | ПОДПИШИСЬ", " | 絶対見て"]
        var i = 0
        while t.count < limit { t += filler[i % filler.count]; i += 1 }
        return String(t.prefix(limit))
    }
}

struct TitleKey: Hashable {
    var language: String
    var game: String
    var variant: UInt64
    var traits: ChannelTraits.RawValue
}

/// A bounded, lock-protected memo of built titles, shared by the server's request tasks.
final class TitleCache: @unchecked Sendable {
    private let lock = NSLock()
    private var titles: [TitleKey: String] = [:]

    func value(_ key: TitleKey) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return titles[key]
    }

    func store(_ key: TitleKey, _ title: String) {
        lock.lock()
        defer { lock.unlock() }
        if titles.count >= 200_000 { titles.removeAll(keepingCapacity: true) }
        titles[key] = title
    }
}
