import { randomUUID } from 'node:crypto'
import { formatInstant } from '@sunlight/calendar'
import type { PowerItemDefinition } from '@sunlight/definition'
import type { CaseEvent } from '@sunlight/engine'
import type { Knex } from 'knex'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { defaultResultCodes, envelope, EXCHANGED_TYPES, mapEvent, type CaseContext, type ExchangeRecord } from './exchange-map'
import { definitionAt } from './items-store'
import { listDepartments, subtree, visibleDepartments, type Department } from './org'

/**
 * The upward exchange (上报, data must reach the national platform within 24 h): a pull feed over
 * the outbox that saveEvents fills in the same transaction as the case events, mapped to the
 * national datasets (exchange-map.ts). The consumer keeps the cursor: `since` = the last
 * `nextSince` it stored. Each request is one batch (cd_batch); the outbox rows it returns are
 * recorded as delivered (first delivery wins), which is what the completeness figure counts.
 *
 * Who may pull: administrators and supervisors (it is the upward interface; the national
 * platform's gateway signs in with a machine account holding the supervisor role, scoped by its
 * department like any supervisor).
 */

const DAY_MS = 86_400_000

interface OutboxRow {
  id: number
  case_id: string
  seq: number
  type: string
  department_id: string
  payload: string
  created_at: number | string
}

/** The departments the user may pull for: visible ones, narrowed to `department` and below. */
async function scopeOf(deps: Deps, user: User, department: string | undefined): Promise<Set<string> | 'all'> {
  const visible = await visibleDepartments(deps, user)
  if (!department) return visible
  const all = await listDepartments(deps)
  if (!all.some((d) => d.id === department))
    throw new AppError('VALIDATION_FAILED', `no department ${department}`, { issues: [{ path: '/query/department', message: 'no such department' }] })
  const sub = subtree(all, department)
  const scoped = visible === 'all' ? sub : new Set([...sub].filter((d) => visible.has(d)))
  if (scoped.size === 0) throw new AppError('FORBIDDEN', `department ${department} is outside your supervision`, { department })
  return scoped
}

/**
 * Reads the next outbox rows. On PostgreSQL the read takes a SHARE lock on outbox: it waits for
 * transactions still inserting rows to commit, so a row with a smaller id can never become visible
 * after the cursor has passed it (SQLite has one writer: ids are assigned in commit order).
 */
async function readOutbox(deps: Deps, since: number, limit: number, scope: Set<string> | 'all'): Promise<OutboxRow[]> {
  const k = deps.db.knex
  const q = (db: Knex | Knex.Transaction) => {
    const b = db('outbox').where('id', '>', since).orderBy('id').limit(limit)
    if (scope !== 'all') b.whereIn('department_id', [...scope])
    return b
  }
  if (deps.db.kind !== 'postgres') return (await q(k)) as OutboxRow[]
  return k.transaction(async (trx) => {
    await trx.raw('lock table outbox in share mode')
    return (await q(trx)) as OutboxRow[]
  })
}

async function resultCodes(deps: Deps): Promise<Record<string, string>> {
  const row = (await deps.db.knex('settings').where({ key: 'exchange_result_codes' }).first()) as { value: string } | undefined
  return { ...defaultResultCodes, ...(row ? (JSON.parse(row.value) as Record<string, string>) : {}) }
}

/** The context every record of one case needs: definition, unit, events. */
async function contexts(deps: Deps, caseIds: string[]): Promise<Map<string, CaseContext>> {
  const k = deps.db.knex
  const out = new Map<string, CaseContext>()
  if (caseIds.length === 0) return out
  const cases = (await k('cases').whereIn('id', caseIds).select('id', 'case_no', 'item_key', 'item_version', 'department_id')) as { id: string; case_no: string; item_key: string; item_version: number; department_id: string }[]
  const events = (await k('case_events').whereIn('case_id', caseIds).orderBy(['case_id', 'seq']).select('case_id', 'event')) as { case_id: string; event: string }[]
  const depts = await listDepartments(deps)
  const codes = await resultCodes(deps)
  const byCase = new Map<string, CaseEvent[]>()
  for (const e of events) {
    const list = byCase.get(e.case_id) ?? []
    list.push(JSON.parse(e.event) as CaseEvent)
    byCase.set(e.case_id, list)
  }
  const defs = new Map<string, PowerItemDefinition>()
  for (const c of cases) {
    const key = `${c.item_key}@${c.item_version}`
    if (!defs.has(key)) defs.set(key, await definitionAt(deps, c.item_key, c.item_version))
    const d = depts.find((x: Department) => x.id === c.department_id)
    out.set(c.id, {
      caseId: c.id,
      caseNo: c.case_no,
      departmentId: c.department_id,
      def: defs.get(key) as PowerItemDefinition,
      unit: { name: d?.name ?? c.department_id, creditCode: d?.creditCode ?? null, regionCode: d?.regionCode ?? null },
      events: byCase.get(c.id) ?? [],
      cal: deps.calendar,
      resultCodes: codes,
    })
  }
  return out
}

export interface FeedQuery {
  since: number
  limit: number
  department?: string
}

/** GET /api/exchange/feed: the next records after `since`, one batch. */
export async function exchangeFeed(deps: Deps, user: User, q: FeedQuery) {
  const scope = await scopeOf(deps, user, q.department)
  const now = deps.now()
  const batch = randomUUID()
  const cdTime = formatInstant(now)
  const rows = await readOutbox(deps, q.since, q.limit, scope)
  const ctx = await contexts(deps, [...new Set(rows.map((r) => r.case_id))])
  const records: ExchangeRecord[] = []
  for (const r of rows) {
    const c = ctx.get(r.case_id)
    if (c) records.push(...envelope(c, Number(r.id), mapEvent(c, JSON.parse(r.payload) as CaseEvent), batch, cdTime))
  }
  const nextSince = rows.length ? Number(rows[rows.length - 1]?.id) : q.since
  await deps.db.write(async (trx) => {
    await trx('exchange_batches').insert({ id: batch, user_id: user.id, at: now, since: q.since, next_since: nextSince, department_id: q.department ?? null, records: records.length })
    const delivered = rows.filter((r) => EXCHANGED_TYPES.includes(r.type))
    for (let i = 0; i < delivered.length; i += 200)
      await trx('exchange_deliveries')
        .insert(delivered.slice(i, i + 200).map((r) => ({ outbox_id: r.id, batch_id: batch, case_id: r.case_id, department_id: r.department_id, event_at: Number(r.created_at), delivered_at: now })))
        .onConflict('outbox_id')
        .ignore()
  })
  return { batch, cdTime, since: q.since, nextSince, hasMore: rows.length === q.limit, count: records.length, records }
}

export interface CompletenessQuery {
  department?: string
  /** China days, inclusive; default the 30 days up to today. */
  since?: string
  until?: string
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000)

/**
 * GET /api/exchange/completeness: per department, the cases created in the window, how many have
 * every expected record delivered (every outbox row of an exchanged type fetched by the feed), and
 * the share of records delivered within 24 h of their event — among records that are due (already
 * delivered, or whose event is more than 24 h old; younger undelivered ones are not late yet).
 */
export async function exchangeCompleteness(deps: Deps, user: User, q: CompletenessQuery) {
  const scope = await scopeOf(deps, user, q.department)
  const now = deps.now()
  const cal = deps.calendar
  const until = q.until ?? cal.dayOf(now)
  const since = q.since ?? cal.dayOf(cal.startOfDay(until) - 29 * DAY_MS)
  const k = deps.db.knex
  const b = k('cases as c')
    .leftJoin('outbox as o', (j) => j.on('o.case_id', '=', 'c.id').andOnIn('o.type', [...EXCHANGED_TYPES]))
    .leftJoin('exchange_deliveries as d', 'd.outbox_id', 'o.id')
    .where('c.created_at', '>=', cal.startOfDay(since))
    .andWhere('c.created_at', '<', cal.endOfDay(until))
    .groupBy('c.id', 'c.department_id')
    .select('c.id', 'c.department_id')
    .count({ expected: 'o.id' })
    .count({ delivered: 'd.outbox_id' })
    .select(
      k.raw('sum(case when d.outbox_id is not null and d.delivered_at - o.created_at <= ? then 1 else 0 end) as on_time', [DAY_MS]),
      k.raw('sum(case when d.outbox_id is not null or o.created_at <= ? then 1 else 0 end) as due', [now - DAY_MS]),
    )
  if (scope !== 'all') b.whereIn('c.department_id', [...scope])
  const rows = (await b) as { id: string; department_id: string; expected: number | string; delivered: number | string; on_time: number | string | null; due: number | string | null }[]
  const names = new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))
  const per = new Map<string, { cases: number; complete: number; records: number; delivered: number; due: number; onTime: number }>()
  for (const r of rows) {
    const a = per.get(r.department_id) ?? { cases: 0, complete: 0, records: 0, delivered: 0, due: 0, onTime: 0 }
    const expected = Number(r.expected)
    const delivered = Number(r.delivered)
    a.cases++
    if (expected > 0 && delivered === expected) a.complete++
    a.records += expected
    a.delivered += delivered
    a.due += Number(r.due ?? 0)
    a.onTime += Number(r.on_time ?? 0)
    per.set(r.department_id, a)
  }
  const figure = (a: { cases: number; complete: number; records: number; delivered: number; due: number; onTime: number }) => ({
    cases: a.cases,
    casesComplete: a.complete,
    completeShare: share(a.complete, a.cases),
    // Exchanged events (outbox rows); each becomes one or more records of the feed.
    events: a.records,
    eventsDelivered: a.delivered,
    eventsDue: a.due,
    deliveredWithin24h: a.onTime,
    within24hShare: share(a.onTime, a.due),
  })
  const departments = [...per.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([id, a]) => ({ departmentId: id, departmentName: names.get(id) ?? id, ...figure(a) }))
  const total = [...per.values()].reduce((t, a) => ({ cases: t.cases + a.cases, complete: t.complete + a.complete, records: t.records + a.records, delivered: t.delivered + a.delivered, due: t.due + a.due, onTime: t.onTime + a.onTime }), { cases: 0, complete: 0, records: 0, delivered: 0, due: 0, onTime: 0 })
  return { since, until, definition: 'delivered = fetched by GET /api/exchange/feed; within 24 h = fetched no later than 24 h after the event', departments, total: figure(total) }
}
