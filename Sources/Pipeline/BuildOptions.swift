import Foundation
import Site

/// What `build` is asked to do.
public struct BuildOptions: Sendable {
    public var databasePath: String
    public var output: URL
    public var timeZone: String
    public var baseURL: String?
    public var keepRawDays: Int
    public var templates: URL?
    public var channelPages: Int
    /// The file-system operations that swap the new site in; tests replace them to inject failures.
    public var publishOperations: PublishOperations
    /// Set: crawls are first pulled from this shared PostgreSQL store into the database.
    public var source: PullOptions?

    public init(databasePath: String, output: URL, timeZone: String = "UTC", baseURL: String? = nil,
                keepRawDays: Int = 7, templates: URL? = nil, channelPages: Int = 1000,
                publishOperations: PublishOperations = .system, source: PullOptions? = nil) {
        self.databasePath = databasePath
        self.output = output
        self.timeZone = timeZone
        self.baseURL = baseURL
        self.keepRawDays = keepRawDays
        self.templates = templates
        self.channelPages = channelPages
        self.publishOperations = publishOperations
        self.source = source
    }
}

extension BuildOptions {
    /// The output folder with every symbolic link in its path followed: the new version is
    /// assembled beside the folder the link names and swapped in there, so that a link (say, a
    /// web server's root pointing at the site) keeps pointing at the published site. Swapped at
    /// the link itself, the link would become a plain folder and its target stay behind, stale.
    /// Two builds that name one folder by different paths also meet at one lock this way.
    static func resolvingLinks(_ output: URL) -> URL {
        // Folders not made yet hold no links: resolve the deepest one that exists, keep the rest.
        var existing = output.standardizedFileURL
        var missing: [String] = []
        while true {
            if let real = realPath(existing.path) {
                return missing.reversed().reduce(URL(fileURLWithPath: real, isDirectory: true)) {
                    $0.appendingPathComponent($1, isDirectory: true)
                }
            }
            let parent = existing.deletingLastPathComponent()
            if parent.path == existing.path { return output.standardizedFileURL }
            missing.append(existing.lastPathComponent)
            existing = parent
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
