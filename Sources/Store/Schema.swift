import GRDB

/// The schema, as named migrations applied in order. Released migrations are never edited;
/// a change is a new migration. Each migration lives in its own file under `Migrations/` with a
/// private copy of whatever code it runs (packing blobs, reading old tables): code the current
/// tables use may change, and what an old migration does to a database must not.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-raw", migrate: FrozenV1Raw.migrate)
        migrator.registerMigration("v1-consolidated", migrate: FrozenV1Consolidated.migrate)
        migrator.registerMigration("v2-site-history", migrate: FrozenV2SiteHistory.migrate)
        migrator.registerMigration("v3-stream-state-in-segments", migrate: FrozenV3StreamStateInSegments.migrate)
        migrator.registerMigration("v4-history-channel-rank", migrate: FrozenV4HistoryChannelRank.migrate)
        migrator.registerMigration("v5-crawl-share-blobs", migrate: FrozenV5CrawlShareBlobs.migrate)
        migrator.registerMigration("v6-day-segment-streams", migrate: FrozenV6DaySegmentStreams.migrate)
        migrator.registerMigration("v7-day-channel-peaks", migrate: FrozenV7DayChannelPeaks.migrate)
        migrator.registerMigration("v8-crawl-left-out", migrate: FrozenV8CrawlLeftOut.migrate)
        migrator.registerMigration("v9-periods", migrate: FrozenV9Periods.migrate)
        migrator.registerMigration("v10-dashboards", migrate: FrozenV10Dashboards.migrate)
        migrator.registerMigration("v11-pulled-crawls", migrate: FrozenV11PulledCrawls.migrate)
        migrator.registerMigration("v12-mail-sent", migrate: FrozenV12MailSent.migrate)
        migrator.registerMigration("v13-period-sums", migrate: FrozenV13PeriodSums.migrate)
        return migrator
    }
}
