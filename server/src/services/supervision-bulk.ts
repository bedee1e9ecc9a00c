import type { Knex } from 'knex'
import type { Deps } from '../deps'
import { uuidv7 } from './supervision-cards'
import { renderCardMessage } from './supervision-evaluate'
import { levelRank, levelZh, type Rule } from './supervision-model'
import { loadRules } from './supervision-rules'

/**
 * Set-based first pass of each scheduler tick: when many cases cross a level of their promised
 * or statutory clock at once (a holiday ends, a limit shared by a batch of applications runs
 * out), their cards are issued in one transaction without loading any case into Node: per rule,
 * one INSERT … SELECT over the index range cases.next_case_at ∈ (cursor, now] (with the
 * projection's next_kind / next_level), the message rendered in SQL from the template's literal
 * parts and the case's number and promised deadline; then, each one statement over the new cards'
 * id range, the card log, the unit's notifications (each card when a unit got a few, else one
 * line per rule saying how many) and the highest card per case (case_card_levels). The per-case
 * visit that follows (scheduler-cases.ts) then appends the monitor:raised event to each case's
 * chain and records the warning; its own card for the same rule version is a duplicate of the
 * business key and is skipped. Each pass covers the interval since the previous one (a cursor in
 * settings). Rules with an extra condition need the case facts and are left to the per-case visit.
 */

/** The facts the projection holds: a template naming any other (or the scheduler's own message) is left to the per-case visit. */
const BULK_FACTS = ['caseNo', 'promisedDeadline']
const usesOnlyBulkFacts = (template: string) =>
  !/\{\{\s*source\./.test(template) && [...template.matchAll(/\{\{\s*case\.([A-Za-z0-9_.]+)\s*\}\}/g)].every((m) => BULK_FACTS.includes(m[1] ?? ''))

const CURSOR = 'supervision_bulk_until'

async function saveCursor(deps: Deps, now: number, trx?: Knex.Transaction): Promise<void> {
  const k = trx ?? deps.db.knex
  await k('settings').insert({ key: CURSOR, value: JSON.stringify(now) }).onConflict('key').merge()
}

const SYSTEM = { id: 'system', name: '电子监察' }
/** A unit with more new cards than this in one pass gets one notification per rule saying how many, not one per card. */
export const NOTIFY_EACH_UP_TO = 3
const DAY_MS = 86_400_000

/** The rendered template as SQL: literal parts as bindings, the facts as expressions over `c` (cases) and `i` (items). */
function messageSql(rule: Rule, pg: boolean): { sql: string; bindings: string[] } {
  const mark = (n: number) => `\u0000${n}\u0000`
  const rendered = renderCardMessage(rule, rule.level, { case: { caseNo: mark(0), promisedDeadline: mark(1) }, item: { key: mark(2), name: mark(3) } })
  const dueDay = pg ? "to_char(to_timestamp((c.promised_due_at - 1) / 1000) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')" : "date((c.promised_due_at - 1) / 1000, 'unixepoch', '+8 hours')"
  const facts = ['c.case_no', `coalesce(${dueDay}, '')`, 'c.item_key', 'coalesce(i.name, c.item_key)']
  const parts: string[] = []
  const bindings: string[] = []
  rendered.split('\u0000').forEach((piece, n) => {
    if (n % 2 === 1) parts.push(facts[Number(piece)] as string)
    else if (piece) {
      parts.push('cast(? as text)')
      bindings.push(piece)
    }
  })
  return { sql: parts.length ? parts.join(' || ') : "''", bindings }
}

/**
 * One rule's cards for the cases crossing its level in (since, now], entirely inside the database:
 * INSERT … SELECT from the index range, ids `prefix` + a 12-digit hex row number (a time-ordered
 * UUID: the primary key is appended to), duplicates of the unique key skipped.
 */
async function insertRuleCards(trx: Knex.Transaction, rule: Rule, prefix: string, range: { since: number; now: number; limit: number }): Promise<void> {
  const pg = trx.client.config.client === 'pg'
  const t = rule.trigger as { clock: string; level: string }
  const issued = rule.mode !== 'manual'
  const msg = messageSql(rule, pg)
  const rn = 'row_number() over (order by c.id)'
  const id = pg ? `cast(? as text) || lpad(to_hex(${rn}), 12, '0')` : `? || printf('%012x', ${rn})`
  const int = pg ? 'cast(? as integer)' : '?'
  const big = pg ? 'cast(? as bigint)' : '?'
  const str = pg ? 'cast(? as text)' : '?'
  await trx.raw(
    `insert into cards (id, rule_id, rule_version, rule_name, business_key, subject_kind, subject_id, case_id, case_no, item_key, node, department_id,
       kind, level, level_rank, mode, status, message, issued_at, issued_by, feedback_due_at, appeal_status, created_at, updated_at, version)
     select ${id}, ${str}, ${int}, ${str}, c.id, 'case', c.id, c.id, c.case_no, c.item_key, '', c.department_id,
       ${str}, ${str}, ${int}, ${str}, ${str}, ${msg.sql}, ${big}, ${str}, ${big}, 'none', ${big}, ${big}, 1
     from cases c left join items i on i.key = c.item_key
     where c.next_case_at <= ? and c.next_case_at > ? and c.status <> 'concluded' and c.next_kind = ? and c.next_level = ?
     order by c.id limit ?
     on conflict (rule_id, rule_version, business_key) do nothing`,
    [
      prefix,
      rule.id,
      rule.version,
      rule.name,
      rule.kind,
      rule.level,
      levelRank[rule.level],
      issued ? 'auto' : 'manual',
      issued ? 'issued' : 'pending',
      ...msg.bindings,
      issued ? range.now : null,
      issued ? SYSTEM.id : null,
      issued ? range.now + rule.feedbackDays * DAY_MS : null,
      range.now,
      range.now,
      range.now,
      range.since,
      t.clock,
      t.level,
      range.limit,
    ],
  )
}

/** Card log, notifications and highest card of the cards one rule just wrote (ids in the prefix's range). */
async function followUp(trx: Knex.Transaction, rule: Rule, prefix: string, now: number): Promise<number> {
  const pg = trx.client.config.client === 'pg'
  const lo = `${prefix}000000000000`
  const hi = `${prefix}ffffffffffff`
  const written = Number(((await trx('cards').whereBetween('id', [lo, hi]).count({ n: '*' }).first()) as { n: unknown }).n)
  if (written === 0) return 0
  const str = pg ? 'cast(? as text)' : '?'
  const big = pg ? 'cast(? as bigint)' : '?'
  await trx.raw(
    `insert into card_events (card_id, at, actor_id, actor_name, action, from_status, to_status, note)
     select id, ${big}, ${str}, ${str}, case status when 'pending' then 'raised' else 'issued' end, null, status, message from cards where id between ? and ? order by id`,
    [now, SYSTEM.id, SYSTEM.name, lo, hi],
  )
  if (rule.mode === 'manual') return written
  // The unit's staff and designers: each card when a unit got a few, else one line per rule saying how many.
  const staff = "(u.roles like '%\"staff\"%' or u.roles like '%\"designer\"%')"
  const title = `${levelZh[rule.level]}：${rule.name}`
  const perUnit = `select department_id, count(*) as n from cards where id between ? and ? group by department_id`
  await trx.raw(
    `insert into notifications (user_id, kind, title, body, card_id, case_id, created_at, read_at)
     select u.id, 'card', ${str}, c.message, c.id, c.case_id, ${big}, null
     from cards c join (${perUnit}) d on d.department_id = c.department_id and d.n <= ${NOTIFY_EACH_UP_TO} join users u on u.department_id = c.department_id
     where c.id between ? and ? and ${staff}`,
    [title, now, lo, hi, lo, hi],
  )
  await trx.raw(
    `insert into notifications (user_id, kind, title, body, card_id, case_id, created_at, read_at)
     select u.id, 'cards', ${str}, ${str} || cast(d.n as text) || ${str}, null, null, ${big}, null
     from (${perUnit}) d join users u on u.department_id = d.department_id
     where d.n > ${NOTIFY_EACH_UP_TO} and ${staff}`,
    [title, '本单位新发', `张${levelZh[rule.level]}，请在监察发牌中逐件查看并按期反馈`, now, lo, hi],
  )
  // The highest card per case: at least this level.
  await trx.raw(
    `insert into case_card_levels (case_id, level, level_rank)
     select case_id, level, level_rank from cards where id between ? and ? order by case_id
     on conflict (case_id) do update set level = excluded.level, level_rank = excluded.level_rank where case_card_levels.level_rank < excluded.level_rank`,
    [lo, hi],
  )
  return written
}

export async function issueDueCaseCards(deps: Deps, opts: { limit?: number } = {}): Promise<{ due: number; cards: number }> {
  const now = deps.now()
  const rules = (await loadRules(deps)).filter((r) => r.enabled && r.trigger.type === 'clock' && (r.trigger.clock === 'promised' || r.trigger.clock === 'statutory') && !r.condition && usesOnlyBulkFacts(r.template))
  if (rules.length === 0) return { due: 0, cards: 0 }
  const k = deps.db.knex
  // The interval since the last pass: a case is found once (next_case_at only moves forward, to
  // instants after the visit that sets it).
  const last = (await k('settings').where({ key: CURSOR }).first()) as { value: string } | undefined
  const cursor = last ? Number(JSON.parse(last.value)) : 0
  const since = cursor > now ? 0 : cursor // a clock set back (tests, the controlled clock): look again from the start
  const limit = opts.limit ?? 200_000
  const due = Number(((await k('cases').where('next_case_at', '<=', now).andWhere('next_case_at', '>', since).whereNot('status', 'concluded').count({ n: '*' }).first()) as { n: unknown }).n)
  if (due === 0) {
    await saveCursor(deps, now)
    return { due: 0, cards: 0 }
  }
  const cards = await deps.db.write(async (trx) => {
    let n = 0
    for (const rule of rules) {
      // A fresh time-ordered UUID per rule: its last 12 hex digits become the card's row number.
      const prefix = uuidv7(Date.now()).slice(0, 24)
      await insertRuleCards(trx, rule, prefix, { since, now, limit })
      n += await followUp(trx, rule, prefix, now)
    }
    await saveCursor(deps, now, trx)
    return n
  })
  return { due: Math.min(due, limit), cards }
}
