import ArgumentParser

/// `--out` where a command writes the site (`mail` reads it and says so in its own words).
struct SiteFolderOption: ParsableArguments {
    @Option(help: "The output folder.")
    var out: String = "site"
}

/// `--log-format`, for the commands that run long enough to log.
struct LogFormatOption: ParsableArguments {
    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text
}

/// `--base-url`, the site's absolute address: its help differs by command, its check does not.
enum BaseURLOption {
    static func validate(_ baseURL: String?) throws {
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must be an absolute http(s) URL.")
        }
    }
}
