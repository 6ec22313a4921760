import Site

/// Starts the new version of the site: for an incremental build, a tree of hard links to every
/// published file. That costs as much as the site has files and needs nothing from the store, so
/// it runs beside consolidation, which mostly waits on the disk.
enum StagingStep {
    static func run(_ c: BuildContext) throws {
        try start(c, keepPublished: try c.store.meta(.fullRewritePending) == nil)
    }

    /// Consolidation that had to recompute everything asks for a full rewrite: a staging folder
    /// that started from the published files is started again, empty.
    static func restartIfRewriteIsDue(_ c: BuildContext) throws {
        guard c.stagingKeepsPublished, try c.store.meta(.fullRewritePending) != nil else { return }
        c.staging?.discard()
        try start(c, keepPublished: false)
    }

    private static func start(_ c: BuildContext, keepPublished: Bool) throws {
        c.staging = try SiteStaging(output: c.options.output, keepPublished: keepPublished,
                                    operations: c.options.publishOperations)
        c.stagingKeepsPublished = keepPublished
    }
}
