import Foundation
import Import
import Model
import Store

/// What an import did.
public struct ImportReport: Sendable {
    public var files = 0
    public var rows = 0
    public var skippedInvalid = 0
    public var writer = ObservationWriter.Summary()

    public init() {}
}

/// `twitch-stats import`: reads every file, validates every row, and writes all of it in one
/// transaction — a bad row (without `--skip-invalid`) leaves the database untouched.
public enum ImportJob {
    /// - Parameter rules: the plausibility rules rows must meet; by default as of now.
    public static func run(
        store: Store, paths: [String], skipInvalid: Bool, progress: StatusLine? = nil,
        rules: Plausibility = Plausibility()
    ) throws -> ImportReport {
        var report = ImportReport()
        try store.write { db in
            let writer = try ObservationWriter(db)
            for path in paths {
                let reader = try ObservationReader(path: path, rules: rules)
                report.files += 1
                writer.resetTokens()  // each reader numbers its streams from 0
                try readInBackground(reader) { batch in
                    for row in batch {
                        switch row {
                        case .repeated(let token, let viewers, let observedAt, _):
                            try writer.addRepeat(token: token, viewers: viewers, observedAt: observedAt)
                            report.rows += 1
                        case .observation(let observation, _, let token):
                            if let token {
                                try writer.addImported(observation, token: token)
                            } else {
                                try writer.add(observation, crawlTime: observation.observedAt)
                            }
                            report.rows += 1
                        case .tokensReset:
                            writer.resetTokens()
                        case .failure(let error):
                            guard skipInvalid else { throw error }
                            report.skippedInvalid += 1
                        }
                    }
                    progress?.update(Self.progressText(reader, rows: report.rows))
                }
            }
            report.writer = try writer.finish()
        }
        progress?.finish()
        return report
    }

    /// Parses on a second thread while this one writes; rows arrive in file order, in batches.
    private static func readInBackground(_ reader: ObservationReader, _ consume: ([ImportedRow]) throws -> Void) throws {
        // Room for a few full-Twitch crawls (160 × 4,096 rows): the writer is slower on the first
        // crawls (every stream new) and faster later (mostly repeats), so the reader must be able
        // to run ahead early for the two threads to stay busy. Repeats are a few bytes each; a
        // backlog of only new rows would hold up to about 250 MB.
        let channel = BatchChannel<Result<[ImportedRow], Error>>(capacity: 160)
        let box = UncheckedSendable(reader)
        startThread(named: "import reader") {
            var batch: [ImportedRow] = []
            batch.reserveCapacity(4096)
            do {
                try box.value.forEachRow { row in
                    batch.append(row)
                    if batch.count == 4096 {
                        if !channel.send(.success(batch)) { throw CancellationError() }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = channel.send(.success(batch)) }
            } catch is CancellationError {
            } catch {
                _ = channel.send(.failure(error))
            }
            channel.close()
        }
        do {
            while let next = channel.receive() { try consume(try next.get()) }
        } catch {
            channel.cancel()
            while channel.receive() != nil {}
            throw error
        }
    }

    private static func progressText(_ reader: ObservationReader, rows: Int) -> String {
        var text = "importing \(reader.displayName): \(groupedByThousands(rows)) rows"
        if let total = reader.totalBytes, total > 0 {
            text += " (\(min(100, Int(reader.bytesConsumed * 100 / total)))%)"
        }
        return text
    }
}
