import Import
import Model
import Store

/// What an import did.
public struct ImportReport: Sendable {
    public var files = 0
    public var rows = 0
    public var skippedInvalid = 0
    public var writer = ObservationWriter.Summary()
}

/// `twitch-stats import`: reads every file, validates every row, and writes all of it in one
/// transaction — a bad row (without `--skip-invalid`) leaves the database untouched.
public enum ImportJob {
    public static func run(
        store: Store, paths: [String], skipInvalid: Bool, progress: ProgressLine? = nil
    ) throws -> ImportReport {
        var report = ImportReport()
        try store.write { db in
            let writer = try ObservationWriter(db)
            for path in paths {
                let reader = try ObservationReader(path: path)
                report.files += 1
                var rowsInFile = 0
                try reader.forEach { result in
                    switch result {
                    case .success(let (observation, _)):
                        try writer.add(observation, crawlTime: observation.observedAt)
                        report.rows += 1
                    case .failure(let error):
                        guard skipInvalid else { throw error }
                        report.skippedInvalid += 1
                    }
                    rowsInFile += 1
                    if rowsInFile & 0x3FFF == 0, let progress {
                        progress.update(Self.progressText(reader, rows: report.rows))
                    }
                }
            }
            report.writer = try writer.finish()
        }
        progress?.finish()
        return report
    }

    private static func progressText(_ reader: ObservationReader, rows: Int) -> String {
        var text = "importing \(reader.displayName): \(rows.formatted) rows"
        if let total = reader.totalBytes, total > 0 {
            text += " (\(min(100, Int(reader.bytesConsumed * 100 / total)))%)"
        }
        return text
    }
}

extension Int {
    /// 1234567 → "1,234,567".
    var formatted: String {
        let digits = String(self.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return self < 0 ? "-" + out : out
    }
}
