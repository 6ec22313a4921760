/// Builds the dictionary a template renders: the page frame's fields plus the page's own.
/// Dictionaries keep lookups cheap when thousands of pages render.
struct PageContext {
    let input: SiteInput
    let path: String
    /// The last day whose data the page shows ("data through" in the footer). A permalink page that
    /// a later build does not render again (a day's report, a month) names its own last day, so
    /// that building in steps writes the same page as one build; other pages name the latest day.
    var dataThrough: Int?

    var root: String { SitePaths.root(of: path) }

    /// A link from this page to another site path.
    func href(_ target: String) -> String { root + target }

    func make(title: String, description: String, _ fields: [String: Any]) -> [String: Any] {
        var context: [String: Any] = [
            "title": title, "description": description, "root": root, "siteName": input.siteName,
            "builtFrom": Fmt.iso(dataThrough ?? input.history.latestDay), "timeZone": input.timeZoneName,
        ]
        for (key, value) in fields { context[key] = value }
        if let stats = fields["stats"] as? [Stat] { context["statsBody"] = Stat.bodyHTML(stats) }
        return context
    }
}
