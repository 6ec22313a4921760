import Foundation
import Site

/// A day's digest as `build` wrote it: `reports/D/email.html` and `email.txt`, with every link
/// made absolute (a digest built without `--base-url` has links relative to its place in the
/// site; they are resolved against the base URL, and mail is refused when there is none).
struct DigestFiles {
    var subject: String
    var text: String
    var html: String

    static func read(site: URL, iso: String, baseURL: String?) throws -> DigestFiles {
        func load(_ path: String) throws -> (path: String, text: String) {
            let file = site.appendingPathComponent(path).path
            guard let data = FileManager.default.contents(atPath: file) else { throw MailJobError.digestMissing(file) }
            return (file, String(decoding: data, as: UTF8.self))
        }
        var html = try load(SitePaths.email(iso))
        var text = try load(SitePaths.emailText(iso))
        if text.text.contains(", still in progress;") { throw MailJobError.digestOutdated(text.path) }
        // The URL of the digest itself, against which its relative links are resolved.
        let page = baseURL.flatMap { URL(string: ($0.hasSuffix("/") ? $0 : $0 + "/") + SitePaths.email(iso)) }
        func resolve(_ link: String) -> String? {
            guard !isAbsolute(link), let page, let url = URL(string: link, relativeTo: page) else { return nil }
            return url.absoluteString
        }
        html.text = replacingLinks(in: html.text, resolve)
        text.text = text.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("../"), let url = resolve(String(trimmed)) else { return String(line) }
            return String(line.prefix(line.count - trimmed.count)) + url
        }.joined(separator: "\n")
        if let link = hrefs(in: html.text).first(where: { !isAbsolute($0) }) {
            throw MailJobError.relativeLinks(path: html.path, link: link)
        }
        if let line = text.text.split(separator: "\n").first(where: { $0.drop { $0 == " " }.hasPrefix("../") }) {
            throw MailJobError.relativeLinks(path: text.path, link: line.trimmingCharacters(in: .whitespaces))
        }
        return DigestFiles(subject: subject(html.text), text: text.text, html: html.text)
    }

    static func isAbsolute(_ link: String) -> Bool {
        link.hasPrefix("https://") || link.hasPrefix("http://") || link.hasPrefix("mailto:")
    }

    /// The values of every `href="..."` and `src="..."` attribute.
    static func hrefs(in html: String) -> [String] {
        var links: [String] = []
        _ = replacingLinks(in: html) { links.append($0); return nil }
        return links
    }

    /// `html` with each `href`/`src` value that `transform` maps to a new value replaced.
    static func replacingLinks(in html: String, _ transform: (String) -> String?) -> String {
        var out = ""
        var rest = Substring(html)
        while let match = rest.firstRange(of: #/(href|src)="([^"]*)"/#) {
            out += rest[..<match.lowerBound]
            let attribute = rest[match]
            let name = attribute.prefix { $0 != "=" }
            let value = String(attribute.dropFirst(name.count + 2).dropLast())
            out += "\(name)=\"\(transform(value) ?? value)\""
            rest = rest[match.upperBound...]
        }
        return out + rest
    }

    /// The page title, HTML entities decoded: the build writes "site name: day".
    static func subject(_ html: String) -> String {
        guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>", range: start.upperBound..<html.endIndex)
        else { return "Daily digest" }
        return String(html[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
