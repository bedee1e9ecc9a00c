import type { Migration } from './migrations'

/**
 * Cases a staff member follows (关注): the workbench's "watched" list beside todo and done. One row
 * per user × case; removed with the case by retention (ops/retention.ts CASE_TABLES).
 */
export const caseWatches: Migration = {
  name: '20261122-012-case-watches',
  async up(k) {
    await k.schema.createTable('case_watches', (t) => {
      t.string('user_id', 64).notNullable()
      t.string('case_id', 64).notNullable()
      t.bigInteger('created_at').notNullable()
      t.primary(['user_id', 'case_id'])
      t.index(['case_id'])
    })
  },
  async down(k) {
    await k.schema.dropTableIfExists('case_watches')
  },
}
