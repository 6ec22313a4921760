import Mustache
import Testing
@testable import Site

/// The period history's rows and the stats are built in Swift (`PeriodHistoryBlock`,
/// `Stat.bodyHTML`); they must read exactly as the template sections that rendered them before,
/// escaping included.
@Suite struct PeriodHistoryBodyTests {
    static let statsSection = """
        {{#stats}}<div><dt>{{label}}</dt><dd><span class="value">{{value}}</span>{{#delta}} <span class="delta {{deltaClass}}" title="{{deltaTitle}}">{{delta}}</span>{{/delta}}</dd></div>
        {{/stats}}
        """

    static let windowsSection = """
        {{#periodWindows}}<tr><td><a href="{{href}}">{{label}}</a></td><td class="num">{{hoursWatched}}</td><td class="num">{{hoursWatchedBefore}}</td><td class="num">{{#change}}<span class="delta {{changeClass}}">{{change}}</span>{{/change}}</td><td class="num">{{avgViewers}}</td><td class="num">{{avgViewersBefore}}</td><td class="num">{{rank}}</td><td class="num">{{rankBefore}}</td></tr>
        {{/periodWindows}}
        """
    static let monthsSection = """
        {{#periodMonths}}<tr><td><a href="{{href}}">{{month}}</a></td><td class="num">{{hoursWatched}}</td><td class="num">{{hoursStreamed}}</td><td class="num">{{avgViewers}}</td><td class="num">{{peakViewers}}</td><td class="num">{{rank}}</td><td class="chg {{changeClass}}">{{change}}</td></tr>
        {{/periodMonths}}
        """

    static func rendered(_ section: String, _ context: [String: Any]) throws -> String {
        MustacheContentTypes.register(SiteTemplates.PageText(), named: SiteTemplates.PageText.name)
        return try MustacheTemplate(string: SiteTemplates.PageText.pragma + section).render(context)
    }

    @Test func rowsReadAsTheTemplateSectionsRenderedThem() throws {
        let windows: [[String: Any]] = [
            ["label": "Last 7 days", "href": "../../rollups/7d/index.html", "hoursWatched": "1,234",
             "hoursWatchedBefore": "1,000", "avgViewers": "12", "avgViewersBefore": "10", "rank": "2", "rankBefore": "3",
             "change": "+23.4%", "changeClass": "up"],
            ["label": "Last <30> & \"days\" 'x'", "href": "a?b=1&c='2'", "hoursWatched": "0", "hoursWatchedBefore": "–",
             "avgViewers": "0", "avgViewersBefore": "–", "rank": "9", "rankBefore": "–"],
        ]
        let months: [[String: Any]] = [
            ["month": "2026-03", "href": "../../months/2026-03/index.html", "hoursWatched": "15,331", "hoursStreamed": "22",
             "avgViewers": "319", "peakViewers": "2,531", "rank": "2", "change": "▲3", "changeClass": "up"],
            ["month": "2026-02", "href": "<&>", "hoursWatched": "1", "hoursStreamed": "2", "avgViewers": "3",
             "peakViewers": "4", "rank": "5", "change": "=", "changeClass": ""],
        ]
        #expect(PeriodHistoryBlock.windowsBody(windows) == (try Self.rendered(Self.windowsSection, ["periodWindows": windows])))
        #expect(PeriodHistoryBlock.monthsBody(months) == (try Self.rendered(Self.monthsSection, ["periodMonths": months])))
    }

    @Test func statsReadAsTheTemplateSectionRenderedThem() throws {
        let stats = [
            Stat("Hours watched", "1,234", change: ("+5%", "up"), versus: "compared with 2026-03-01"),
            Stat("Peak <viewers> & \"more\"", "12 'x'"),
            Stat("Empty change", "0", change: ("", ""), versus: ""),
        ]
        #expect(Stat.bodyHTML(stats) == (try Self.rendered(Self.statsSection, ["stats": stats])))
    }
}
