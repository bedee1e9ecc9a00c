import type { Calendar } from '@sunlight/calendar'
import type { PowerItemDefinition } from '@sunlight/definition'
import { caseClocks, type CaseEvent, type CaseState } from '@sunlight/engine'
import type { Knex } from 'knex'
import type { Deps } from '../deps'
import { AppError } from '../errors'

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
  card_level?: string | null
  promised_due_at?: number | string | null
}

export async function findCase(k: Knex | Knex.Transaction, where: { id?: string; case_no?: string }): Promise<CaseRow | undefined> {
  return (await k('cases').where(where).first()) as CaseRow | undefined
}

export const stateOf = (row: CaseRow): CaseState => JSON.parse(row.state) as CaseState

/** What the projection stores besides the state: level, open posts, and when to look again. */
export function projection(def: PowerItemDefinition, state: CaseState, now: number, cal: Calendar) {
  const clocks = caseClocks(def, state, now, cal)
  const posts = state.tasks.flatMap((t) => {
    const n = def.flow.nodes.find((x) => x.id === t.node)
    return n?.type === 'step' ? [n.post] : []
  })
  return {
    status: state.status,
    level: clocks.level,
    posts: JSON.stringify([...new Set(posts)]),
    next_check_at: clocks.nextChangeAt ?? null,
    concluded_at: state.concludedAt ?? null,
    promised_due_at: clocks.clocks.find((c) => c.kind === 'promised')?.deadline ?? null,
    ...nextCaseChange(clocks.clocks),
  }
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
  const now = deps.now()
  const changed = await trx('cases')
    .where({ id: row.id, version: expectedVersion })
    .update({ ...projection(def, state, now, deps.calendar), state: JSON.stringify(state), version: state.seq, updated_at: now })
  if (changed === 0) {
    const current = await findCase(trx, { id: row.id })
    throw new AppError('CONFLICT', 'the case was changed by someone else; reload it and try again', { currentVersion: current?.version ?? null, expectedVersion })
  }
  await insertEvents(trx, row.id, row.department_id, events)
  await recordWaits(trx, row, events)
  if (actorId) await trx('case_acts').insert({ case_id: row.id, user_id: actorId, at: now }).onConflict(['case_id', 'user_id']).merge({ at: now })
}

/**
 * How long each step waited before it was completed (or returned), per item × step × department:
 * the flowchart heat overlay of the supervision dashboard reads these sums.
 */
async function recordWaits(trx: Knex.Transaction, row: CaseRow, events: readonly CaseEvent[]): Promise<void> {
  const before = stateOf(row)
  for (const e of events) {
    if ((e.type !== 'step:completed' && e.type !== 'step:returned') || !e.node) continue
    const task = before.tasks.find((t) => t.node === e.node)
    if (!task) continue
    const wait = Math.max(0, e.at - task.enteredAt)
    await trx('node_wait_stats')
      .insert({ item_key: row.item_key, node: e.node, department_id: row.department_id, completed: 1, wait_ms: wait })
      .onConflict(['item_key', 'node', 'department_id'])
      .merge({ completed: trx.raw('node_wait_stats.completed + 1'), wait_ms: trx.raw('node_wait_stats.wait_ms + ?', [wait]) })
  }
}

export async function insertEvents(trx: Knex.Transaction, caseId: string, departmentId: string, events: readonly CaseEvent[]): Promise<void> {
  if (events.length === 0) return
  await trx('case_events').insert(
    events.map((e) => ({ case_id: caseId, seq: e.seq, type: e.type, at: e.at, actor_id: e.actor.id, event: JSON.stringify(e), hash: e.hash })),
  )
  await trx('outbox').insert(
    events.map((e) => ({ case_id: caseId, seq: e.seq, type: e.type, department_id: departmentId, payload: JSON.stringify(e), created_at: e.at })),
  )
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
