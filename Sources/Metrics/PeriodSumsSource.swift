import Model
import Store

/// Where a period's sums come from: each reported day's sums are built once from its day parts
/// and peaks, each month's once from its days', and a period merges whole months and the days
/// left over. So a nightly build reads the new day's parts, its month's day sums and the kept
/// sums of the months and days the year and the windows hold, never an old day's parts.
public final class PeriodSumsSource {
    let store: Store
    let calendar: ReportCalendar
    let reportedDays: [Int]
    /// The sums of part of a month merged in this build, by its days: the windows ending on the
    /// same day share the part of its month.
    private var partsOfMonths: [[Int]: [UInt8]] = [:]
    /// Whether sums made here are kept in the store for later builds; false for a source that
    /// must not write (`PreviousRanksForecast` reads while another connection holds the write lock).
    let keeps: Bool

    public init(store: Store, calendar: ReportCalendar, reportedDays: [Int], keeps: Bool = true) {
        self.store = store
        self.calendar = calendar
        self.reportedDays = reportedDays
        self.keeps = keeps
    }

    static func dayKey(_ day: Int) -> String { "day:\(day)" }
    static func monthKey(_ month: Period) -> String { "month:\(month.name)" }
    /// The month's reported days up to a day before its last: the windows end with the latest
    /// complete day, so each night's month so far is the night before's and one more day.
    static func monthStartKey(_ month: Period) -> String { "month-start:\(month.name)" }

    /// A month's days are also kept in blocks of eight aligned to its first day (1–8, 9–16, 17–24,
    /// 25 to the end), so a window that starts or ends inside a month merges at most seven days
    /// and three blocks there rather than up to thirty days.
    static let blockLength = 8

    static func blockKey(_ month: Period, _ block: Int) -> String { "block:\(month.name):\(block)" }
    static func block(of day: Int, in month: Period) -> Int { (day - month.firstDay) / blockLength }

    /// Forgets what changed days make stale: their own sums, their blocks' and their months', and
    /// a kept start of their month that holds one of them (a new day after it leaves it valid:
    /// that is the nightly case the start is kept for).
    public static func forget(changedDays: [Int], store: Store) throws {
        var keys = Set(changedDays.map(dayKey))
        let changed = Set(changedDays)
        for month in Set(changedDays.map { Period.month(containing: $0) }) {
            keys.insert(monthKey(month))
            if let kept = try store.periodSumsHeader(key: monthStartKey(month))?.days,
               kept.split(separator: ",").contains(where: { Int($0).map(changed.contains) ?? true })
            {
                keys.insert(monthStartKey(month))
            }
        }
        for day in changedDays {
            let month = Period.month(containing: day)
            keys.insert(blockKey(month, block(of: day, in: month)))
        }
        try store.forgetPeriodSums(keys: keys.sorted())
    }

    /// The sums of some consecutive reported days (a period's): a month whose reported days are
    /// all among them comes from its own sums, part of a month from the sums of its days (or of
    /// its start, kept from the night before, and the days since).
    public func sums(days: ArraySlice<Int>, timesOnly: Bool = false) throws -> PeriodSums {
        var groups = monthGroups(days)
        var sums = PeriodSums()
        // The newest month is the part every window, the month and the year share, and the
        // biggest after a busy day: it is merged once and each period starts from a copy.
        if !timesOnly, let newest = groups.last, newest.days.count > 1, newest.month.contains(reportedDays.last ?? .min) {
            sums = try newestMonthSums(newest)
            groups.removeLast()
        }
        // Newest first: each older month's streams then go in front of a channel's list.
        for group in groups.reversed() { try merge(group, into: &sums, timesOnly: timesOnly, keepingStart: true) }
        return sums
    }

    /// Some consecutive reported days of one month, with all of the month's reported days.
    struct MonthGroup {
        var month: Period
        var days: [Int]
        var monthDays: [Int]
    }

    private func monthGroups(_ days: ArraySlice<Int>) -> [MonthGroup] {
        var groups: [MonthGroup] = []
        var rest = days[...]
        while let first = rest.first {
            let month = Period.month(containing: first)
            let inMonth = Array(rest.prefix { month.contains($0) })
            rest = rest.dropFirst(inMonth.count)
            groups.append(MonthGroup(month: month, days: inMonth, monthDays: Array(month.reportedDays(among: reportedDays))))
        }
        return groups
    }

    /// Merges the sums of some consecutive reported days into `sums`: a period grown from a
    /// shorter one that ends alike (`PeriodTableBuilder`), so each older month is merged once
    /// for all the windows rather than once for each.
    public func merge(days: ArraySlice<Int>, into sums: inout PeriodSums) throws {
        // A part of a month here ends where a shorter period began: not the month's start that
        // the next night's build looks for.
        for group in monthGroups(days).reversed() {
            try merge(group, into: &sums, timesOnly: false, keepingStart: false)
        }
    }

    /// Merges one month's group of days. A part of a month that no other period of this build
    /// has asked for (a window's oldest days) goes straight in, newest run of days first: sums of
    /// its own would be merged twice and encoded once, and only a month's start is kept.
    private func merge(_ group: MonthGroup, into sums: inout PeriodSums, timesOnly: Bool, keepingStart: Bool) throws {
        let isPart = group.days.count > 1 && group.days != group.monthDays
        let isStart = group.days.first == group.monthDays.first
        guard isPart, partsOfMonths[group.days] == nil, !(keepingStart && isStart) else {
            return try merge(blob(of: group, keepingStart: keepingStart), into: &sums, timesOnly: timesOnly)
        }
        let start = try keptStart(of: group.month, days: group.days)
        let runs = runsInBlocks(group.days.dropFirst(start?.days ?? 0), of: group.month, monthDays: group.monthDays)
        for run in runs.reversed() { try merge(run.blob(), into: &sums, timesOnly: timesOnly) }
        if let start { try merge(start.blob, into: &sums, timesOnly: timesOnly) }
    }

    private func blob(of group: MonthGroup, keepingStart: Bool = true) throws -> [UInt8] {
        if group.days.count == 1 { return try daySums(group.days[0]) }
        if group.days == group.monthDays { return try monthSums(group.month, days: group.days[...]) }
        return try partOfMonth(group.month, days: group.days, monthDays: group.monthDays, keepingStart: keepingStart)
    }

    /// The current month's part of the periods computed in this build, merged once, by its days
    /// (one or two: the windows end with the latest complete day, the month and year with the
    /// latest day). Only the last one asked for is kept: periods come ordered by their last day
    /// (`PeriodTableBuilder`), and after a full day each holds a third of a million channels.
    private var newestMonths: [[Int]: PeriodSums] = [:]

    private func newestMonthSums(_ group: MonthGroup) throws -> PeriodSums {
        if let done = newestMonths[group.days] { return done }
        newestMonths = [:]
        var sums = PeriodSums()
        try merge(blob(of: group), into: &sums, timesOnly: false)
        newestMonths[group.days] = sums
        return sums
    }

    /// Several days of a month, not all of its reported days. The start of a month (a window's
    /// last days) is kept: the next night's is this one and a day more.
    private func partOfMonth(_ month: Period, days: [Int], monthDays: [Int], keepingStart: Bool = true) throws -> [UInt8] {
        if let done = partsOfMonths[days] { return done }
        let isStart = days.first == monthDays.first
        var sums = PeriodSums()
        let remaining = try mergeKeptStart(of: month, days: days, into: &sums)
        try mergeInBlocks(remaining, of: month, monthDays: monthDays, into: &sums)
        let blob = sums.encoded()
        if keeps && isStart && keepingStart && !remaining.isEmpty {
            try store.savePeriodSums(key: Self.monthStartKey(month),
                                     StoredPeriodSums(days: days.map(String.init).joined(separator: ","), data: blob))
        }
        partsOfMonths[days] = blob
        return blob
    }

    /// Merges the kept start of the month when `days` begin with it (the night before's start,
    /// one day shorter), and answers the days it did not hold.
    private func mergeKeptStart(of month: Period, days: [Int], into sums: inout PeriodSums) throws -> ArraySlice<Int> {
        guard let start = try keptStart(of: month, days: days) else { return days[...] }
        try merge(start.blob, into: &sums, timesOnly: false)
        return days.dropFirst(start.days)
    }

    /// The kept start of the month when `days` begin with it, and how many of them it holds.
    private func keptStart(of month: Period, days: [Int]) throws -> (blob: [UInt8], days: Int)? {
        guard let kept = try store.periodSums(key: Self.monthStartKey(month)), PeriodSums.isCurrent(kept.data) else {
            return nil
        }
        let keptDays = kept.days.split(separator: ",").compactMap { Int($0) }
        guard !keptDays.isEmpty, days.starts(with: keptDays) else { return nil }
        return (kept.data, keptDays.count)
    }

    /// Merges some consecutive reported days of a month, oldest first.
    private func mergeInBlocks(_ days: ArraySlice<Int>, of month: Period, monthDays: [Int], into sums: inout PeriodSums) throws {
        for run in runsInBlocks(days, of: month, monthDays: monthDays) { try merge(run.blob(), into: &sums, timesOnly: false) }
    }

    /// Some consecutive reported days of a month as runs, oldest first: each block whose reported
    /// days are all among them from the block's sums, each other day from its own.
    private func runsInBlocks(_ days: ArraySlice<Int>, of month: Period, monthDays: [Int]) -> [SumsRun] {
        var runs: [SumsRun] = []
        var rest = days
        while let first = rest.first {
            let block = Self.block(of: first, in: month)
            let inBlock = rest.prefix { Self.block(of: $0, in: month) == block }
            rest = rest.dropFirst(inBlock.count)
            let blockDays = monthDays.filter { Self.block(of: $0, in: month) == block }
            if inBlock.count > 1 && inBlock.elementsEqual(blockDays) {
                runs.append(SumsRun { try self.blockSums(month, block, days: blockDays) })
            } else {
                for day in inBlock { runs.append(SumsRun { try self.daySums(day) }) }
            }
        }
        return runs
    }

    /// A block's or a day's sums, read (or made) when merged.
    struct SumsRun {
        let blob: () throws -> [UInt8]
    }

    /// A block's sums over its reported days, stored or merged from the days'.
    private func blockSums(_ month: Period, _ block: Int, days: [Int]) throws -> [UInt8] {
        let key = Self.blockKey(month, block)
        let list = days.map(String.init).joined(separator: ",")
        if let stored = try kept(key, days: list) { return stored }
        var sums = PeriodSums()
        for day in days { try merge(daySums(day), into: &sums, timesOnly: false) }
        let blob = sums.encoded()
        if keeps { try store.savePeriodSums(key: key, StoredPeriodSums(days: list, data: blob)) }
        return blob
    }

    private func merge(_ blob: [UInt8], into sums: inout PeriodSums, timesOnly: Bool) throws {
        // Only blobs of the current format come back from the kept sums, so a refused one is
        // damaged. They are a cache of the day parts: forgetting them all makes the next build
        // sum every day again instead of failing each night.
        guard sums.merge(encoded: blob, timesOnly: timesOnly) else {
            if keeps { try store.clearPeriodSums() }
            throw PeriodSumsDamaged()
        }
    }

    /// A day's sums, stored or built from its parts, peaks and crawls.
    func daySums(_ day: Int) throws -> [UInt8] {
        if let stored = try kept(Self.dayKey(day), days: String(day)) { return stored }
        var sums = try daySumsWithoutTables(day)
        for (game, peak) in try store.historyPeaks(of: .games, from: day, through: day) { sums.raiseGamePeak(game, to: peak) }
        for (language, peak) in try store.historyPeaks(of: .languages, from: day, through: day) {
            sums.raiseLanguagePeak(language, to: peak)
        }
        return try keep(sums, day: day)
    }

    /// Whether a day's sums are kept (a changed day's are forgotten until the build sums it again).
    public func hasDaySums(_ day: Int) throws -> Bool {
        guard let header = try store.periodSumsHeader(key: Self.dayKey(day)) else { return false }
        return header.days == String(day) && PeriodSums.isCurrent(header.data)
    }

    /// Sums kept under `key` for exactly `days`, in the current format.
    private func kept(_ key: String, days: String) throws -> [UInt8]? {
        guard let stored = try store.periodSums(key: key), stored.days == days, PeriodSums.isCurrent(stored.data)
        else { return nil }
        return stored.data
    }

    /// What a day's sums take from its parts, its channels' peaks and its crawls: all but the
    /// games' and languages' peaks, which its tables have (`keep(_:day:tables:)`). The history
    /// step runs this beside computing those tables.
    public func daySumsWithoutTables(_ day: Int) throws -> PeriodSums {
        var sums = PeriodSums()
        for part in try store.dayParts(day: day) { sums.add(part) }
        try store.channelPeaks(day: day) { user, peak in sums.raisePeak(of: user, to: peak) }
        for crawl in try store.crawlPoints(from: calendar.start(ofDay: day), to: calendar.end(ofDay: day)) {
            sums.add(crawl: crawl)
        }
        return sums
    }

    /// Completes a day's sums with the peaks of its tables and keeps them.
    public func keep(_ sums: PeriodSums, day: Int, tables: DayTables) throws {
        var sums = sums
        for g in tables.games { sums.raiseGamePeak(g.gameID, to: PeakPair(viewers: g.peakViewers, channels: g.peakChannels)) }
        for l in tables.languages {
            sums.raiseLanguagePeak(l.language, to: PeakPair(viewers: l.peakViewers, channels: l.peakChannels))
        }
        _ = try keep(sums, day: day)
    }

    private func keep(_ sums: PeriodSums, day: Int) throws -> [UInt8] {
        let blob = sums.encoded()
        if keeps { try store.savePeriodSums(key: Self.dayKey(day), StoredPeriodSums(days: String(day), data: blob)) }
        return blob
    }

    /// A month's sums over its reported days, stored or merged from the days'.
    func monthSums(_ month: Period, days: ArraySlice<Int>) throws -> [UInt8] {
        let key = Self.monthKey(month)
        let list = days.map(String.init).joined(separator: ",")
        if let stored = try kept(key, days: list) { return stored }
        var sums = PeriodSums()
        let remaining = try mergeKeptStart(of: month, days: Array(days), into: &sums)
        try mergeInBlocks(remaining, of: month, monthDays: Array(days), into: &sums)
        let blob = sums.encoded()
        if keeps { try store.savePeriodSums(key: key, StoredPeriodSums(days: list, data: blob)) }
        return blob
    }
}

/// Kept period sums that cannot be read (the database was damaged on disk).
public struct PeriodSumsDamaged: Error, CustomStringConvertible {
    public var description: String {
        "the kept period sums are damaged; they were forgotten, and the next build makes them again from the consolidated days"
    }
}
