import Foundation
import Pipeline
import Site
import Store
import TestSupport

/// A site built into a fresh temporary folder from synthetic streams.
struct BuiltSite {
    private let scratch: ScratchFolder
    var folder: URL { scratch.url }
    /// The output folder: `site` in `folder` unless given.
    let site: URL
    var database: String { folder.appendingPathComponent("db.sqlite").path }

    init(_ streams: SyntheticStreams = SyntheticStreams(), baseURL: String? = nil, templates: URL? = nil,
         channelPages: Int = 1000, site: URL? = nil, publishOperations: PublishOperations = .system) throws {
        scratch = try ScratchFolder()
        self.site = site ?? scratch.file("site")
        try importStreams(streams)
        try build(baseURL: baseURL, templates: templates, channelPages: channelPages, publishOperations: publishOperations)
    }

    /// Imports more streams (rows already imported add nothing).
    func importStreams(_ streams: SyntheticStreams) throws {
        let input = folder.appendingPathComponent("streams-\(UUID().uuidString).ndjson")
        try Data(streams.ndjson().utf8).write(to: input)
        _ = try ImportJob.run(store: try Store(path: database), paths: [input.path], skipInvalid: false)
    }

    @discardableResult
    func build(baseURL: String? = nil, templates: URL? = nil, channelPages: Int = 1000,
               output: URL? = nil, publishOperations: PublishOperations = .system) throws -> BuildReport {
        try BuildJob.run(BuildOptions(
            databasePath: database, output: output ?? site, baseURL: baseURL, templates: templates,
            channelPages: channelPages, publishOperations: publishOperations))
    }

    func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: site.appendingPathComponent(path).path) ?? Data(), as: UTF8.self)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path) }

    /// Relative paths of every file of the site with the given suffix.
    func files(endingWith suffix: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: site.path)
        var paths: [String] = []
        while let p = walker?.nextObject() as? String { if p.hasSuffix(suffix) { paths.append(p) } }
        return paths.sorted()
    }

    /// Removes the folder now rather than when the last copy of this value goes away.
    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Values of `attribute="…"` in an HTML text.
func attributeValues(_ attribute: String, in html: String) -> [String] {
    var values: [String] = []
    var rest = html[...]
    let marker = " \(attribute)=\""
    while let r = rest.range(of: marker) {
        let after = rest[r.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        values.append(String(after[..<end]))
        rest = after[end...]
    }
    return values
}
