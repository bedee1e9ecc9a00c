import type { Knex } from 'knex'
import type { Migration } from './migrations'

/**
 * E-supervision (domain.md §5): global rules, cards with their log, in-app notifications,
 * efficiency scores (formulas, adjustments, appeals, publications) and the summary tables the
 * dashboards read instead of scanning a million cases:
 *  - case_level_counts: open/closed cases per department × status × clock level;
 *  - dept_day_stats: per department and China day, cases created and concluded (on time, early,
 *    total duration);
 *  - node_wait_stats: per item × step × department, completed waits (the flowchart heat overlay).
 * The first two are kept by database triggers on `cases`, so every writer (commands, the scheduler,
 * bulk loads) keeps them right; node_wait_stats is written by saveEvents (it needs the event).
 */

const SQLITE_TRIGGERS = [
  `create trigger cases_summary_ins after insert on cases begin
     insert into case_level_counts (department_id, status, level, n) values (new.department_id, new.status, new.level, 1)
       on conflict (department_id, status, level) do update set n = n + 1;
     insert into dept_day_stats (department_id, day, created, concluded, on_time, early, duration_ms)
       values (new.department_id, date(new.created_at / 1000, 'unixepoch', '+8 hours'), 1, 0, 0, 0, 0)
       on conflict (department_id, day) do update set created = created + 1;
   end`,
  `create trigger cases_summary_upd after update of status, level on cases
     when old.status is not new.status or old.level is not new.level begin
     update case_level_counts set n = n - 1 where department_id = old.department_id and status = old.status and level = old.level;
     insert into case_level_counts (department_id, status, level, n) values (new.department_id, new.status, new.level, 1)
       on conflict (department_id, status, level) do update set n = n + 1;
   end`,
  `create trigger cases_summary_concluded after update of concluded_at on cases
     when old.concluded_at is null and new.concluded_at is not null begin
     insert into dept_day_stats (department_id, day, created, concluded, on_time, early, duration_ms)
       values (new.department_id, date(new.concluded_at / 1000, 'unixepoch', '+8 hours'), 0, 1,
         case when new.promised_due_at is null or new.concluded_at <= new.promised_due_at then 1 else 0 end,
         case when new.promised_due_at is not null and date(new.concluded_at / 1000, 'unixepoch', '+8 hours') < date((new.promised_due_at - 1) / 1000, 'unixepoch', '+8 hours') then 1 else 0 end,
         new.concluded_at - new.created_at)
       on conflict (department_id, day) do update set concluded = concluded + 1, on_time = on_time + excluded.on_time, early = early + excluded.early, duration_ms = duration_ms + excluded.duration_ms;
   end`,
  `create trigger cases_summary_del after delete on cases begin
     update case_level_counts set n = n - 1 where department_id = old.department_id and status = old.status and level = old.level;
   end`,
]

const PG_DAY = (col: string) => `to_char(to_timestamp(${col} / 1000.0) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
const PG_TRIGGERS = [
  `create or replace function sl_cases_summary() returns trigger language plpgsql as $$
   begin
     if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (old.status is distinct from new.status or old.level is distinct from new.level)) then
       update case_level_counts set n = n - 1 where department_id = old.department_id and status = old.status and level = old.level;
     end if;
     if tg_op = 'INSERT' or (tg_op = 'UPDATE' and (old.status is distinct from new.status or old.level is distinct from new.level)) then
       insert into case_level_counts (department_id, status, level, n) values (new.department_id, new.status, new.level, 1)
         on conflict (department_id, status, level) do update set n = case_level_counts.n + 1;
     end if;
     if tg_op = 'INSERT' then
       insert into dept_day_stats (department_id, day, created, concluded, on_time, early, duration_ms)
         values (new.department_id, ${PG_DAY('new.created_at')}, 1, 0, 0, 0, 0)
         on conflict (department_id, day) do update set created = dept_day_stats.created + 1;
     end if;
     if tg_op = 'UPDATE' and old.concluded_at is null and new.concluded_at is not null then
       insert into dept_day_stats (department_id, day, created, concluded, on_time, early, duration_ms)
         values (new.department_id, ${PG_DAY('new.concluded_at')}, 0, 1,
           case when new.promised_due_at is null or new.concluded_at <= new.promised_due_at then 1 else 0 end,
           case when new.promised_due_at is not null and ${PG_DAY('new.concluded_at')} < ${PG_DAY('(new.promised_due_at - 1)')} then 1 else 0 end,
           new.concluded_at - new.created_at)
         on conflict (department_id, day) do update set concluded = dept_day_stats.concluded + 1, on_time = dept_day_stats.on_time + excluded.on_time,
           early = dept_day_stats.early + excluded.early, duration_ms = dept_day_stats.duration_ms + excluded.duration_ms;
     end if;
     return null;
   end $$`,
  `create trigger cases_summary after insert or update or delete on cases for each row execute function sl_cases_summary()`,
]

/** Creates the summary triggers (also used by bulk loaders that drop them and rebuild the tables). */
export async function createSummaryTriggers(k: Knex, kind: 'sqlite' | 'postgres'): Promise<void> {
  for (const sql of kind === 'postgres' ? PG_TRIGGERS : SQLITE_TRIGGERS) await k.raw(sql)
}

export async function dropSummaryTriggers(k: Knex, kind: 'sqlite' | 'postgres'): Promise<void> {
  if (kind === 'postgres') await k.raw('drop trigger if exists cases_summary on cases')
  else for (const t of ['cases_summary_ins', 'cases_summary_upd', 'cases_summary_concluded', 'cases_summary_del']) await k.raw(`drop trigger if exists ${t}`)
}

/** Recomputes case_level_counts and dept_day_stats from `cases` (after a bulk load without triggers). */
export async function rebuildSummaries(k: Knex, kind: 'sqlite' | 'postgres'): Promise<void> {
  const day = (col: string) => (kind === 'postgres' ? PG_DAY(col) : `date(${col} / 1000, 'unixepoch', '+8 hours')`)
  await k('case_level_counts').delete()
  await k('dept_day_stats').delete()
  await k.raw('insert into case_level_counts (department_id, status, level, n) select department_id, status, level, count(*) from cases group by department_id, status, level')
  await k.raw(`insert into dept_day_stats (department_id, day, created, concluded, on_time, early, duration_ms)
    select department_id, day, sum(created), sum(concluded), sum(on_time), sum(early), sum(duration_ms) from (
      select department_id, ${day('created_at')} as day, 1 as created, 0 as concluded, 0 as on_time, 0 as early, 0 as duration_ms from cases
      union all
      select department_id, ${day('concluded_at')}, 0, 1,
        case when promised_due_at is null or concluded_at <= promised_due_at then 1 else 0 end,
        case when promised_due_at is not null and ${day('concluded_at')} < ${day('(promised_due_at - 1)')} then 1 else 0 end,
        concluded_at - created_at
      from cases where concluded_at is not null
    ) x group by department_id, day`)
}

export const supervision: Migration = {
  name: '20261122-007-supervision',
  async up(k) {
    const kind = k.client.config.client === 'pg' ? 'postgres' : 'sqlite'
    await k.schema.createTable('supervision_rules', (t) => {
      t.string('id', 64).primary()
      t.string('kind', 16).notNullable()
      t.string('name', 100).notNullable()
      t.boolean('enabled').notNullable()
      t.string('level', 8).notNullable()
      t.string('mode', 8).notNullable() // auto | manual (发牌方式)
      t.integer('version').notNullable()
      t.text('trigger').notNullable() // JSON
      t.text('condition')
      t.text('template').notNullable()
      t.integer('feedback_days').notNullable()
      t.integer('position').notNullable()
      t.string('updated_by', 64)
      t.bigInteger('updated_at')
    })
    await k.schema.createTable('cards', (t) => {
      t.string('id', 64).primary()
      t.string('rule_id', 64).notNullable()
      t.integer('rule_version').notNullable()
      t.string('rule_name', 100).notNullable()
      // What the rule fired on: the case (and step / procedure / point), a request, a rating, a card (督办 overdue).
      t.string('business_key', 200).notNullable()
      t.string('subject_kind', 16).notNullable() // case | consultation | complaint | rating | card
      t.string('subject_id', 64).notNullable()
      t.string('case_id', 64)
      t.string('case_no', 50)
      t.string('item_key', 80)
      t.string('node', 100).notNullable().defaultTo('')
      t.string('department_id', 64).notNullable()
      t.string('responsible_user_id', 64) // whose action or task it was, for staff and window scores
      t.string('kind', 16).notNullable() // time | flow | content
      t.string('level', 8).notNullable()
      t.integer('level_rank').notNullable() // 1 warning, 2 yellow, 3 red
      t.string('mode', 8).notNullable()
      t.string('status', 16).notNullable()
      t.text('message').notNullable()
      t.integer('source_warning_id') // the scheduler's warnings row
      t.bigInteger('issued_at') // null while pending (待发)
      t.string('issued_by', 64) // 'system' or the confirming / issuing supervisor
      t.bigInteger('feedback_due_at')
      t.text('feedback')
      t.bigInteger('feedback_at')
      t.string('feedback_by', 64)
      t.string('appeal_status', 16).notNullable().defaultTo('none') // none | open | accepted | rejected
      t.text('appeal_reason')
      t.text('appeal_decision')
      t.string('order_content', 2000)
      t.string('order_due_day', 10)
      t.bigInteger('order_due_at')
      t.bigInteger('ordered_at')
      t.bigInteger('closed_at')
      t.text('close_note')
      t.bigInteger('created_at').notNullable()
      t.bigInteger('updated_at').notNullable()
      t.integer('version').notNullable().defaultTo(1)
      // DZJC isSuperviseBefore: each rule fires at most once per business × rule × version.
      t.unique(['rule_id', 'rule_version', 'business_key'])
      t.index(['department_id', 'level', 'status'])
      t.index(['case_id'])
      t.index(['status', 'order_due_at'])
      t.index(['department_id', 'issued_at'])
    })
    await k.schema.createTable('card_events', (t) => {
      t.increments('id')
      t.string('card_id', 64).notNullable().references('id').inTable('cards')
      t.bigInteger('at').notNullable()
      t.string('actor_id', 64).notNullable()
      t.string('actor_name', 100).notNullable()
      t.string('action', 24).notNullable() // raised | issued | confirmed | dismissed | feedback | appealed | appealAccepted | appealRejected | ordered | closed
      t.string('from_status', 16)
      t.string('to_status', 16).notNullable()
      t.text('note')
      t.index(['card_id', 'id'])
    })
    await k.schema.createTable('notifications', (t) => {
      t.increments('id')
      t.string('user_id', 64).notNullable()
      t.string('kind', 24).notNullable() // card | order | appeal
      t.string('title', 200).notNullable()
      t.text('body').notNullable()
      t.string('card_id', 64)
      t.string('case_id', 64)
      t.bigInteger('created_at').notNullable()
      t.bigInteger('read_at')
      t.index(['user_id', 'id'])
    })
    await k.schema.createTable('score_formulas', (t) => {
      t.string('from_period', 7).primary()
      t.text('expression').notNullable()
      t.text('params').notNullable()
      t.string('source', 300).notNullable()
      t.string('updated_by', 64).notNullable()
      t.bigInteger('updated_at').notNullable()
    })
    await k.schema.createTable('score_adjustments', (t) => {
      t.string('id', 64).primary()
      t.string('period', 7).notNullable()
      t.string('subject_type', 16).notNullable()
      t.string('subject_id', 64).notNullable()
      t.string('department_id', 64).notNullable()
      t.float('points').notNullable()
      t.text('reason').notNullable()
      t.string('source', 16).notNullable() // manual | appeal
      t.string('created_by', 64).notNullable()
      t.bigInteger('created_at').notNullable()
      t.index(['period', 'subject_type'])
    })
    await k.schema.createTable('score_appeals', (t) => {
      t.string('id', 64).primary()
      t.string('period', 7).notNullable()
      t.string('subject_type', 16).notNullable()
      t.string('subject_id', 64).notNullable()
      t.string('department_id', 64).notNullable()
      t.text('reason').notNullable()
      t.string('status', 16).notNullable() // open | accepted | rejected
      t.text('decision')
      t.float('points')
      t.string('created_by', 64).notNullable()
      t.bigInteger('created_at').notNullable()
      t.string('decided_by', 64)
      t.bigInteger('decided_at')
      t.index(['period', 'status'])
    })
    await k.schema.createTable('score_publications', (t) => {
      t.string('period', 7).notNullable()
      t.string('subject_type', 16).notNullable()
      t.boolean('published').notNullable()
      t.text('snapshot').notNullable()
      t.string('published_by', 64).notNullable()
      t.bigInteger('published_at').notNullable()
      t.primary(['period', 'subject_type'])
    })
    await k.schema.createTable('case_level_counts', (t) => {
      t.string('department_id', 64).notNullable()
      t.string('status', 24).notNullable()
      t.string('level', 8).notNullable()
      t.integer('n').notNullable()
      t.primary(['department_id', 'status', 'level'])
    })
    await k.schema.createTable('dept_day_stats', (t) => {
      t.string('department_id', 64).notNullable()
      t.string('day', 10).notNullable()
      t.integer('created').notNullable()
      t.integer('concluded').notNullable()
      t.integer('on_time').notNullable()
      t.integer('early').notNullable()
      t.bigInteger('duration_ms').notNullable()
      t.primary(['department_id', 'day'])
      t.index(['day'])
    })
    await k.schema.createTable('node_wait_stats', (t) => {
      t.string('item_key', 80).notNullable()
      t.string('node', 100).notNullable()
      t.string('department_id', 64).notNullable()
      t.integer('completed').notNullable()
      t.bigInteger('wait_ms').notNullable()
      t.primary(['item_key', 'node', 'department_id'])
    })
    await k.schema.alterTable('cases', (t) => {
      t.string('card_level', 8) // the highest counting card of the case (DZJC isMaxSupervise)
      t.bigInteger('promised_due_at') // the promised clock's deadline (on-time / early figures)
      // When the promised or statutory clock next changes level, which one, and to what: lets the
      // scheduler issue the cards of many cases crossing a level at once in one set-based pass
      // (supervision-bulk.ts scans it by interval; the per-case visit moves it on).
      t.bigInteger('next_case_at')
      t.string('next_kind', 24)
      t.string('next_level', 8)
      t.index(['level', 'status', 'updated_at'])
      t.index(['card_level'])
      t.index(['department_id', 'created_at'])
      t.index(['created_at'])
      t.index(['next_case_at'])
    })
    await createSummaryTriggers(k, kind)
    // Cases that exist already count from the start.
    await rebuildSummaries(k, kind)
  },
  async down(k) {
    const kind = k.client.config.client === 'pg' ? 'postgres' : 'sqlite'
    await dropSummaryTriggers(k, kind)
    if (kind === 'postgres') await k.raw('drop function if exists sl_cases_summary()')
    await k.schema.alterTable('cases', (t) => {
      t.dropIndex(['level', 'status', 'updated_at'])
      t.dropIndex(['card_level'])
      t.dropIndex(['department_id', 'created_at'])
      t.dropIndex(['created_at'])
      t.dropIndex(['next_case_at'])
      t.dropColumn('card_level')
      t.dropColumn('promised_due_at')
      t.dropColumn('next_case_at')
      t.dropColumn('next_kind')
      t.dropColumn('next_level')
    })
    for (const table of ['node_wait_stats', 'dept_day_stats', 'case_level_counts', 'score_publications', 'score_appeals', 'score_adjustments', 'score_formulas', 'notifications', 'card_events', 'cards', 'supervision_rules'])
      await k.schema.dropTableIfExists(table)
  },
}
