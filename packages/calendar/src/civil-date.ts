// Civil-date arithmetic without Date objects (hot paths use these).
// Days are counted as "epoch days": day 0 = 1970-01-01 (proleptic Gregorian).
// Algorithms: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
// (days_from_civil / civil_from_days), public domain.

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000
/** China Standard Time is fixed UTC+8 and has no daylight saving time (since 1991). */
export const CHINA_OFFSET_MS = 8 * 3_600_000

/** Epoch day of a proleptic Gregorian date. */
export function epochDayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** Days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/** Reads `len` decimal digits at `at`; -1 if any is not a digit. */
export function readDigits(s: string, at: number, len: number): number {
  let v = 0
  for (let i = at; i < at + len; i++) {
    const c = digit(s, i)
    if (c < 0) return -1
    v = v * 10 + c
  }
  return v
}

/** Epoch day of a strict 'YYYY-MM-DD' string, or NaN if it is not a real calendar date. */
export function tryParseDay(day: string): number {
  if (typeof day !== 'string' || day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return NaN
  const y = readDigits(day, 0, 4)
  const m = readDigits(day, 5, 2)
  const d = readDigits(day, 8, 2)
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN
  return epochDayFromCivil(y, m, d)
}

/** Epoch day of a strict 'YYYY-MM-DD' string; throws RangeError otherwise. */
export function parseDay(day: string): number {
  const e = tryParseDay(day)
  if (Number.isNaN(e)) throw new RangeError(`invalid date '${String(day)}', expected YYYY-MM-DD`)
  return e
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`
}

/** 'YYYY-MM-DD' of an epoch day (years 0000–9999). */
export function formatDay(epochDay: number): string {
  const z = epochDay + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`
}

/** Day of week of an epoch day: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7
}

/** China-time epoch day of an instant (epoch ms). */
export function chinaEpochDay(instant: number): number {
  return Math.floor((instant + CHINA_OFFSET_MS) / DAY_MS)
}

/** Instant (epoch ms) of 00:00 China time of an epoch day. */
export function chinaStartOfEpochDay(epochDay: number): number {
  return epochDay * DAY_MS - CHINA_OFFSET_MS
}

/** Throws RangeError unless `instant` is a finite number of epoch milliseconds. */
export function checkInstant(instant: number, what = 'instant'): void {
  if (typeof instant !== 'number' || !Number.isFinite(instant)) {
    throw new RangeError(`${what} must be a finite epoch-milliseconds number, got ${String(instant)}`)
  }
}
