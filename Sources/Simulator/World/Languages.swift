import Foundation

/// A broadcast language: how many channels use it, where its streamers and viewers live (their
/// UTC offsets set the daily rhythm), and the script its localized display names are written in.
struct Language: Sendable {
    let code: String
    /// Share of the channel population.
    let share: Double
    /// UTC offsets in hours of the places it is spoken, each weighted equally.
    let utcOffsets: [Double]
    let script: Script
    /// Twitch's language tag as shown on the stream.
    let tag: String
}

enum Script: Sendable {
    case latin, cyrillic, greek, japanese, korean, chinese, arabic, thai
}

enum Languages {
    static let all: [Language] = [
        Language(code: "en", share: 0.38, utcOffsets: [-5, -5, -6, -8, -8, 0, 0, 10, -4, 5.5],
                 script: .latin, tag: "English"),
        Language(code: "es", share: 0.10, utcOffsets: [-6, -5, -3, -3, 1, -4], script: .latin, tag: "Español"),
        Language(code: "pt", share: 0.07, utcOffsets: [-3, -3, -3, 0], script: .latin, tag: "Português"),
        Language(code: "de", share: 0.06, utcOffsets: [1], script: .latin, tag: "Deutsch"),
        Language(code: "fr", share: 0.05, utcOffsets: [1, 1, -5], script: .latin, tag: "Français"),
        Language(code: "ru", share: 0.07, utcOffsets: [3, 3, 2, 5], script: .cyrillic, tag: "Русский"),
        Language(code: "ja", share: 0.05, utcOffsets: [9], script: .japanese, tag: "日本語"),
        Language(code: "ko", share: 0.04, utcOffsets: [9], script: .korean, tag: "한국어"),
        Language(code: "zh", share: 0.03, utcOffsets: [8], script: .chinese, tag: "中文"),
        Language(code: "it", share: 0.02, utcOffsets: [1], script: .latin, tag: "Italiano"),
        Language(code: "pl", share: 0.02, utcOffsets: [1], script: .latin, tag: "Polski"),
        Language(code: "tr", share: 0.02, utcOffsets: [3], script: .latin, tag: "Türkçe"),
        Language(code: "ar", share: 0.015, utcOffsets: [3, 3, 4, 2], script: .arabic, tag: "العربية"),
        Language(code: "uk", share: 0.01, utcOffsets: [2], script: .cyrillic, tag: "Українська"),
        Language(code: "el", share: 0.005, utcOffsets: [2], script: .greek, tag: "Ελληνικά"),
        Language(code: "th", share: 0.01, utcOffsets: [7], script: .thai, tag: "ไทย"),
        Language(code: "nl", share: 0.008, utcOffsets: [1], script: .latin, tag: "Nederlands"),
        Language(code: "sv", share: 0.005, utcOffsets: [1], script: .latin, tag: "Svenska"),
        Language(code: "other", share: 0.03, utcOffsets: [-3, 0, 2, 5.5, 7, 8], script: .latin, tag: "Other"),
    ]

    /// Cumulative shares for drawing a language with one uniform number.
    static let cumulative: [Double] = {
        let total = all.reduce(0) { $0 + $1.share }
        var acc = 0.0
        return all.map { acc += $0.share / total; return acc }
    }()

    static func draw(_ u: Double) -> Int {
        cumulative.firstIndex { u < $0 } ?? (all.count - 1)
    }

    static func index(of code: String) -> Int? { all.firstIndex { $0.code == code } }
}

/// How busy an hour of the local day is for streamers and viewers: low in the early morning,
/// climbing through the afternoon, peaking around 21:00.
enum DailyRhythm {
    /// Relative audience at a local hour in [0, 24); peak 1.
    static func audience(localHour h: Double) -> Double {
        let d = circularDistance(h, 21)
        return 0.25 + 0.75 * exp(-(d * d) / (2 * 4.0 * 4.0))
    }

    static func circularDistance(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 24)
        return min(d, 24 - d)
    }

    static func localHour(utcMillis t: Int64, offsetMinutes: Int) -> Double {
        let local = t + Int64(offsetMinutes) * 60_000
        let ms = ((local % 86_400_000) + 86_400_000) % 86_400_000
        return Double(ms) / 3_600_000
    }
}
