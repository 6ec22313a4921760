import Extracts
import Metrics
import Mustache

/// `methodology/index.html` and `downloads/index.html` (every extract, and the data dictionary).
struct ReferencePages {
    let input: SiteInput
    let templates: SiteTemplates

    func methodology() throws -> SiteFile {
        let path = "methodology/index.html"
        let page = PageContext(input: input, path: path)
        let context = page.make(title: "Methodology", description: "How the numbers are computed.", [:])
        return SiteFile(path: path, contents: try templates.render("methodology", context))
    }

    func downloads() throws -> SiteFile {
        let path = "downloads/index.html"
        let page = PageContext(input: input, path: path)
        let days = input.history.reportedDays.reversed().map { day in
            let iso = Fmt.iso(day)
            return DownloadDay(date: iso, files: DayExtracts.names.map {
                DownloadFiles(csv: page.href(SitePaths.data(iso, $0, "csv")), json: page.href(SitePaths.data(iso, $0, "json")))
            })
        }
        let periods = input.periods.map { period in
            DownloadDay(date: period.name, files: PeriodExtracts.names.map {
                DownloadFiles(csv: page.href(period.dataFolder + $0 + ".csv"), json: page.href(period.dataFolder + $0 + ".json"))
            })
        }
        let context = page.make(
            title: "Download the data", description: "Daily and period CSV and JSON extracts and their data dictionary.",
            ["names": DayExtracts.names, "days": days, "tables": DataDictionary.tables,
             "periodNames": PeriodExtracts.names, "periods": periods])
        return SiteFile(path: path, contents: try templates.render("downloads", context))
    }
}

/// A day of the downloads page and the links to its extracts.
struct DownloadDay: MustacheParent {
    var date: String
    var files: [DownloadFiles]

    func child(named field: String) -> Any? {
        switch field {
        case "date": date
        case "files": files
        default: nil
        }
    }
}

struct DownloadFiles: MustacheParent {
    var csv, json: String

    func child(named field: String) -> Any? {
        switch field {
        case "csv": csv
        case "json": json
        default: nil
        }
    }
}
