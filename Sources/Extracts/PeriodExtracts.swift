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
        return both(summary(period: t.period), [t], folder: folder)
            + both(games(period: name), t.games, folder: folder)
            + both(channels(period: name), t.channels, folder: folder)
            + both(languages(period: name), t.languages, folder: folder)
    }

    private static func both<Rows: Sequence>(_ table: ExtractTable<Rows.Element>, _ rows: Rows, folder: String)
        -> [ExtractFile]
    {
        [ExtractFile(path: folder + table.name + ".csv", format: .csv) { try table.write(rows, as: .csv, to: $0) },
         ExtractFile(path: folder + table.name + ".json", format: .json) { try table.write(rows, as: .json, to: $0) }]
    }

    public static func games(period: String) -> ExtractTable<PeriodRanked<GameRow>> {
        ExtractTable(name: "games", columns: rankedColumns(period, \.rank) + ofRow(SharedColumns.games))
    }

    public static func channels(period: String) -> ExtractTable<PeriodRanked<ChannelRow>> {
        ExtractTable(
            name: "channels", columns: rankedColumns(period, \.rank) + ofRow(SharedColumns.channels))
    }

    public static func languages(period: String) -> ExtractTable<PeriodRanked<LanguageRow>> {
        ExtractTable(
            name: "languages", columns: rankedColumns(period, \.rank) + ofRow(SharedColumns.languages))
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

    /// A day table's columns for a period's ranked rows. `ranked.row` is read in place: through a
    /// closure that returns the row (`reading`), each cell copied the whole row and retained its
    /// texts, a dozen copies a row on a year's channels.
    private static func ofRow<Row>(_ columns: [ExtractColumn<Row>]) -> [ExtractColumn<PeriodRanked<Row>>] {
        columns.map { column in
            let cell = column.cell
            return ExtractColumn(column.name) { ranked, w in cell(ranked.row, &w) }
        }
    }

    /// The period, the row's rank in it and its rank in the period before (empty when unranked there).
    private static func rankedColumns<Row>(_ period: String, _ rank: @escaping (Row) -> Int)
        -> [ExtractColumn<PeriodRanked<Row>>]
    {
        [
            .init("period") { _, w in w.text(period) },
            .init("rank") { ranked, w in w.integer(rank(ranked.row)) },
            .init("previous_rank") { ranked, w in w.optionalInteger(ranked.previousRank) },
        ]
    }
}
