import Extracts
import Metrics

/// Writes the extracts of each period the periods step computes, as it hands them over
/// (`BuildContext.periodExtracts`), so that the full tables of at most two periods are held at
/// once and their files are written while the next period is computed.
enum PeriodExtractsStep {
    static func run(_ c: BuildContext) throws {
        guard let staging = c.staging else {
            while c.periodExtracts.receive() != nil {}
            return
        }
        do {
            while let tables = c.periodExtracts.receive() {
                try ExtractsStep.write(PeriodExtracts.files(tables), to: staging)
            }
        } catch {
            // The periods step stops handing tables over instead of waiting for this thread.
            c.periodExtracts.cancel()
            throw error
        }
    }
}
