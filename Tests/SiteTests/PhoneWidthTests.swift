import Foundation
import Testing

/// What keeps the pages from scrolling sideways on a phone: a browser would tell whether the body
/// is wider than the viewport; these tests hold the two things the layout relies on.
@Suite struct PhoneWidthTests {
    /// Tables are wider than a phone: each must scroll inside its own box.
    @Test func everyTableOfEveryPageSitsInAScrollingBox() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 12, days: 3))
        defer { built.remove() }
        // The email digest is laid out with tables for mail programs, without the stylesheet.
        let pages = built.files(endingWith: ".html").filter { !$0.hasSuffix("/email.html") }
        for kind in ["index.html", "reports/", "games/", "channels/", "streams/", "languages/", "months/",
                     "periods/", "coverage/", "downloads/", "methodology/"] {
            #expect(pages.contains { $0.hasPrefix(kind) }, "no page \(kind)")
        }
        var tables = 0
        for path in pages {
            let html = built.text(path)
            var rest = html[...]
            while let table = rest.range(of: "<table") {
                tables += 1
                #expect(html[..<table.lowerBound].hasSuffix("<div class=\"table-wrap\">"),
                        "\(path): a table outside <div class=\"table-wrap\">")
                rest = rest[table.upperBound...]
            }
        }
        #expect(tables > pages.count)
        let css = built.text("site.css")
        #expect(css.contains(".table-wrap { overflow-x: auto;"))
    }

    /// A grid column whose minimum is `auto` grows to the widest thing in it, so the table boxes
    /// in it would widen the page instead of scrolling: every flexible track has a fixed minimum.
    @Test func gridColumnsCanBeNarrowerThanTheirTables() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 3, days: 1))
        defer { built.remove() }
        let css = built.text("site.css")
        let declarations = Self.values(of: "grid-template-columns", in: css)
        #expect(!declarations.isEmpty)
        for value in declarations {
            #expect(!Self.withoutFixedMinimums(value).contains("fr"), "grid-template-columns: \(value)")
        }
        #expect(css.contains(".grid > * { min-width: 0; }"))
    }

    @Test func aTrackWithAnAutomaticMinimumIsFound() {
        #expect(Self.withoutFixedMinimums("1fr").contains("fr"))
        #expect(Self.withoutFixedMinimums("repeat(2, 1fr)").contains("fr"))
        #expect(Self.withoutFixedMinimums("minmax(auto, 1fr)").contains("fr"))
        #expect(!Self.withoutFixedMinimums("minmax(0, 1fr)").contains("fr"))
        #expect(!Self.withoutFixedMinimums("repeat(auto-fill, minmax(10.5rem, 1fr))").contains("fr"))
    }

    static func values(of property: String, in css: String) -> [String] {
        var values: [String] = []
        var rest = css[...]
        while let start = rest.range(of: property + ":") {
            let after = rest[start.upperBound...]
            let end = after.firstIndex { $0 == ";" || $0 == "}" } ?? after.endIndex
            values.append(after[..<end].trimmingCharacters(in: .whitespaces))
            rest = after[end...]
        }
        return values
    }

    /// The value with every `minmax(m, …)` whose minimum `m` is a length removed.
    static func withoutFixedMinimums(_ value: String) -> String {
        var text = value
        while let open = text.range(of: "minmax("), let close = text[open.upperBound...].firstIndex(of: ")") {
            let minimum = text[open.upperBound...].prefix { $0 != "," }.trimmingCharacters(in: .whitespaces)
            let keep = ["auto", "min-content", "max-content"].contains(minimum)
            text.replaceSubrange(open.lowerBound...close, with: keep ? "FR" : "")
        }
        return text.replacingOccurrences(of: "FR", with: "fr")
    }
}
