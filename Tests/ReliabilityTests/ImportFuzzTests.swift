import Foundation
import Pipeline
import TestSupport
import Testing

/// Seeded mutations of the tiny fixture's real rows, imported by the built binary (a trap ends
/// the child, not the suite). Each mutated file is imported twice into a copy of a database that
/// already holds a day of crawls: strictly, where it must either import or stop with
/// `FILE:LINE: FIELD: reason` and leave the database exactly as it was; and with
/// `--skip-invalid`, where a row the strict import refused must be skipped and counted. Whatever
/// an import accepts, a build must then digest without failing.
@Suite struct ImportFuzzTests {
    @Test(arguments: [MutatedFile.Format.ndjson, .csv])
    func mutatedRowsAreImportedRefusedOrSkippedNeverATrap(format: MutatedFile.Format) async throws {
        let turn = await Turns.take()
        defer { turn.done() }
        let scratch = try ScratchFolder()
        let baseline = try await Self.baselineDatabase(in: scratch)
        let before = try await DatabaseCheck.contents(baseline)
        let original = try Data(contentsOf: format == .ndjson ? Fixtures.tinyNDJSON : Fixtures.tinyCSV)
        let seed = FuzzSettings.seed &+ (format == .ndjson ? 0 : 1 << 32)
        let cases = FuzzSettings.cases(20)

        // Two children at a time: this machine has two cores.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<cases {
                if n >= 2 { try await group.next() }
                group.addTask {
                    let caseSeed = seed &+ UInt64(n)
                    let file = try await onDedicatedThread {
                        var dice = Dice(seed: caseSeed)
                        return try ImportMutator.mutate(original, format: format, dice: &dice)
                    }
                    let label = "seed \(caseSeed) (TWITCH_STATS_FUZZ_SEED=\(FuzzSettings.seed), case \(n)): \(format.rawValue) \(file.mutation)"
                    try await Self.check(file, label: label, baseline: baseline, before: before)
                }
            }
            try await group.waitForAll()
        }
    }

    /// One mutated file: the strict import, the skipping import, then a build of what was accepted.
    static func check(_ file: MutatedFile, label: String, baseline: String, before: ContentsDigest) async throws {
        let scratch = try ScratchFolder()
        let input = try scratch.write(file.fileName, file.bytes)
        let strictDB = scratch.path("strict.sqlite")
        let skipDB = scratch.path("skip.sqlite")
        try await DatabaseCheck.copy(baseline, to: strictDB)
        try await DatabaseCheck.copy(baseline, to: skipDB)

        let strict = try await Child.run(["import", "--db", strictDB, input], in: scratch.url, limit: .seconds(60))
        #expect(!strict.signalled && !strict.timedOut, "\(label): strict import trapped or hung: \(strict.summary)")
        guard !strict.signalled, !strict.timedOut else { return }
        let strictError = ImportFailure(strict, file: input)
        if !strict.succeeded {
            #expect(strictError != nil, "\(label): no FILE:LINE: FIELD: reason error: \(strict.summary)")
            #expect(try await DatabaseCheck.contents(strictDB) == before, "\(label): a refused import changed the database")
            if let strictError, let touched = file.touchedLine {
                #expect(strictError.line >= touched && strictError.line <= file.lineCount + 1,
                        "\(label): error names line \(strictError.line), the mutation is on line \(touched): \(strictError.text)")
            }
        }

        let skip = try await Child.run(["import", "--db", skipDB, "--skip-invalid", input], in: scratch.url, limit: .seconds(60))
        #expect(!skip.signalled && !skip.timedOut, "\(label): --skip-invalid import trapped or hung: \(skip.summary)")
        guard !skip.signalled, !skip.timedOut else { return }
        let skipped = ImportSummary(skip.stdout)?.skippedInvalid
        if strict.succeeded {
            #expect(skip.succeeded && skipped == 0, "\(label): strict import accepted every row, --skip-invalid skipped some: \(skip.summary)")
            let strictContents = try await DatabaseCheck.contents(strictDB)
            #expect(try await DatabaseCheck.contents(skipDB) == strictContents,
                    "\(label): --skip-invalid wrote something else than the strict import")
        } else if skip.succeeded {
            #expect((skipped ?? 0) >= 1, "\(label): strict import refused a row, --skip-invalid counted no skip: \(skip.summary)")
        } else {
            // A fault of the file itself (a truncated gzip stream) cannot be skipped row by row.
            #expect(ImportFailure(skip, file: input) != nil, "\(label): no FILE:LINE: FIELD: reason error: \(skip.summary)")
            #expect(try await DatabaseCheck.contents(skipDB) == before, "\(label): a refused import changed the database")
        }

        guard let accepted = strict.succeeded ? strictDB : skip.succeeded ? skipDB : nil else { return }
        #expect(try await DatabaseCheck.integrity(accepted) == ["ok"], "\(label)")
        let build = try await Child.run(
            ["build", "--db", accepted, "--out", scratch.path("site"), "--channel-pages", "10"], in: scratch.url, limit: .seconds(60))
        #expect(build.succeeded, "\(label): the build after an accepted import failed: \(build.summary)")
    }

    /// A day of synthetic crawls before the tiny fixture's, imported once and copied for each case.
    static func baselineDatabase(in scratch: ScratchFolder) async throws -> String {
        let rows = try await SyntheticFile.ndjson(streams: 20, crawls: 12, intervalMinutes: 60, start: 1_772_755_200_000, seed: 4)[0]
        let file = try scratch.write("baseline.ndjson", rows)
        let path = scratch.path("baseline.sqlite")
        let run = try await Child.run(["import", "--db", path, file], in: scratch.url)
        try #require(run.succeeded, "baseline import: \(run.summary)")
        return path
    }
}

/// `Error: FILE:LINE: FIELD: reason` on a child's standard error.
struct ImportFailure {
    var line: Int
    var field: String
    var reason: String
    var text: String

    init?(_ run: ChildRun, file: String) {
        let prefix = "Error: \(file):"
        guard let errorLine = run.stderr.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        text = String(errorLine.prefix(300))
        let parts = errorLine.dropFirst(prefix.count).split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(parts[0]), line >= 0 else { return nil }
        let field = parts[1].trimmingCharacters(in: .whitespaces)
        let reason = parts[2].trimmingCharacters(in: .whitespaces)
        // A clear message names a field and says why in a line a person can read, without echoing
        // megabytes of the input.
        guard !field.isEmpty, !field.contains(" "), !reason.isEmpty, errorLine.utf8.count < 4_096 else { return nil }
        self.line = line
        self.field = field
        self.reason = reason
    }
}

/// The `import` command's last line: `imported N rows from F file(s): …, K invalid rows skipped`.
struct ImportSummary {
    var rows: Int
    var skippedInvalid: Int

    init?(_ stdout: String) {
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix("imported ") }) else { return nil }
        let words = line.split(separator: " ")
        guard words.count > 1, let rows = Int(words[1]) else { return nil }
        self.rows = rows
        skippedInvalid = 0
        if let range = line.range(of: " invalid rows skipped") {
            let before = line[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
            skippedInvalid = Int(before) ?? -1
        }
    }
}
