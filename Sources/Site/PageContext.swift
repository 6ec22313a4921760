/// Builds the dictionary a template renders: the page frame's fields plus the page's own.
/// Dictionaries keep lookups cheap when thousands of pages render.
struct PageContext {
    let input: SiteInput
    let path: String

    var root: String { SitePaths.root(of: path) }

    /// A link from this page to another site path.
    func href(_ target: String) -> String { root + target }

    func make(title: String, description: String, _ fields: [String: Any]) -> [String: Any] {
        var context: [String: Any] = [
            "title": title, "description": description, "root": root, "siteName": input.siteName,
            "builtFrom": Fmt.iso(input.history.latestDay), "timeZone": input.timeZoneName,
        ]
        for (key, value) in fields { context[key] = value }
        return context
    }
}
