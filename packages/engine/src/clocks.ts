import { CalendarUnknownError, type Calendar, type Pause, type TimeLimit } from '@sunlight/calendar'
import type { Level, PowerItemDefinition } from '@sunlight/definition'
import type { CaseState } from './types'

export type ClockLevel = 'normal' | Level
export type ClockKind = 'promised' | 'statutory' | 'step' | 'specialProcedure' | 'preAcceptance' | 'supplement'

export interface ClockReport {
  kind: ClockKind
  node?: string
  procedure?: string
  start: number
  limit: TimeLimit
  /** 24:00 of the last day of the limit, net of pauses (moves while a pause is open). */
  deadline?: number
  paused: boolean
  level: ClockLevel
  /** The next level and the first instant it holds; absent while paused or at the top level. */
  next?: { level: Level; at: number }
  /** Set when the calendar does not cover a day the clock needs. */
  unknownCalendarDay?: string
}

export interface ClockSummary {
  /** The case's level: its promised, statutory, special-procedure and pre-acceptance clocks. */
  level: ClockLevel
  /** The worst level among the open steps' own clocks (a step over its limit, domain.md §5.3 item 3). */
  stepLevel: ClockLevel
  clocks: ClockReport[]
  /** Earliest instant any clock changes level: when the scheduler should look again. */
  nextChangeAt?: number
}

const RANK: Record<ClockLevel, number> = { normal: 0, warning: 1, yellow: 2, red: 3 }
export const maxLevel = (a: ClockLevel, b: ClockLevel): ClockLevel => (RANK[a] >= RANK[b] ? a : b)

/**
 * Every running clock of a case at `now`, with its level and the instant the next level begins.
 *
 * Levels (defaults from a real e-supervision product, domain.md §5.2; configurable per item in
 * timeLimits.warnings): the case is 预警 from `warningBeforePromised` before the promised limit,
 * 黄牌 once more than `yellowAfterPromised` past it, 红牌 once more than `redAfterStatutory` past the
 * statutory limit. Steps, special procedures and pre-acceptance follow the DZJC sub-clock scheme:
 * 预警 2 units before the end, 黄牌 once overdue, 红牌 once more than 1 unit overdue.
 * A level holds from the first millisecond after its threshold ("overdue by one second counts").
 * Thresholds are counted in the clock's own unit.
 */
export function caseClocks(def: PowerItemDefinition, state: CaseState, now: number, cal: Calendar): ClockSummary {
  const clocks: ClockReport[] = []
  const w = def.timeLimits.warnings
  const pauses: Pause[] = state.pauses.map((p) => ({ from: p.from, to: p.to }))
  const open = state.pauses.some((p) => p.to === undefined)
  if (state.status === 'concluded') return { level: 'normal', stepLevel: 'normal', clocks }

  if (state.clockStart !== undefined) {
    const ext = (l: TimeLimit): TimeLimit => ({ value: l.value + state.extension, unit: l.unit })
    const promised = ext(def.item.promisedLimit)
    const statutory = ext(def.item.statutoryLimit)
    clocks.push(
      clock(cal, 'promised', state.clockStart, promised, pauses, now, open, [
        ['warning', promised.value - w.warningBeforePromised.value],
        ['yellow', promised.value + w.yellowAfterPromised.value],
      ]),
      clock(cal, 'statutory', state.clockStart, statutory, pauses, now, open, [
        ['red', statutory.value + w.redAfterStatutory.value],
      ]),
    )
    for (const task of state.tasks) {
      const node = def.flow.nodes.find((n) => n.id === task.node)
      if (node?.type !== 'step') continue
      const stepPauses = pauses
        .filter((p) => p.to === undefined || p.to > task.enteredAt)
        .map((p) => ({ from: Math.max(p.from, task.enteredAt), to: p.to }))
      const c = clock(cal, 'step', task.enteredAt, node.limit, stepPauses, now, open, subLevels(node.limit))
      clocks.push({ ...c, node: task.node })
    }
    for (const p of state.pauses) {
      if (p.kind !== 'specialProcedure' || p.to !== undefined) continue
      const rule = def.timeLimits.specialProcedures.find((s) => s.type === p.procedure)
      if (!rule) continue
      const c = clock(cal, 'specialProcedure', p.from, rule.max, [], now, false, subLevels(rule.max))
      clocks.push({ ...c, procedure: p.procedure })
    }
  } else if (state.status === 'submitted') {
    const start = state.materialsCompletedAt ?? state.submittedAt
    const limit = def.timeLimits.supplementNotice
    clocks.push(clock(cal, 'preAcceptance', start, limit, [], now, false, subLevels(limit)))
  }
  if (state.pendingSupplement && def.timeLimits.supplementDue) {
    const limit = def.timeLimits.supplementDue
    // The applicant's time to supply: informational, it never raises a card against staff.
    clocks.push(clock(cal, 'supplement', state.pendingSupplement.requestedAt, limit, [], now, false, []))
  }

  let level: ClockLevel = 'normal'
  let stepLevel: ClockLevel = 'normal'
  let nextChangeAt: number | undefined
  for (const c of clocks) {
    if (c.kind === 'step') stepLevel = maxLevel(stepLevel, c.level)
    else if (c.kind !== 'supplement') level = maxLevel(level, c.level)
    if (c.next && (nextChangeAt === undefined || c.next.at < nextChangeAt)) nextChangeAt = c.next.at
  }
  return { level, stepLevel, clocks, nextChangeAt }
}

const subLevels = (l: TimeLimit): [Level, number][] => [
  ['warning', l.value - 2],
  ['yellow', l.value],
  ['red', l.value + 1],
]

function clock(
  cal: Calendar,
  kind: ClockKind,
  start: number,
  limit: TimeLimit,
  pauses: readonly Pause[],
  now: number,
  paused: boolean,
  thresholds: [Level, number][],
): ClockReport {
  const report: ClockReport = { kind, start, limit, paused, level: 'normal' }
  // A paused clock stands still: its level is the one it had when the pause began. Pauses exclude
  // days (S, E], so a threshold at 24:00 of the pause's first day would otherwise be crossed while paused.
  const openFrom = paused ? pauses.find((p) => p.to === undefined)?.from : undefined
  const asOf = openFrom === undefined ? now : Math.min(now, Math.max(start, openFrom))
  try {
    report.deadline = cal.deadline(start, limit, pauses, now)
    for (const [level, value] of thresholds) {
      const at = value <= 0 ? start : cal.deadline(start, { value, unit: limit.unit }, pauses, asOf)
      if (asOf > at) report.level = level
      else if (!paused && !report.next) report.next = { level, at: at + 1 }
    }
  } catch (e) {
    if (!(e instanceof CalendarUnknownError)) throw e
    report.unknownCalendarDay = e.date
  }
  return report
}
