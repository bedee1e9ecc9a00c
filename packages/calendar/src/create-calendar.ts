import type { CalendarTable } from './calendar-table'
import { CalendarTableError } from './calendar-table-error'
import { CalendarUnknownError } from './calendar-unknown-error'
import {
  CHINA_OFFSET_MS,
  DAY_MS,
  checkInstant,
  chinaEpochDay,
  chinaStartOfEpochDay,
  formatDay,
  parseDay,
  weekdayOf,
} from './civil-date'
import type { OfficeHours } from './office-hours'
import { compileOfficeHours, defaultOfficeHours } from './office-hours'
import type { Pause, TimeLimit } from './time-limit'
import { validateTable } from './validate-table'

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday'

export interface DayInfo {
  readonly day: string
  readonly workday: boolean
  readonly kind: DayKind
  /** Festival name for 'holiday' and 'makeupWorkday' days. */
  readonly name?: string
}

export interface CalendarOptions {
  /** Office hours on working days; default `defaultOfficeHours` (a configurable default, not law). */
  readonly officeHours?: OfficeHours
  /**
   * Receipt of an application submitted on a working day after office hours: 'nextWorkday'
   * (default) or 'sameDay'. Local practice, not a national rule.
   */
  readonly receiptAfterHours?: 'sameDay' | 'nextWorkday'
}

/**
 * A working-day calendar over one holiday table. Instants are epoch ms; days are China
 * (UTC+8) dates 'YYYY-MM-DD'. Every method is O(1) or O(log n) except the pause-aware ones,
 * which are O(p log p) in the number of pauses. Any method that needs the status of a day
 * outside [coveredFrom, coveredTo] throws `CalendarUnknownError` naming the first such day.
 */
export interface Calendar {
  readonly coveredFrom: string
  readonly coveredTo: string
  /** China date of an instant. Pure arithmetic, works for any day. */
  dayOf(instant: number): string
  /** 00:00 China time of `day`. */
  startOfDay(day: string): number
  /** 24:00 China time of `day` (= 00:00 of the next day). */
  endOfDay(day: string): number
  isWorkday(day: string): boolean
  dayInfo(day: string): DayInfo
  /** 24:00 of the n-th working day after day(from); n = 0 → 24:00 of day(from). */
  addWorkdays(from: number, n: number): number
  /** 24:00 of day(from) + n, rolled forward to the next working day if that is a rest day; n = 0 → 24:00 of day(from). */
  addDays(from: number, n: number): number
  addLimit(from: number, limit: TimeLimit): number
  /** Deadline of `limit` triggered at `from`, net of pauses; `now` is required while a pause is open. */
  deadline(from: number, limit: TimeLimit, pauses: readonly Pause[], now?: number): number
  /** Working days in (fromDay, toDay]; negative (−count of (toDay, fromDay]) if toDay < fromDay. */
  workdaysBetween(fromDay: string, toDay: string): number
  /** Units (working or natural days) in (day(from), day(now)] net of pauses; 0 if day(now) ≤ day(from). */
  consumed(from: number, limit: TimeLimit, pauses: readonly Pause[], now: number): number
  /** limit.value − consumed(…): 0 on the last day, negative once a day beyond the limit has started. */
  remaining(from: number, limit: TimeLimit, pauses: readonly Pause[], now: number): number
  /** The day a deadline instant closes: dayOf(deadline − 1 ms) (a deadline is the 24:00 of that day). */
  dueDay(deadline: number): string
  isWithinOfficeHours(instant: number): boolean
  /** The instant office hours next begin, or `instant` itself if it is within office hours. */
  nextOfficeOpening(instant: number): number
  /** The day an application submitted at `instant` is deemed received. */
  receiptDay(instant: number): string
}

const WORKDAY = 0
const WEEKEND = 1
const HOLIDAY = 2
const MAKEUP = 3
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeupWorkday']

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`limit must be a non-negative integer, got ${String(n)}`)
}

function checkLimit(limit: TimeLimit): void {
  checkCount(limit.value)
  if (limit.unit !== 'workdays' && limit.unit !== 'days') {
    throw new RangeError(`limit unit must be 'workdays' or 'days', got ${String(limit.unit)}`)
  }
}

/** End instant (24:00 China time) of an epoch day. */
function endOfEpochDay(epochDay: number): number {
  return (epochDay + 1) * DAY_MS - CHINA_OFFSET_MS
}

/**
 * Excluded days of the pauses as sorted, merged, inclusive epoch-day intervals [a0, b0, a1, b1, …],
 * clipped to [lo, hi]. A pause from day S to day E excludes the days in (S, E] — the day a pause
 * starts still counts, the day it ends does not, like any period (民法典 art. 201: the start day
 * of a period is not counted). An open pause ends at day(now).
 */
function excludedDays(pauses: readonly Pause[], now: number | undefined, lo: number, hi: number): number[] {
  const raw: [number, number][] = []
  pauses.forEach((pause: Pause, i: number) => {
    checkInstant(pause.from, `pauses[${i}].from`)
    let end: number
    if (pause.to === undefined) {
      if (now === undefined) throw new RangeError(`pauses[${i}] is still open: pass \`now\``)
      end = now
    } else {
      checkInstant(pause.to, `pauses[${i}].to`)
      if (pause.to < pause.from) throw new RangeError(`pauses[${i}] ends before it starts`)
      end = pause.to
    }
    const a = Math.max(chinaEpochDay(pause.from) + 1, lo)
    const b = Math.min(chinaEpochDay(end), hi)
    if (a <= b) raw.push([a, b])
  })
  raw.sort((x, y) => x[0] - y[0])
  const out: number[] = []
  for (const [a, b] of raw) {
    const last = out.length - 1
    if (last > 0 && a <= (out[last] ?? 0) + 1) out[last] = Math.max(out[last] ?? 0, b)
    else out.push(a, b)
  }
  return out
}

/**
 * Builds a calendar over a validated table (throws `CalendarTableError` otherwise).
 * Precomputes, per covered day, its kind and the cumulative working-day count, and the
 * position of every working day by ordinal, so that adding working days is two array lookups.
 */
export function createCalendar(table: CalendarTable, options: CalendarOptions = {}): Calendar {
  const issues = validateTable(table)
  if (issues.length > 0) throw new CalendarTableError(issues)
  const office = compileOfficeHours(options.officeHours ?? defaultOfficeHours)
  const lastClose = office[office.length - 1] ?? 0
  const firstOpen = office[0] ?? 0
  const sameDayAfterHours = options.receiptAfterHours === 'sameDay'
  if (options.receiptAfterHours !== undefined && !sameDayAfterHours && options.receiptAfterHours !== 'nextWorkday') {
    throw new RangeError(`receiptAfterHours must be 'sameDay' or 'nextWorkday'`)
  }

  const fromDay = parseDay(table.coveredFrom)
  const toDay = parseDay(table.coveredTo)
  // Position q of epoch day e is e - base: covered days are q = 1 … len; q = 0 is the day
  // before coveredFrom, usable only as the excluded start of a (start, end] range.
  const base = fromDay - 1
  const len = toDay - fromDay + 1
  const kinds = new Uint8Array(len + 1)
  const names = new Map<number, string>()
  for (let q = 1; q <= len; q++) {
    const wd = weekdayOf(base + q)
    kinds[q] = wd === 0 || wd === 6 ? WEEKEND : WORKDAY
  }
  for (const entry of table.entries) {
    const q = parseDay(entry.date) - base
    kinds[q] = entry.kind === 'holiday' ? HOLIDAY : MAKEUP
    names.set(q, entry.name)
  }
  const isWork = (q: number): boolean => {
    const k = kinds[q]
    return k === WORKDAY || k === MAKEUP
  }
  // cum[q] = working days among positions 1 … q; ordToPos[k] = position of the k-th working day.
  const cum = new Int32Array(len + 1)
  for (let q = 1; q <= len; q++) cum[q] = (cum[q - 1] ?? 0) + (isWork(q) ? 1 : 0)
  const totalWork = cum[len] ?? 0
  const ordToPos = new Int32Array(totalWork + 1)
  for (let q = 1; q <= len; q++) if (isWork(q)) ordToPos[cum[q] ?? 0] = q

  const unknown = (epochDay: number): CalendarUnknownError => new CalendarUnknownError(formatDay(epochDay))
  /** Throws unless every position in [lo, hi] (lo ≤ hi) is covered. */
  const need = (lo: number, hi: number): void => {
    if (lo < 1) throw unknown(base + lo)
    if (hi > len) throw unknown(base + Math.max(lo, len + 1))
  }
  const posOf = (day: string): number => {
    const q = parseDay(day) - base
    need(q, q)
    return q
  }
  /** Position of the k-th working day; throws for the day after coverage if there is none. */
  const workdayAt = (k: number): number => {
    if (k > totalWork) throw unknown(toDay + 1)
    return ordToPos[k] ?? 0
  }
  /** Epoch day `e` if it is a working day, else the next working day (民法典 art. 203). */
  const rollForward = (e: number): number => {
    const q = e - base
    need(q, q)
    return isWork(q) ? e : base + workdayAt((cum[q] ?? 0) + 1)
  }
  /** Working days in positions (p, q], p ≤ q, p ≥ 0. */
  const workIn = (p: number, q: number): number => {
    need(p + 1, q)
    return (cum[q] ?? 0) - (cum[p] ?? 0)
  }

  const addWorkdays = (from: number, n: number): number => {
    checkInstant(from)
    checkCount(n)
    const e = chinaEpochDay(from)
    if (n === 0) return endOfEpochDay(e)
    const p = e - base
    if (p < 0 || p > len) need(p + 1, p + n)
    return endOfEpochDay(base + workdayAt((cum[p] ?? 0) + n))
  }

  const addDays = (from: number, n: number): number => {
    checkInstant(from)
    checkCount(n)
    const e = chinaEpochDay(from)
    return n === 0 ? endOfEpochDay(e) : endOfEpochDay(rollForward(e + n))
  }

  const addLimit = (from: number, limit: TimeLimit): number => {
    checkLimit(limit)
    return limit.unit === 'workdays' ? addWorkdays(from, limit.value) : addDays(from, limit.value)
  }

  const deadline = (from: number, limit: TimeLimit, pauses: readonly Pause[], now?: number): number => {
    checkLimit(limit)
    checkInstant(from)
    if (now !== undefined) checkInstant(now, 'now')
    const e = chinaEpochDay(from)
    const n = limit.value
    const ex = excludedDays(pauses, now, e + 1, Number.POSITIVE_INFINITY)
    if (n === 0) return endOfEpochDay(e)
    if (limit.unit === 'days') {
      // The last day moves one day later per excluded day that falls on or before it.
      let t = e + n
      for (let i = 0; i < ex.length; i += 2) {
        const a = ex[i] ?? 0
        const b = ex[i + 1] ?? 0
        if (a > t) break
        t += b - a + 1
      }
      // 民法典 art. 203 moves a last day that is a rest day to the next working day. If the case is
      // paused on that working day, the clock is not running there either: the last day is then
      // the first working day after the pause.
      let r = rollForward(t)
      for (let i = 0; i < ex.length; i += 2) {
        const a = ex[i] ?? 0
        const b = ex[i + 1] ?? 0
        if (a <= r && r <= b) r = rollForward(b + 1)
      }
      return endOfEpochDay(r)
    }
    // The n-th working day after day(from) not counting excluded working days: every excluded
    // working day on or before the current candidate pushes the candidate one working day later.
    const p = e - base
    if (p < 0 || p > len) need(p + 1, p + n)
    let k = (cum[p] ?? 0) + n
    let c = workdayAt(k)
    for (let i = 0; i < ex.length; i += 2) {
      const qa = (ex[i] ?? 0) - base
      const qb = (ex[i + 1] ?? 0) - base
      if (qa > c) break
      k += workIn(qa - 1, qb)
      c = workdayAt(k)
    }
    return endOfEpochDay(base + c)
  }

  const consumed = (from: number, limit: TimeLimit, pauses: readonly Pause[], now: number): number => {
    checkLimit(limit)
    checkInstant(from)
    checkInstant(now, 'now')
    const e = chinaEpochDay(from)
    const en = chinaEpochDay(now)
    if (en <= e) return 0
    const ex = excludedDays(pauses, now, e + 1, en)
    let total = limit.unit === 'days' ? en - e : workIn(e - base, en - base)
    for (let i = 0; i < ex.length; i += 2) {
      const a = ex[i] ?? 0
      const b = ex[i + 1] ?? 0
      total -= limit.unit === 'days' ? b - a + 1 : workIn(a - 1 - base, b - base)
    }
    return total
  }

  return {
    coveredFrom: formatDay(fromDay),
    coveredTo: formatDay(toDay),
    dayOf: (instant) => {
      checkInstant(instant)
      return formatDay(chinaEpochDay(instant))
    },
    startOfDay: (day) => chinaStartOfEpochDay(parseDay(day)),
    endOfDay: (day) => endOfEpochDay(parseDay(day)),
    isWorkday: (day) => isWork(posOf(day)),
    dayInfo: (day) => {
      const q = posOf(day)
      const kind = KIND_NAMES[kinds[q] ?? 0] ?? 'workday'
      const name = names.get(q)
      const info = { day: formatDay(base + q), workday: isWork(q), kind }
      return name === undefined ? info : { ...info, name }
    },
    addWorkdays,
    addDays,
    addLimit,
    deadline,
    workdaysBetween: (a, b) => {
      const pa = parseDay(a) - base
      const pb = parseDay(b) - base
      return pa <= pb ? workIn(pa, pb) : -workIn(pb, pa)
    },
    consumed,
    remaining: (from, limit, pauses, now) => limit.value - consumed(from, limit, pauses, now),
    dueDay: (d) => {
      checkInstant(d, 'deadline')
      return formatDay(chinaEpochDay(d - 1))
    },
    isWithinOfficeHours: (instant) => {
      checkInstant(instant)
      const e = chinaEpochDay(instant)
      const q = e - base
      need(q, q)
      if (!isWork(q)) return false
      const ms = instant - chinaStartOfEpochDay(e)
      for (let i = 0; i < office.length; i += 2) {
        if (ms >= (office[i] ?? 0) && ms < (office[i + 1] ?? 0)) return true
      }
      return false
    },
    nextOfficeOpening: (instant) => {
      checkInstant(instant)
      const e = chinaEpochDay(instant)
      const q = e - base
      need(q, q)
      const start = chinaStartOfEpochDay(e)
      if (isWork(q)) {
        const ms = instant - start
        for (let i = 0; i < office.length; i += 2) {
          const open = office[i] ?? 0
          if (ms < (office[i + 1] ?? 0)) return ms >= open ? instant : start + open
        }
      }
      return chinaStartOfEpochDay(base + workdayAt((cum[q] ?? 0) + 1)) + firstOpen
    },
    // Receipt day: local practice (configurable), not a national rule. An application submitted
    // on a working day before the end of office hours is received that day; otherwise on the next
    // working day (or, with receiptAfterHours 'sameDay', after-hours submissions on a working day
    // still count for that day).
    receiptDay: (instant) => {
      checkInstant(instant)
      const e = chinaEpochDay(instant)
      const q = e - base
      need(q, q)
      if (isWork(q) && (sameDayAfterHours || instant - chinaStartOfEpochDay(e) < lastClose)) return formatDay(e)
      return formatDay(base + workdayAt((cum[q] ?? 0) + 1))
    },
  }
}
