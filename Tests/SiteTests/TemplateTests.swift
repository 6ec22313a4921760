import Foundation
import TestSupport
import Testing
@testable import Site

@Suite("Templates")
struct TemplateTests {
    static var templatesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates")
    }

    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.templatesFolder.path)
            .filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == EmbeddedTemplates.files.keys.sorted(), "run scripts/embed-templates")
        for name in names {
            let text = try String(contentsOf: Self.templatesFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(text == EmbeddedTemplates.files[name], "\(name) differs from its embedded copy: run scripts/embed-templates")
        }
    }

    @Test func aFileInTheOverrideFolderReplacesTheBuiltInOne() throws {
        let scratch = try ScratchFolder()
        let overrides = scratch.url
        try "{{> head}}<p id=\"custom\">Custom methodology in {{timeZone}}</p>{{> foot}}"
            .write(to: overrides.appendingPathComponent("methodology.mustache"), atomically: true, encoding: .utf8)
        try "body { color: red; }\n".write(to: overrides.appendingPathComponent("site.css"), atomically: true, encoding: .utf8)
        try "ignored".write(to: overrides.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 1), templates: overrides)
        defer { built.remove() }
        #expect(built.text("methodology/index.html").contains("<p id=\"custom\">Custom methodology in UTC</p>"))
        #expect(built.text("methodology/index.html").contains("<link rel=\"stylesheet\" href=\"../site.css\">"))
        #expect(built.text("site.css") == "body { color: red; }\n")
        #expect(built.text("games/index.html").contains("<h1>Games</h1>"))
        #expect(!built.exists("notes.txt"))
    }

    /// Counted in the file as written: the line every template gets in front does not count.
    @Test func aBrokenOverrideNamesItsFileAndLine() throws {
        let scratch = try ScratchFolder()
        let overrides = scratch.url
        try "<dl>\n{{#stats}}<dt>{{label}}</dt>\n</dl>\n"
            .write(to: overrides.appendingPathComponent("stats.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try SiteTemplates(overrides: overrides)
        } throws: { error in
            "\(error)" == "template stats.mustache: line 4, column 1: a section is opened and never closed"
        }
        try "<p>{{name</p>\n".write(to: overrides.appendingPathComponent("stats.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try SiteTemplates(overrides: overrides)
        } throws: { error in
            "\(error)".hasPrefix("template stats.mustache: line 1, column ") && "\(error)".hasSuffix("a tag is not closed")
        }
    }

    @Test func everyExtractColumnIsInTheDataDictionary() {
        #expect(DataDictionary.undocumented.isEmpty, "\(DataDictionary.undocumented)")
    }
}
