import Metrics
import Mustache

/// `coverage/index.html`: how completely the crawls covered each reported day, the crawls and
/// gaps of the latest day, and each day's `crawls.csv`.
struct CoveragePage {
    let input: SiteInput
    let templates: SiteTemplates

    func render() throws -> SiteFile {
        let path = "coverage/index.html"
        let page = PageContext(input: input, path: path)
        let zone = input.timeZone
        let days = input.coverage.reversed().map { c in
            let iso = Fmt.iso(c.day)
            return CoverageDayRow(
                date: iso, reportHref: page.href(SitePaths.report(iso)), coverage: Fmt.percent(c.coverage),
                complete: Fmt.count(c.completeCrawls), failed: Fmt.count(c.failedCrawls),
                cadence: c.cadenceMs.map { Fmt.duration(ms: $0) } ?? "—", gaps: Fmt.count(c.gaps.count),
                leftOut: Fmt.count(c.crawls.reduce(0) { $0 + $1.row.leftOut }),
                csvHref: page.href(SitePaths.data(iso, "crawls", "csv")))
        }
        var fields: [String: Any] = ["days": days, "gapFactor": "2.5"]
        if let latest = input.coverage.last(where: { $0.day == input.history.latestDay }) ?? input.coverage.last {
            fields["latestDate"] = Fmt.dateLong(latest.day)
            fields["gaps"] = latest.gaps.map {
                CoverageGapRow(from: Fmt.time($0.from, zone), to: Fmt.time($0.to, zone), length: Fmt.duration(ms: $0.to - $0.from))
            }
            fields["hasGaps"] = !latest.gaps.isEmpty
            fields["hasFailures"] = latest.crawls.contains { !$0.row.complete }
            fields["failures"] = latest.crawls.filter { !$0.row.complete }.map {
                CoverageGapRow(from: Fmt.time($0.row.time, zone), to: $0.row.reason, length: Fmt.duration(ms: $0.row.durationMs))
            }
        }
        let context = page.make(
            title: "Coverage", description: "How completely the crawls covered each day: crawls, failures and gaps.", fields)
        return SiteFile(path: path, contents: try templates.render("coverage", context))
    }
}

struct CoverageDayRow: MustacheParent {
    var date, reportHref, coverage, complete, failed, cadence, gaps, leftOut, csvHref: String

    func child(named field: String) -> Any? {
        switch field {
        case "date": date
        case "reportHref": reportHref
        case "coverage": coverage
        case "complete": complete
        case "failed": failed
        case "cadence": cadence
        case "gaps": gaps
        case "leftOut": leftOut
        case "csvHref": csvHref
        default: nil
        }
    }
}

/// A gap (from, to, length) or a failed crawl (time, reason, duration).
struct CoverageGapRow: MustacheParent {
    var from, to, length: String

    func child(named field: String) -> Any? {
        switch field {
        case "from": from
        case "to": to
        case "length": length
        default: nil
        }
    }
}
