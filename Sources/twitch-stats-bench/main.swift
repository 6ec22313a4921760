import Foundation

/// `twitch-stats-bench`: prints figures and ratios against the targets; never part of the tests.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: twitch-stats-bench core [--import N] [--build N] [--streams N] [--dir DIR] [--keep yes] [--prepare-only yes]
    """

switch arguments.first {
case "core":
    try CoreBenchmark(arguments: Array(arguments.dropFirst())).run()
default:
    print(usage)
    exit(arguments.isEmpty ? 0 : 2)
}
