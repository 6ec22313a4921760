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
