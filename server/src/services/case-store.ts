import type { Calendar } from '@sunlight/calendar'
import type { PowerItemDefinition } from '@sunlight/definition'
import { caseClocks, type CaseEvent, type CaseState } from '@sunlight/engine'
import type { Knex } from 'knex'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { dueClockWarnings } from './clock-warnings'

export interface CaseRow {
  id: string
  case_no: string
  query_code_hash: string | null
  item_key: string
  item_version: number
  department_id: string
  status: string
  level: string
  applicant_name: string | null
  applicant_user_id?: string | null
  posts: string
  state: string
  version: number
  next_check_at: number | string | null
  created_at: number | string
  updated_at: number | string
  concluded_at: number | string | null
  /** Not a column: the highest card (case_card_levels), filled in by withCardLevels where shown. */
  card_level?: string | null
  promised_due_at?: number | string | null
}

export async function findCase(k: Knex | Knex.Transaction, where: { id?: string; case_no?: string }): Promise<CaseRow | undefined> {
  return (await k('cases').where(where).first()) as CaseRow | undefined
}

export const stateOf = (row: CaseRow): CaseState => JSON.parse(row.state) as CaseState

/**
 * What the projection stores besides the state: level, open posts, and when to look again — the
 * engine's next level change, or now if the case has already reached a clock level whose warning was
 * not yet raised (a user command that commits after that instant but before the scheduler's visit
 * must not push the visit on to the next level: the 预警 would come days late, with the 黄牌).
 */
export function projection(def: PowerItemDefinition, state: CaseState, now: number, cal: Calendar) {
  const clocks = caseClocks(def, state, now, cal)
  const unraised = state.status !== 'concluded' && dueClockWarnings(def, state, now, cal, new Set(), clocks.clocks).length > 0
  const posts = state.tasks.flatMap((t) => {
    const n = def.flow.nodes.find((x) => x.id === t.node)
    return n?.type === 'step' ? [n.post] : []
  })
  return {
    status: state.status,
    level: clocks.level,
    posts: JSON.stringify([...new Set(posts)]),
    next_check_at: unraised ? now : (clocks.nextChangeAt ?? null),
    concluded_at: state.concludedAt ?? null,
    promised_due_at: clocks.clocks.find((c) => c.kind === 'promised')?.deadline ?? null,
    ...nextCaseChange(clocks.clocks),
  }
}

/** One case's new state and the events that led to it, to be written by `writeCaseChanges`. */
export interface CaseChange {
  row: CaseRow
  def: PowerItemDefinition
  state: CaseState
  events: readonly CaseEvent[]
  /** The case's version the change was decided on. */
  expectedVersion: number
  /** The staff member who acted (for "done" lists), if any. */
  actorId?: string
  /** The case's state the change was decided on, when it differs from `row` (a second change in one group). */
  before?: CaseState
}

/** The next level change of the case's own clocks (promised, statutory): when, which, to what. */
function nextCaseChange(clocks: readonly { kind: string; next?: { level: string; at: number } }[]) {
  let c: { kind: string; next?: { level: string; at: number } } | undefined
  for (const x of clocks) if ((x.kind === 'promised' || x.kind === 'statutory') && x.next && (!c?.next || x.next.at < c.next.at)) c = x
  return { next_case_at: c?.next?.at ?? null, next_kind: c?.kind ?? null, next_level: c?.next?.level ?? null }
}

/**
 * Writes a command's outcome in the caller's transaction: the projection only if nobody else
 * moved the case since `expectedVersion` (optimistic concurrency → 409 with the current version),
 * then the events (primary key case × seq: never two events with one number), the outbox rows for
 * the exchange feed, and who acted (for "done" lists).
 */
export async function saveEvents(
  trx: Knex.Transaction,
  deps: Deps,
  row: CaseRow,
  def: PowerItemDefinition,
  state: CaseState,
  events: readonly CaseEvent[],
  expectedVersion: number,
  actorId: string | undefined,
): Promise<void> {
  await writeCaseChanges(trx, deps, [{ row, def, state, events, expectedVersion, actorId }])
}

type CaseColumns = Record<string, string | number | null>

/** The columns a case's row gets from its state. */
function caseColumns(deps: Deps, c: CaseChange, now: number): CaseColumns {
  return { ...projection(c.def, c.state, now, deps.calendar), state: JSON.stringify(c.state), version: c.state.seq, updated_at: now }
}

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 100

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

/**
 * Writes many changes (in order; several may concern one case) with a few multi-row statements:
 * one UPDATE of the case rows (each guarded by its version: a case that moved throws CONFLICT and
 * the caller's transaction or savepoint rolls everything back), one INSERT of the events, one of
 * the outbox rows, one upsert of who acted. With one change it is the plain single-row path.
 */
export async function writeCaseChanges(trx: Knex.Transaction, deps: Deps, changes: readonly CaseChange[]): Promise<void> {
  if (changes.length === 0) return
  const now = deps.now()
  // Several changes of one case: the first one's expected version, the last one's state.
  const byCase = new Map<string, { first: CaseChange; last: CaseChange }>()
  for (const c of changes) {
    const seen = byCase.get(c.row.id)
    if (seen) {
      if (c.expectedVersion !== seen.last.state.seq) throw new Error(`case ${c.row.id}: change on version ${c.expectedVersion} after version ${seen.last.state.seq}`)
      seen.last = c
    } else byCase.set(c.row.id, { first: c, last: c })
  }
  const updates = [...byCase.values()].map(({ first, last }) => ({ id: first.row.id, expected: first.expectedVersion, set: caseColumns(deps, last, now) }))
  const withDept = changes.flatMap((c) => c.events.map((e) => ({ e, caseId: c.row.id, departmentId: c.row.department_id })))
  const acts = new Map<string, { case_id: string; user_id: string; at: number }>()
  for (const c of changes) if (c.actorId) acts.set(`${c.row.id}\u0000${c.actorId}`, { case_id: c.row.id, user_id: c.actorId, at: now })
  // The version guard first: a case that moved on is a CONFLICT, and on PostgreSQL a failed
  // statement would abort the transaction before the guard could read the current version.
  await updateCases(trx, deps, updates)
  // The rest is sent at once: the statements touch different rows and are undone together if
  // any fails, so their order does not matter, and the database runs them back to back without
  // a turn of the event loop between them (on SQLite each turn waits behind whatever HTTP work
  // the main thread is doing).
  const writes: Promise<unknown>[] = []
  for (const part of chunks(withDept)) {
    const rows = part.map(({ e, caseId, departmentId }) => eventRows(e, caseId, departmentId))
    writes.push(trx('case_events').insert(rows.map((r) => r.event)))
    writes.push(trx('outbox').insert(rows.map((r) => r.outbox)))
  }
  for (const part of chunks([...acts.values()])) writes.push(trx('case_acts').insert(part).onConflict(['case_id', 'user_id']).merge(['at']).then(() => undefined))
  writes.push(recordWaits(trx, changes))
  // allSettled: every statement has finished before the caller rolls back; the first failure is reported.
  for (const r of await Promise.allSettled(writes)) if (r.status === 'rejected') throw r.reason
}

/** The case rows' new columns, each guarded by the version the change was decided on (else CONFLICT). */
async function updateCases(trx: Knex.Transaction, deps: Deps, updates: readonly { id: string; expected: number; set: CaseColumns }[]): Promise<void> {
  if (deps.db.kind === 'sqlite' && updates.length > 1) return updateManySqlite(trx, updates)
  for (const u of updates) {
    const changed = await trx('cases').where({ id: u.id, version: u.expected }).update(u.set)
    if (changed === 0) {
      const current = await findCase(trx, { id: u.id })
      throw new AppError('CONFLICT', 'the case was changed by someone else; reload it and try again', { currentVersion: current?.version ?? null, expectedVersion: u.expected })
    }
  }
}

/**
 * SQLite: all case rows in ONE `UPDATE … FROM (VALUES …)` (SQLite ≥ 3.33), each guarded by its
 * expected version; RETURNING tells which rows changed. Only used on the single-connection SQLite
 * database, where the caller read those versions in this same transaction, so a miss is a bug.
 */
async function updateManySqlite(trx: Knex.Transaction, updates: readonly { id: string; expected: number; set: CaseColumns }[]): Promise<void> {
  const cols = Object.keys(updates[0]?.set ?? {})
  for (const u of updates) if (Object.keys(u.set).join() !== cols.join()) throw new Error('case updates with different columns')
  for (const c of cols) if (!/^[a-z_]+$/.test(c)) throw new Error(`unexpected column name ${c}`)
  for (const part of chunks(updates)) {
    const width = cols.length + 2
    const tuple = `(${new Array(width).fill('?').join(',')})`
    const names = ['id', 'expected', ...cols].map((c, i) => `column${i + 1} AS "${c}"`).join(', ')
    const sql =
      `UPDATE cases SET ${cols.map((c) => `"${c}" = v."${c}"`).join(', ')} ` +
      `FROM (SELECT ${names} FROM (VALUES ${part.map(() => tuple).join(',')})) AS v ` +
      `WHERE cases.id = v.id AND cases.version = v.expected RETURNING cases.id`
    const bindings = part.flatMap((u) => [u.id, u.expected, ...cols.map((c) => u.set[c] ?? null)])
    const rows = (await trx.raw(sql, bindings)) as { id: string }[]
    if (rows.length !== part.length) {
      const changed = new Set(rows.map((r) => r.id))
      const missed = part.find((u) => !changed.has(u.id))
      throw new AppError('CONFLICT', 'the case was changed by someone else; reload it and try again', { caseId: missed?.id, expectedVersion: missed?.expected })
    }
  }
}

/**
 * How long each step waited before it was completed (or returned), per item × step × department:
 * the flowchart heat overlay of the supervision dashboard reads these sums. One multi-row upsert
 * for all changes (summed per key first: one statement may not touch a row twice on PostgreSQL).
 */
async function recordWaits(trx: Knex.Transaction, changes: readonly CaseChange[]): Promise<void> {
  const sums = new Map<string, { item_key: string; node: string; department_id: string; completed: number; wait_ms: number }>()
  for (const c of changes) {
    let before: CaseState | undefined
    for (const e of c.events) {
      if ((e.type !== 'step:completed' && e.type !== 'step:returned') || !e.node) continue
      before ??= c.before ?? stateOf(c.row)
      const task = before.tasks.find((t) => t.node === e.node)
      if (!task) continue
      const key = `${c.row.item_key}\u0000${e.node}\u0000${c.row.department_id}`
      const sum = sums.get(key) ?? { item_key: c.row.item_key, node: e.node, department_id: c.row.department_id, completed: 0, wait_ms: 0 }
      sum.completed += 1
      sum.wait_ms += Math.max(0, e.at - task.enteredAt)
      sums.set(key, sum)
    }
  }
  for (const part of chunks([...sums.values()]))
    await trx('node_wait_stats')
      .insert(part)
      .onConflict(['item_key', 'node', 'department_id'])
      .merge({ completed: trx.raw('node_wait_stats.completed + excluded.completed'), wait_ms: trx.raw('node_wait_stats.wait_ms + excluded.wait_ms') })
}

/** An event's row in case_events and its copy for the exchange feed's outbox (one JSON text for both). */
function eventRows(e: CaseEvent, caseId: string, departmentId: string) {
  const json = JSON.stringify(e)
  return {
    event: { case_id: caseId, seq: e.seq, type: e.type, at: e.at, actor_id: e.actor.id, event: json, hash: e.hash },
    outbox: { case_id: caseId, seq: e.seq, type: e.type, department_id: departmentId, payload: json, created_at: e.at },
  }
}

export async function insertEvents(trx: Knex.Transaction, caseId: string, departmentId: string, events: readonly CaseEvent[]): Promise<void> {
  if (events.length === 0) return
  const rows = events.map((e) => eventRows(e, caseId, departmentId))
  await trx('case_events').insert(rows.map((r) => r.event))
  await trx('outbox').insert(rows.map((r) => r.outbox))
}

export async function eventsOf(k: Knex, caseId: string): Promise<CaseEvent[]> {
  const rows = (await k('case_events').where({ case_id: caseId }).orderBy('seq')) as { event: string }[]
  return rows.map((r) => JSON.parse(r.event) as CaseEvent)
}

/**
 * Links uploaded files to the case and material that name them (by SHA-256), so staff find a
 * case's files directly. Files already linked to another case are left alone.
 */
export async function linkFiles(trx: Knex.Transaction, caseId: string, materials: Record<string, { files?: readonly { sha256?: string }[] }>): Promise<void> {
  for (const [materialId, m] of Object.entries(materials))
    for (const f of m.files ?? [])
      if (f.sha256) await trx('files').where({ sha256: f.sha256 }).whereNull('case_id').update({ case_id: caseId, material_id: materialId })
}
