import Charts
import Foundation
import Model
import Mustache

public struct TemplateError: Error, CustomStringConvertible {
    public var name: String
    public var reason: String
    public var description: String { "template \(name): \(reason)" }
}

/// The page templates and the static assets (`site.css`, `search.js`, `tables.js`): the built-in copies,
/// with any file of the same name in the override folder taking their place.
public struct SiteTemplates: Sendable {
    public static let templateExtension = ".mustache"
    /// Static files copied to the site root as they are.
    public static let assets = ["site.css", "search.js", "tables.js"]

    private let library: MustacheLibrary
    /// Asset contents by file name.
    public let assetFiles: [String: String]
    /// File names taken from the override folder.
    public let overridden: [String]
    /// A hash of every template and asset text: pages rendered with other templates must be rendered again.
    public let fingerprint: String

    /// - Parameter overrides: a folder whose files replace the built-in files of the same name.
    public init(overrides: URL? = nil) throws {
        var files = EmbeddedTemplates.files
        var overridden: [String] = []
        if let overrides {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: overrides.path)
            } catch {
                throw TemplateError(name: overrides.path, reason: "cannot read the templates folder")
            }
            for name in names.sorted() where files[name] != nil {
                guard let data = FileManager.default.contents(atPath: overrides.appendingPathComponent(name).path),
                    let text = String(data: data, encoding: .utf8)
                else { throw TemplateError(name: name, reason: "cannot read it as UTF-8 text") }
                files[name] = text
                overridden.append(name)
            }
        }
        MustacheContentTypes.register(PageText(), named: PageText.name)
        var library = MustacheLibrary()
        for (name, text) in files where name.hasSuffix(Self.templateExtension) {
            let key = String(name.dropLast(Self.templateExtension.count))
            do {
                try library.register(PageText.pragma + text, named: key)
            } catch {
                throw TemplateError(name: name, reason: Self.describe(error))
            }
        }
        self.library = library
        fingerprint = Self.hash(files.sorted { $0.key < $1.key }.map { $0.key + "\u{0}" + $0.value })
        self.overridden = overridden
        assetFiles = files.filter { Self.assets.contains($0.key) }
    }

    /// How `{{name}}` escapes its value in every template: as swift-mustache's HTML does, and
    /// forbidden control characters too, but scalar by scalar where it looked each Character up in a
    /// dictionary (a tenth of the time of rendering thousands of pages).
    struct PageText: MustacheContentType {
        static let name = "TWITCH_STATS_HTML"
        /// Put in front of each template, on a line of its own: renders as nothing.
        static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

        func escapeText(_ text: String) -> String { escapeXML(text) }
    }

    /// A parse error in words, at its line and column in the file (not counting `PageText.pragma`).
    static func describe(_ error: any Error) -> String {
        guard let parse = error as? MustacheTemplate.ParserError else { return "\(error)" }
        let what: String
        switch parse.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: what = "a section is closed with another name than it was opened with"
        case .unfinishedName: what = "a tag is not closed"
        case .expectedSectionEnd: what = "a section is opened and never closed"
        case .invalidSetDelimiter: what = "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: what = "a transform is applied to an inherited section"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            what = "a partial's inherited section holds something other than blocks"
        case .invalidConfigVariableSyntax: what = "a {{% ... }} tag is malformed"
        case .unrecognisedConfigVariable: what = "a {{% ... }} tag names an unknown setting"
        case nil: what = "\(parse.error)"
        }
        return "line \(max(1, parse.context.lineNumber - 1)), column \(parse.context.columnNumber): \(what)"
    }

    /// `FNV1a` over the texts, in hex without leading zeros: stable across runs and machines.
    public static func hash(_ texts: [String]) -> String {
        var h = FNV1a()
        for text in texts { h.addField(text) }
        return String(h.value, radix: 16)
    }

    /// Renders template `name` (without extension) with a context value.
    public func render(_ name: String, _ context: Any) throws -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw TemplateError(name: name + Self.templateExtension, reason: "no such template")
        }
        return text
    }
}
