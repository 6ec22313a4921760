import Charts
import Extracts

/// The data behind each chart of a page as a small CSV file beside it (`chart-1.csv`,
/// `chart-2.csv`, … in the page's order), linked from the chart's data table. Labels are escaped
/// against spreadsheet formulas as in the extracts; numbers are written as they are.
enum ChartFiles {
    /// The page's charts with their CSV links, and the CSV files to write.
    static func attach(_ blocks: [ChartBlock], page path: String) -> (blocks: [ChartBlock], files: [SiteFile]) {
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        var linked = blocks
        var files: [SiteFile] = []
        for i in linked.indices {
            guard let data = linked[i].data else { continue }
            let name = "chart-\(files.count + 1).csv"
            linked[i].csvHref = name
            files.append(SiteFile(path: folder.isEmpty ? name : folder + "/" + name, contents: csv(data)))
        }
        return (linked, files)
    }

    /// Whether a file name is one `attach` gives: `chart-` and a number from 1, then `.csv`.
    static func isChartFile(_ name: some StringProtocol) -> Bool {
        guard name.hasPrefix("chart-"), name.hasSuffix(".csv") else { return false }
        let number = name.utf8.dropFirst(6).dropLast(4)
        return !number.isEmpty && number.first != UInt8(ascii: "0") && number.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func csv(_ data: ChartData) -> String {
        let writer = CSVWriter(header: data.headers)
        for row in data.rows {
            writer.appendRow([.text(row.label)] + row.values.map { .plain($0) })
        }
        return writer.text
    }
}
