import Foundation
import Pipeline
import Store

/// A site built into a fresh temporary folder from synthetic streams.
struct BuiltSite {
    let folder: URL
    var site: URL { folder.appendingPathComponent("site") }
    var database: String { folder.appendingPathComponent("db.sqlite").path }

    init(_ streams: SyntheticStreams = SyntheticStreams(), baseURL: String? = nil, templates: URL? = nil,
         channelPages: Int = 1000) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("streams.ndjson")
        try Data(streams.ndjson().utf8).write(to: input)
        let store = try Store(path: database)
        _ = try ImportJob.run(store: store, paths: [input.path], skipInvalid: false)
        try build(baseURL: baseURL, templates: templates, channelPages: channelPages)
    }

    @discardableResult
    func build(baseURL: String? = nil, templates: URL? = nil, channelPages: Int = 1000) throws -> BuildReport {
        try BuildJob.run(BuildOptions(
            databasePath: database, output: site, baseURL: baseURL, templates: templates, channelPages: channelPages))
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
