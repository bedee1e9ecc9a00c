import type { Migration } from './migrations'

/**
 * Operations: time-based warnings raised by the scheduler (exactly once per case × clock × level ×
 * definition version, enforced by a unique key), and what the upward exchange feed delivered.
 * scheduler_leases, calendar_entries and settings already exist (001).
 */
export const operations: Migration = {
  name: '20261122-004-operations',
  async up(k) {
    await k.schema.createTable('warnings', (t) => {
      t.increments('id')
      t.string('case_id', 64).notNullable().references('id').inTable('cases')
      t.string('department_id', 64).notNullable()
      // promised | statutory | step | specialProcedure | preAcceptance | point (a definition's monitoring point)
      t.string('kind', 24).notNullable()
      // the step, `procedure@start` of a special procedure, the point id, or '' for a case clock
      t.string('node', 100).notNullable().defaultTo('')
      t.string('level', 8).notNullable() // warning | yellow | red
      t.integer('item_version').notNullable()
      t.string('point', 200).notNullable() // key in the monitor:raised event (data.point)
      t.integer('seq').notNullable() // the monitor:raised event in case_events
      t.text('message')
      t.bigInteger('due_at') // the instant the scheduler was due to look (the engine's next.at)
      t.bigInteger('raised_at').notNullable()
      t.unique(['case_id', 'kind', 'node', 'level', 'item_version'])
      t.index(['department_id', 'raised_at'])
    })
    await k.schema.createTable('exchange_batches', (t) => {
      t.string('id', 64).primary() // cd_batch
      t.string('user_id', 64)
      t.bigInteger('at').notNullable()
      t.integer('since').notNullable()
      t.integer('next_since').notNullable()
      t.string('department_id', 64)
      t.integer('records').notNullable()
    })
    await k.schema.createTable('exchange_deliveries', (t) => {
      // First delivery of an outbox row by the feed; re-fetches keep the first.
      t.integer('outbox_id').primary()
      t.string('batch_id', 64).notNullable()
      t.string('case_id', 64).notNullable()
      t.string('department_id', 64).notNullable()
      t.bigInteger('event_at').notNullable()
      t.bigInteger('delivered_at').notNullable()
      t.index(['case_id'])
    })
  },
  async down(k) {
    for (const table of ['exchange_deliveries', 'exchange_batches', 'warnings']) await k.schema.dropTableIfExists(table)
  },
}
