import ArgumentParser
import Helix
import Logging

/// How log lines are written: text for people, JSON (one object a line) for machines.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// Sets up swift-log once for this process.
    func bootstrap(level: Logger.Level = .info) {
        switch self {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
