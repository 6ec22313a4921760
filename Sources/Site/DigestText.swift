/// `reports/D/email.txt`: the day's digest as plain text, written for reading in a mail client that
/// shows no HTML. Made from the same cells and rows as `email.html`, so both parts of the mailed
/// digest say the same; each link stands on a line of its own so that clients make it clickable.
struct DigestText {
    var siteName: String
    var dateLong: String
    var timeZone: String
    var inProgress: Bool
    var stats: [DigestPage.Cell]
    var sections: [DigestPage.Section]
    var links: [(label: String, url: String)]

    func render() -> String {
        var lines = [
            "\(siteName) · daily digest",
            "Twitch on \(dateLong)",
            "\(timeZone) day\(inProgress ? ", still in progress" : ""); changes against the day before.",
            "",
        ]
        let labelWidth = stats.map(\.label.count).max() ?? 0
        for cell in stats {
            let label = (cell.label + ":").padding(toLength: labelWidth + 1, withPad: " ", startingAt: 0)
            lines.append("  \(label) \(cell.value)" + (cell.delta.map { " (\($0))" } ?? ""))
        }
        for section in sections {
            lines += ["", section.heading, String(repeating: "-", count: section.heading.count)]
            if let note = section.note { lines.append(note) }
            let rankWidth = section.rows.map(\.rank.count).max() ?? 0
            for row in section.rows {
                let rank = String(repeating: " ", count: rankWidth - row.rank.count) + row.rank
                let change = row.change.isEmpty ? "" : ", rank \(row.change)"
                lines.append("\(rank). \(row.name): \(row.value) \(section.valueHeading.lowercased())\(change)")
                lines.append(String(repeating: " ", count: rankWidth + 2) + row.href)
            }
        }
        lines.append("")
        for link in links { lines += ["\(link.label):", link.url] }
        return lines.joined(separator: "\n") + "\n"
    }
}
