import Metrics
import Model

/// The four extracts of a period, exactly as METRICS.md §8 lays them out, in
/// `data/months/YYYY-MM/`, `data/years/YYYY/` or `data/last-Nd/`.
public enum PeriodExtracts {
    /// The file names, in the order the downloads page lists them.
    public static let names = ["summary", "games", "channels", "languages"]

    public static func files(_ t: PeriodTables) -> [ExtractFile] {
        let name = t.period.name
        let folder = t.period.dataFolder
        // The day tables' rows are written as they are, each row's rank before read beside them:
        // a cell reading through the ranked row copied the whole row (its texts retained) for
        // every cell, a tenth of writing a year's channels.
        return both(summary(period: t.period), [t], folder: folder)
            + both(games(period: name, previousRanks: t.games.map(\.previousRank)), t.games.lazy.map { $0.row },
                   folder: folder)
            + both(channels(period: name, previousRanks: t.channels.map(\.previousRank)), t.channels.lazy.map { $0.row },
                   folder: folder)
            + both(languages(period: name, previousRanks: t.languages.map(\.previousRank)),
                   t.languages.lazy.map { $0.row }, folder: folder)
    }

    private static func both<Rows: Sequence>(_ table: ExtractTable<Rows.Element>, _ rows: Rows, folder: String)
        -> [ExtractFile]
    {
        [ExtractFile(path: folder + table.name + ".csv", format: .csv) { try table.write(rows, as: .csv, to: $0) },
         ExtractFile(path: folder + table.name + ".json", format: .json) { try table.write(rows, as: .json, to: $0) }]
    }

    /// `previousRanks`: each row's rank in the period before, in the rows' order (nil: unranked there).
    public static func games(period: String, previousRanks: [Int?] = []) -> ExtractTable<GameRow> {
        ExtractTable(name: "games", columns: rankedColumns(period, previousRanks) { $0.rank } + SharedColumns.games)
    }

    public static func channels(period: String, previousRanks: [Int?] = []) -> ExtractTable<ChannelRow> {
        ExtractTable(name: "channels", columns: rankedColumns(period, previousRanks) { $0.rank } + SharedColumns.channels)
    }

    public static func languages(period: String, previousRanks: [Int?] = []) -> ExtractTable<LanguageRow> {
        ExtractTable(name: "languages", columns: rankedColumns(period, previousRanks) { $0.rank } + SharedColumns.languages)
    }

    public static func summary(period: Period) -> ExtractTable<PeriodTables> {
        let name = period.name
        let first = CivilDate(dayNumber: period.firstDay).iso
        let last = CivilDate(dayNumber: period.lastDay).iso
        let own: [ExtractColumn<PeriodTables>] = [
            .init("period") { _, w in w.text(name) },
            .init("first_day") { _, w in w.text(first) },
            .init("last_day") { _, w in w.text(last) },
            .init("days") { t, w in w.integer(t.days.count) },
        ]
        return ExtractTable(name: "summary", columns: own + SharedColumns.summary.map { $0.reading(\.summary) })
    }

    /// The period, the row's rank in it and its rank in the period before (empty when unranked there).
    private static func rankedColumns<Row>(_ period: String, _ previousRanks: [Int?], _ rank: @escaping (Row) -> Int)
        -> [ExtractColumn<Row>]
    {
        [
            .init("period") { _, w in w.text(period) },
            .init("rank") { row, w in w.integer(rank(row)) },
            .init("previous_rank") { _, w in w.optionalInteger(previousRanks[w.row]) },
        ]
    }
}
