import type { Migration } from './migrations'

/**
 * The highest counting card per case (DZJC isMaxSupervise) moves out of `cases` into a narrow
 * table of its own, so the scheduler's set-based pass (supervision-bulk.ts) that issues cards for
 * 100 k cases at once appends 100 k short rows instead of rewriting 100 k rows of the
 * million-row `cases` table with all its indexes and summary triggers (on PostgreSQL every such
 * update is a new tuple in every index: card_level was indexed, so no HOT update). Case lists and
 * dashboards left-join it (case-card-levels.ts).
 *
 * Also: the index on cards (status, order_due_at) only serves the scan for overdue 督办 orders
 * (status = 'ordered'); it becomes a partial index over ordered cards, so issuing a card no longer
 * writes it.
 */
export const caseCardLevels: Migration = {
  name: '20261123-011-case-card-levels',
  async up(k) {
    await k.schema.createTable('case_card_levels', (t) => {
      t.string('case_id', 64).primary()
      t.string('level', 8).notNullable() // warning | yellow | red
      t.integer('level_rank').notNullable() // 1 | 2 | 3
      t.index(['level'])
    })
    await k.raw(`insert into case_card_levels (case_id, level, level_rank)
      select id, card_level, case card_level when 'red' then 3 when 'yellow' then 2 else 1 end from cases where card_level is not null`)
    await k.schema.alterTable('cases', (t) => t.dropIndex(['card_level']))
    // Plain ALTER TABLE … DROP COLUMN on both (SQLite ≥ 3.35): knex would rebuild the SQLite table and lose its triggers.
    await k.raw('alter table cases drop column card_level')
    await k.schema.alterTable('cards', (t) => t.dropIndex(['status', 'order_due_at']))
    await k.raw("create index cards_ordered_due_index on cards (order_due_at) where status = 'ordered'")
  },
  async down(k) {
    await k.raw('drop index cards_ordered_due_index')
    await k.schema.alterTable('cards', (t) => t.index(['status', 'order_due_at']))
    await k.raw('alter table cases add column card_level varchar(8)')
    await k.raw('update cases set card_level = (select l.level from case_card_levels l where l.case_id = cases.id)')
    await k.schema.alterTable('cases', (t) => t.index(['card_level']))
    await k.schema.dropTable('case_card_levels')
  },
}
