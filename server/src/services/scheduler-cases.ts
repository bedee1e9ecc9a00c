import type { Calendar } from '@sunlight/calendar'
import type { Level } from '@sunlight/definition'
import { caseClocks, evaluateMonitoring, evolve, hashEvent, type CaseEvent, type CaseState, type ClockReport } from '@sunlight/engine'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { projection, saveEvents, stateOf, type CaseRow } from './case-store'
import { CLOCK_ZH, dueClockWarnings, LEVEL_ZH, type RaisedWarning } from './clock-warnings'
import { definitionAt } from './items-store'
import { cardsForWarnings } from './supervision-evaluate'

/**
 * One scheduler visit of one case, at the instant the engine said a clock changes level
 * (cases.next_check_at = caseClocks(…).nextChangeAt). For every clock level the case has reached
 * and that was not yet raised, a `monitor:raised` event is appended to the case's chain; then the
 * definition's time-based monitoring points are evaluated (evaluateMonitoring). Exactly once:
 *  - the case's optimistic version: if anyone (a user, another scheduler) changed the case since
 *    it was read, nothing is written and the case is simply looked at again;
 *  - the unique key of `warnings` (case × kind × node × level × definition version) as a second
 *    guard, and the raised keys are also folded into state.firedPoints.
 */

/** Appends one system event to the chain (same shape as the engine's monitor:raised events). */
function appendRaised(state: CaseState, w: RaisedWarning, c: ClockReport, now: number, dueAt: number | null, cal: Calendar): { state: CaseState; event: CaseEvent } {
  const unsigned = {
    type: 'monitor:raised' as const,
    at: now,
    actor: { id: 'system', name: '电子监察', kind: 'system' as const },
    operation: 'monitor' as const,
    // No top-level node: a system event must not mark the step's task as touched (engine evolve).
    data: {
      point: w.point,
      name: `${CLOCK_ZH[c.kind] ?? c.kind}${LEVEL_ZH[w.level]}`,
      level: w.level,
      mode: 'auto',
      message: w.message,
      clock: c.kind,
      ...(c.node ? { node: c.node } : {}),
      ...(c.procedure ? { procedure: c.procedure } : {}),
      ...(c.deadline === undefined ? {} : { deadline: c.deadline, dueDay: cal.dueDay(c.deadline) }),
      ...(dueAt === null ? {} : { dueAt }),
    },
    caseId: state.caseId,
    seq: state.seq + 1,
    prevHash: state.lastHash,
  }
  const event = { ...unsigned, hash: hashEvent(unsigned) } as CaseEvent
  return { state: evolve(state, structuredClone(event)), event }
}

export type CaseOutcome = 'raised' | 'rescheduled' | 'conflict' | 'failed'

/** Looks at one due case; see the module comment. Never throws for a case: a failure is logged and retried later. */
export async function checkCase(deps: Deps, row: CaseRow, retryMs: number): Promise<{ outcome: CaseOutcome; raised: RaisedWarning[] }> {
  const now = deps.now()
  const cal = deps.calendar
  try {
    const def = await definitionAt(deps, row.item_key, row.item_version)
    const before = stateOf(row)
    const known = (await deps.db.knex('warnings').where({ case_id: row.id, item_version: row.item_version }).select('kind', 'node', 'level')) as { kind: string; node: string; level: string }[]
    const raisedKeys = new Set(known.map((w) => `${w.kind}|${w.node}|${w.level}`))
    let state = before
    const events: CaseEvent[] = []
    const raised: RaisedWarning[] = []
    const dueAt = row.next_check_at === null ? null : Number(row.next_check_at)
    for (const { clock, warning } of dueClockWarnings(def, before, now, cal, raisedKeys)) {
      const r = appendRaised(state, warning, clock, now, dueAt, cal)
      state = r.state
      events.push(r.event)
      raised.push(warning)
    }
    const points = evaluateMonitoring(def, state, now, cal)
    for (const e of points.events) {
      const d = e.data as { point: string; level: Level; message: string; mode?: 'auto' | 'manual' }
      raised.push({ kind: 'point', node: d.point.replace(/@v\d+$/, ''), level: d.level, point: d.point, message: d.message, mode: d.mode })
      events.push(e)
    }
    state = points.state
    await deps.db.write(async (trx) => {
      if (events.length === 0) {
        const p = projection(def, state, now, cal)
        // Nothing left to raise here (a level already in the warnings table): wait for the next change.
        const next = p.next_check_at === now ? (caseClocks(def, state, now, cal).nextChangeAt ?? null) : p.next_check_at
        const n = await trx('cases').where({ id: row.id, version: row.version }).update({ level: p.level, next_check_at: next, next_case_at: p.next_case_at, next_kind: p.next_kind, next_level: p.next_level })
        if (n === 0) throw new AppError('CONFLICT', 'case changed')
        return
      }
      // The case row first: a concurrent visitor blocks on it and then finds the version moved.
      await saveEvents(trx, deps, row, def, state, events, row.version, undefined)
      const seqOf = (point: string) => events.find((e) => (e.data as { point?: string }).point === point)?.seq ?? state.seq
      await trx('warnings').insert(
        raised.map((w) => ({
          case_id: row.id,
          department_id: row.department_id,
          kind: w.kind,
          node: w.node,
          level: w.level,
          item_version: row.item_version,
          point: w.point,
          seq: seqOf(w.point),
          message: w.message,
          due_at: dueAt,
          raised_at: now,
        })),
      )
      // The supervision rules turn the warnings into cards in the same transaction.
      await cardsForWarnings(trx, { row, def, state, now, deps }, raised)
    })
    return { outcome: events.length ? 'raised' : 'rescheduled', raised }
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') return { outcome: 'conflict', raised: [] }
    if (isUniqueViolation(e)) return { outcome: 'conflict', raised: [] }
    deps.logger.error({ err: e, caseId: row.id }, 'scheduler: case check failed; retrying later')
    await deps.db.knex('cases').where({ id: row.id, version: row.version }).update({ next_check_at: now + retryMs }).catch(() => undefined)
    return { outcome: 'failed', raised: [] }
  }
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string }
  return err?.code === '23505' || (err?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(err.message ?? ''))
}

export interface DueRunResult {
  checked: number
  raised: number
  conflicts: number
  failed: number
}

/**
 * Every open case whose next_check_at has come, oldest first, each in its own transaction.
 * Exported so tests can run it without the lease (two processes racing on the same cases).
 */
export async function processDueCases(deps: Deps, opts: { batch?: number; retryMs?: number } = {}): Promise<DueRunResult> {
  const now = deps.now()
  const rows = (await deps.db.knex('cases')
    .whereNotNull('next_check_at')
    .andWhere('next_check_at', '<=', now)
    .whereNot({ status: 'concluded' })
    .orderBy('next_check_at')
    .limit(opts.batch ?? 500)) as CaseRow[]
  const result: DueRunResult = { checked: rows.length, raised: 0, conflicts: 0, failed: 0 }
  for (const row of rows) {
    const r = await checkCase(deps, row, opts.retryMs ?? 5 * 60_000)
    result.raised += r.raised.length
    if (r.outcome === 'conflict') result.conflicts++
    if (r.outcome === 'failed') result.failed++
  }
  return result
}
