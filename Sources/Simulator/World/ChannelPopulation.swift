import Foundation
import Model

/// Every channel of the world, stored column by column so a sweep over hundreds of thousands of
/// channels touches only the fields it needs.
struct ChannelPopulation: Sendable {
    let count: Int
    let language: [UInt8]
    /// Where the streamer lives, in minutes east of UTC.
    let offsetMinutes: [Int16]
    /// Typical start in local minutes after midnight; beyond 1,440 means after midnight.
    let startMinute: [Int16]
    let lengthMinutes: [Int16]
    /// Scheduled weekdays, bit 0 = Monday.
    let weekMask: [UInt8]
    /// Chance of streaming on a scheduled day before calibration.
    let activity: [Float]
    /// Audience size before calibration; lognormal, so a few channels dwarf the rest.
    let popularity: [Float]
    /// Main and second category; -1 for channels that set none.
    let mainGame: [Int32]
    let secondGame: [Int32]
    let traits: [ChannelTraits]
    /// Days between login changes; 0 for channels that keep their name.
    let renamePeriod: [UInt8]

    init(seed: UInt64, count: Int, catalog: GameCatalog) {
        self.count = count
        var rng = SplitMix64(seed: Mix.hash(seed, Salt.population))
        var language = [UInt8](), offset = [Int16](), start = [Int16](), length = [Int16]()
        var mask = [UInt8](), activity = [Float](), popularity = [Float](), main = [Int32]()
        var second = [Int32](), traits = [ChannelTraits](), rename = [UInt8]()
        language.reserveCapacity(count); offset.reserveCapacity(count); start.reserveCapacity(count)
        length.reserveCapacity(count); mask.reserveCapacity(count); activity.reserveCapacity(count)
        popularity.reserveCapacity(count); main.reserveCapacity(count); second.reserveCapacity(count)
        traits.reserveCapacity(count); rename.reserveCapacity(count)

        let daysPerWeekWeights: [Double] = [0.04, 0.06, 0.10, 0.15, 0.22, 0.20, 0.23]
        for _ in 0..<count {
            let lang = Languages.draw(rng.unit())
            let spec = Languages.all[lang]
            language.append(UInt8(lang))
            let zone = spec.utcOffsets[rng.below(spec.utcOffsets.count)]
            offset.append(Int16(zone * 60))
            let startHour = min(26, max(6, 18.5 + 2.5 * rng.normal()))
            start.append(Int16(startHour * 60))
            let hours = min(12, max(1, 4.5 * exp(0.45 * rng.normal())))
            length.append(Int16(hours * 60))

            var days = 1
            var u = rng.unit()
            for (i, w) in daysPerWeekWeights.enumerated() { if u < w { days = i + 1; break }; u -= w }
            var m: UInt8 = 0
            while m.nonzeroBitCount < days { m |= 1 << UInt8(rng.below(7)) }
            mask.append(m)

            let pop = exp(2.3 * rng.normal())
            popularity.append(Float(pop))
            // Big streamers keep their schedules; hobbyists skip more days.
            activity.append(Float(0.6 + 0.35 * min(1, log10(1 + pop) / 3)))

            let noCategory = rng.unit() < 0.015
            main.append(noCategory ? -1 : catalog.draw(rng.unit()))
            second.append(rng.unit() < 0.5 ? Int32(catalog.justChatting) : catalog.draw(rng.unit()))

            var t = ChannelTraits()
            let r = rng.unit()
            if r < 0.004 { t.insert(.hostileName) } else if r < 0.007 { t.insert(.emojiName) }
            if spec.script != .latin, rng.unit() < 0.5 { t.insert(.localizedName) }
            if rng.unit() < 0.006 { t.insert(.hostileTitles) }
            if rng.unit() < 0.01 { t.insert(.longTitles) }
            let tagDraw = rng.unit()
            if tagDraw < 0.02 { t.insert(.tagsNull) } else if tagDraw < 0.07 { t.insert(.tagsEmpty) }
            traits.append(t)
            rename.append(rng.unit() < 0.015 ? UInt8(2 + rng.below(19)) : 0)
        }
        self.language = language
        offsetMinutes = offset
        startMinute = start
        lengthMinutes = length
        weekMask = mask
        self.activity = activity
        self.popularity = popularity
        mainGame = main
        secondGame = second
        self.traits = traits
        renamePeriod = rename
    }
}

struct ChannelTraits: OptionSet, Sendable {
    let rawValue: UInt8
    static let hostileName = ChannelTraits(rawValue: 1)
    static let emojiName = ChannelTraits(rawValue: 2)
    static let localizedName = ChannelTraits(rawValue: 4)
    static let hostileTitles = ChannelTraits(rawValue: 8)
    static let longTitles = ChannelTraits(rawValue: 16)
    static let tagsNull = ChannelTraits(rawValue: 32)
    static let tagsEmpty = ChannelTraits(rawValue: 64)
}
