import { readDigits } from './civil-date'

/** One office-hours interval in China time, 'HH:mm' to 'HH:mm' (end exclusive; '24:00' allowed as end). */
export interface OfficeInterval {
  readonly from: string
  readonly to: string
}

/** Office hours (作息时间) of a working day: ascending, non-overlapping intervals. */
export type OfficeHours = readonly OfficeInterval[]

/**
 * A configurable DEFAULT, not law: 09:00–12:00 and 13:30–17:30 China time on working days.
 * No national rule fixes office hours; each hall configures its own (summer/winter schedules
 * differ by locality). E-supervision needs them to issue cards at all [DZJC 监察规则配置, domain.md §4.3].
 */
export const defaultOfficeHours: OfficeHours = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
]

function minuteOf(hhmm: string, allow24: boolean): number {
  if (typeof hhmm !== 'string' || hhmm.length !== 5 || hhmm.charCodeAt(2) !== 58) return -1
  const h = readDigits(hhmm, 0, 2)
  const m = readDigits(hhmm, 3, 2)
  if (h < 0 || m < 0 || m > 59) return -1
  if (h === 24 && m === 0 && allow24) return 1440
  return h <= 23 ? h * 60 + m : -1
}

/**
 * Office hours as [start, end) millisecond offsets from local midnight, flattened
 * into one array: [s0, e0, s1, e1, …]. Throws RangeError on invalid input.
 */
export function compileOfficeHours(hours: OfficeHours): Float64Array {
  if (!Array.isArray(hours) || hours.length === 0) throw new RangeError('office hours: at least one interval is required')
  const out = new Float64Array(hours.length * 2)
  let prevEnd = 0
  hours.forEach((iv: OfficeInterval, i: number) => {
    const s = minuteOf(iv.from, false)
    const e = minuteOf(iv.to, true)
    if (s < 0 || e < 0) throw new RangeError(`office hours[${i}]: expected 'HH:mm', got '${iv.from}'–'${iv.to}'`)
    if (s >= e) throw new RangeError(`office hours[${i}]: ${iv.from} is not before ${iv.to}`)
    if (s < prevEnd) throw new RangeError(`office hours[${i}]: intervals must be ascending and must not overlap`)
    out[2 * i] = s * 60_000
    out[2 * i + 1] = e * 60_000
    prevEnd = e
  })
  return out
}
