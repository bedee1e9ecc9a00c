import type { Migration } from './migrations'

/**
 * Publication on a future effective date: the version the legal office approved to take effect on
 * `scheduled_date` (China day, YYYY-MM-DD). Until then `published_version` stays in force; from
 * that day on the scheduled version is the current one (items-store.ts effectiveVersion) and is
 * recorded as published when the item is next touched or by the scheduler (settleScheduled).
 */
export const scheduledVersions: Migration = {
  name: '20261122-010-scheduled-versions',
  async up(k) {
    await k.schema.alterTable('items', (t) => {
      t.integer('scheduled_version')
      t.string('scheduled_date', 10)
      t.index(['scheduled_date'])
    })
  },
  async down(k) {
    await k.schema.alterTable('items', (t) => {
      t.dropIndex(['scheduled_date'])
      t.dropColumn('scheduled_version')
      t.dropColumn('scheduled_date')
    })
  },
}
