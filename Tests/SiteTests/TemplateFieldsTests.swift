import Charts
import Mustache
import Testing
@testable import Site

/// The page values hand their fields to the templates by name, in a `switch` written by hand
/// (`TemplateFields.swift` for the page models of `PageModels.swift`, beside the type for a
/// page's own rows). Generating
/// those switches would need a macro target; this test catches the same drift more simply: it
/// reflects each value once and expects every stored field to answer, under its own name, with
/// its own value. A field added to a model without its line, or a misspelt name, fails here
/// instead of rendering as nothing.
@Suite("Template fields")
struct TemplateFieldsTests {
    /// Fields of `value` that `child(named:)` does not answer with their value. Optional fields
    /// must be set in the sample, or they count as unanswered (nil proves nothing).
    static func unanswered(_ value: some MustacheParent, notForTemplates: Set<String> = []) -> [String] {
        Mirror(reflecting: value).children.compactMap { field in
            guard let name = field.label, !notForTemplates.contains(name) else { return nil }
            guard let own = unwrapped(field.value), let answer = value.child(named: name).flatMap(unwrapped) else {
                return name
            }
            return String(describing: own) == String(describing: answer) ? nil : name
        }
    }

    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrapped($0.value) }
    }

    static let link = Link(href: "games/1/", text: "Game")
    static let row = RankRow(rank: "1", change: "▲2", changeClass: "up", name: "N", href: "channels/1/", sub: "n",
                             values: ["1.5", "2"])

    @Test func everyPageModelFieldIsAnsweredByName() {
        #expect(Self.unanswered(Stat("Hours", "12", change: ("+5%", "up"), versus: "the day before")).isEmpty)
        // `data` is for the chart's CSV file (`ChartFiles`), not for templates.
        #expect(Self.unanswered(
            ChartBlock(title: "T", svg: "<svg/>", table: "<table/>", data: ChartData(headers: [], rows: []),
                       csvHref: "chart.csv"),
            notForTemplates: ["data"]).isEmpty)
        #expect(Self.unanswered(Self.link).isEmpty)
        #expect(Self.unanswered(Self.row).isEmpty)
        #expect(Self.unanswered(RankTable(
            caption: "C", nameHeading: "Game", columns: ["Hours"], rows: [Self.row], showChange: true,
            changeTitle: "t", more: Self.link, rankOrdered: false)).isEmpty)
    }

    @Test func everyDigestAndDictionaryFieldIsAnsweredByName() {
        let cell = DigestPage.Cell(label: "L", value: "V", delta: "+1", deltaColor: "#0a0")
        #expect(Self.unanswered(cell).isEmpty)
        #expect(Self.unanswered(DigestPage.StatRow(cells: [cell])).isEmpty)
        let row = DigestPage.Row(rank: "1", name: "N", href: "h", value: "v", change: "c", changeColor: "#000")
        #expect(Self.unanswered(row).isEmpty)
        #expect(Self.unanswered(DigestPage.Section(
            heading: "H", note: "n", nameHeading: "Game", valueHeading: "Hours", changeHeading: "Change", rows: [row]
        )).isEmpty)
        let column = DataDictionary.Column(name: "rank", type: "integer", meaning: "m")
        #expect(Self.unanswered(column).isEmpty)
        #expect(Self.unanswered(DataDictionary.Table(name: "games", about: "a", columns: [column])).isEmpty)
    }

    @Test func everyPageRowFieldIsAnsweredByName() {
        #expect(Self.unanswered(ChannelGameRow(name: "G", href: "games/1/", hoursStreamed: "1", hoursWatched: "2",
                                               avgViewers: "3")).isEmpty)
        let segment = ChannelSegmentRow(number: "1", game: "G", title: "T", from: "10:00", to: "11:00", avgViewers: "3",
                                        peakViewers: "4")
        #expect(Self.unanswered(segment).isEmpty)
        #expect(Self.unanswered(ChannelStreamView(href: "h", started: "s", duration: "d", avgViewers: "a",
                                                  peakViewers: "p", segments: [segment])).isEmpty)
        #expect(Self.unanswered(StreamSegmentRow(number: "1", game: "G", gameHref: "games/1/", from: "f", to: "t",
                                                 length: "l", hoursWatched: "h", avgViewers: "a", peakViewers: "p")).isEmpty)
        #expect(Self.unanswered(TitleChange(time: "10:00", title: "T")).isEmpty)
        let files = DownloadFiles(csv: "a.csv", json: "a.json")
        #expect(Self.unanswered(files).isEmpty)
        #expect(Self.unanswered(DownloadDay(date: "2026-03-01", files: [files])).isEmpty)
        #expect(Self.unanswered(CoverageDayRow(date: "d", reportHref: "r", coverage: "c", complete: "1", failed: "0",
                                               cadence: "5", gaps: "g", leftOut: "l", csvHref: "x.csv")).isEmpty)
        #expect(Self.unanswered(CoverageGapRow(from: "f", to: "t", length: "l")).isEmpty)
        let table = RankTable(caption: "C", nameHeading: "N", columns: [], rows: [], showChange: false)
        #expect(Self.unanswered(LanguageSpanView(heading: "H", range: "r", games: table, channels: table)).isEmpty)
        #expect(Self.unanswered(ReportsIndexRow(date: "d", href: "h", hoursWatched: "1", avgViewers: "2",
                                                peakViewers: "3", channels: "4", games: "5")).isEmpty)
    }

    @Test func aFieldWithoutItsNameIsReported() {
        struct Drifted: MustacheParent {
            var title = "T"
            var subtitle = "S"
            func child(named name: String) -> Any? { name == "title" ? title : nil }
        }
        #expect(Self.unanswered(Drifted()) == ["subtitle"])
    }
}
