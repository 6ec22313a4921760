// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "twitch-stats",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "twitch-stats", targets: ["twitch-stats"]),
    ],
    dependencies: [
        // Exact versions: Package.resolved stays out of git, so these lines are what every
        // checkout builds with (each one is in the machines' offline package mirror).
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // C libraries from the system: libcurl for HTTP, zlib for reading .gz imports.
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]),
        // libpq: the PostgreSQL client, for collectors sharing one store.
        .systemLibrary(
            name: "CPostgres", path: "Sources/CPostgres", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),

        // An atomic swap of two folders, so a published site is replaced whole.
        .target(name: "CFileSwap", path: "Sources/CFileSwap"),
        // SQLite's process-wide options, set before the first connection opens.
        .target(name: "CSQLiteSetup", path: "Sources/CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),

        // Value types shared by every stage: observations, timestamps.
        .target(name: "Model"),
        // Deterministic made-up observations for tests and benchmarks.
        .target(name: "SyntheticData", dependencies: ["Model"]),
        // Inputs.
        .target(name: "Helix", dependencies: [
            "Model", "CCurl", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Import", dependencies: ["Model", "CZlib"]),
        // SQLite: raw observations, crawls, consolidated tables. The only module that writes SQL.
        .target(name: "Store", dependencies: [
            "Model", "CSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // PostgreSQL as the landing zone several collectors share: crawls packed per crawl, turns,
        // pulls. The only module that writes PostgreSQL's SQL.
        .target(name: "PostgresStore", dependencies: ["Model", "CPostgres"]),
        // Raw observations -> intervals, day parts, segments (incremental).
        .target(name: "Consolidation", dependencies: ["Model", "Store"]),
        // Consolidated data -> daily tables, rollups, series.
        .target(name: "Metrics", dependencies: ["Model", "Store"]),
        // Daily tables -> CSV and JSON files.
        .target(name: "Extracts", dependencies: ["Model", "Metrics"]),
        // Series in, SVG out. Knows nothing about Twitch.
        .target(name: "Charts"),
        // Pages, digest, search index.
        .target(name: "Site", dependencies: [
            "Model", "Store", "Metrics", "Extracts", "Charts", "CFileSwap",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // A simulated Twitch served as a Helix-compatible API.
        .target(name: "Simulator", dependencies: [
            "Model", .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "FlyingSocks", package: "FlyingFox"), .product(name: "Logging", package: "swift-log"),
        ]),
        // The digest by mail: MIME message building and SMTP sending over libcurl.
        .target(name: "Mail", dependencies: ["Model", "CCurl"]),
        // The jobs the commands run: import, collect, build (named steps), demo, mail.
        .target(name: "Pipeline", dependencies: [
            "Model", "Helix", "Import", "Store", "PostgresStore", "Consolidation", "Metrics", "Extracts", "Site", "Mail",
            "Simulator", .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "twitch-stats", dependencies: [
            "Pipeline", "Model", "Helix", "Store", "Simulator", "PostgresStore", "Mail",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "twitch-stats-bench", dependencies: [
            "Pipeline", "SyntheticData", "Model", "Store", "PostgresStore", "Consolidation", "Metrics", "Simulator", "Helix",
            "Site",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // What the test targets share: scratch folders, golden files, the fixtures in Tests/Fixtures.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Model", "TestSupport"]),
        .testTarget(name: "ConsolidationTests", dependencies: [
            "Consolidation", "Store", "Metrics", "Extracts", "Model", "SyntheticData", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Model", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Model", "Store"]),
        .testTarget(name: "ExtractsTests", dependencies: ["Extracts", "Model"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "HelixTests", dependencies: [
            "Helix", "Model", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "SiteTests", dependencies: [
            "Site", "Charts", "Metrics", "Extracts", "Model", "Store", "Pipeline", "TestSupport",
            .product(name: "Mustache", package: "swift-mustache"),
        ], exclude: ["Golden"]),
        // A throw-away PostgreSQL cluster shared by the tests that need one.
        .target(name: "PostgresTestSupport", dependencies: ["PostgresStore"], path: "Tests/PostgresTestSupport"),
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "PostgresTestSupport", "Model", "TestSupport"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Model"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "Pipeline", "Store", "Import", "Model", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "Model", "Store", "PostgresStore", "PostgresTestSupport", "Simulator", "Helix", "Import", "Extracts", "Metrics", "Site",
            "SyntheticData", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The command line: each command's option checks.
        .testTarget(name: "twitch-statsTests", dependencies: [
            "twitch-stats", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Fuzzed inputs, kill -9 and a soak, run against the built `twitch-stats` binary.
        .testTarget(name: "ReliabilityTests", dependencies: [
            "Pipeline", "Model", "Store", "Helix", "Simulator", "SyntheticData", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)
