import { CalendarUnknownError, type Calendar, type DayKind } from '@sunlight/calendar'
import type { PowerItemDefinition, TimeLimit } from '@sunlight/definition'
import { longestRoute } from './longest-route'

export interface Milestone {
  key: 'promised' | 'statutory' | 'extended' | 'warning' | 'yellow' | 'red'
  day: string
}
export interface StepSpan {
  node: string
  name: string
  from: string
  to: string
}
export interface DayCell {
  day: string
  kind: DayKind
  name?: string
}
export interface TimelinePreview {
  start: string
  milestones: Milestone[]
  steps: StepSpan[]
  days: DayCell[]
  /** Set when the holiday table does not cover a day the preview needs. */
  unknownDay?: string
}

const DAY = 86_400_000
const plus = (l: TimeLimit, n: number): TimeLimit => ({ value: Math.max(0, l.value + n), unit: l.unit })

/**
 * Where the limits of an item fall on the real calendar for a case accepted on `startDay`: the
 * promised and statutory last days, when 预警 / 黄牌 / 红牌 begin (engine/clocks.ts thresholds),
 * each step of the longest route back to back, and every calendar day in between with its kind
 * (working day, weekend, holiday, 调休 working day). The acceptance day itself is not counted.
 */
export function timelinePreview(def: PowerItemDefinition, cal: Calendar, startDay: string): TimelinePreview {
  const out: TimelinePreview = { start: startDay, milestones: [], steps: [], days: [] }
  try {
    const start = cal.startOfDay(startDay) + 10 * 3_600_000
    const due = (l: TimeLimit) => cal.dueDay(cal.addLimit(start, l))
    const { promisedLimit: promised, statutoryLimit: statutory } = def.item
    const w = def.timeLimits.warnings
    out.milestones.push({ key: 'promised', day: due(promised) }, { key: 'statutory', day: due(statutory) })
    if (def.timeLimits.extension) out.milestones.push({ key: 'extended', day: due(plus(statutory, def.timeLimits.extension.max.value)) })
    if (promised.value > 0) out.milestones.push({ key: 'warning', day: nextDay(due(plus(promised, -w.warningBeforePromised.value))) })
    out.milestones.push({ key: 'yellow', day: nextDay(due(plus(promised, w.yellowAfterPromised.value))) })
    out.milestones.push({ key: 'red', day: nextDay(due(plus(statutory, w.redAfterStatutory.value))) })
    let at = start
    for (const step of longestRoute(def.flow)) {
      const end = cal.addLimit(at, step.limit)
      out.steps.push({ node: step.id, name: step.name, from: cal.dayOf(at), to: cal.dueDay(end) })
      at = end - 1
    }
    const last = [...out.milestones.map((m) => m.day), ...out.steps.map((s) => s.to)].sort().pop() ?? startDay
    for (let d = startDay; d <= last; d = nextDay(d)) {
      const info = cal.dayInfo(d)
      out.days.push({ day: d, kind: info.kind, ...(info.name ? { name: info.name } : {}) })
    }
  } catch (e) {
    if (e instanceof CalendarUnknownError) out.unknownDay = e.date
    else throw e
  }
  return out
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10)
}

/** A start day the table covers with room for a long limit: today, else the covered year's first Monday of March. */
export function defaultStartDay(cal: Calendar, today: string, horizonDays = 150): string {
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + horizonDays * DAY).toISOString().slice(0, 10)
  if (today >= cal.coveredFrom && horizon <= cal.coveredTo) return today
  let d = `${cal.coveredTo.slice(0, 4)}-03-01`
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1 || !cal.isWorkday(d)) d = nextDay(d)
  return d
}
