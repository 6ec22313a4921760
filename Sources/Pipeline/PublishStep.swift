import Site
import Store

/// Swaps the new site in, then records what the published site now reflects. Only then: a
/// publish that fails leaves the dirty days dirty, a pending full rewrite pending and the old
/// render settings, so the next build writes all of it again. Each record is true on its own once
/// the site is published, so a failure between them only makes the next build redo more.
enum PublishStep {
    static func run(_ c: BuildContext) throws {
        try c.checkpoint?.value()
        guard let staging = c.staging else { return }
        c.report.changedFiles = staging.changedFiles
        c.report.published = try staging.publish()
        try c.store.clearDirty(c.dirtyDays)
        try c.store.setMeta(.fullRewritePending, nil)
        for (key, value) in c.siteState.sorted(by: { $0.key < $1.key }) { try c.store.setSiteState(key, value) }
    }
}
