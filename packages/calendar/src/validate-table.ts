import type { TableIssue } from './calendar-table'
import { formatDay, tryParseDay, weekdayOf } from './civil-date'

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0
}

/**
 * Checks a holiday table (typically an administrator's input, hence `unknown`) and returns
 * every problem found, each with a JSON-pointer-like path; an empty array means valid.
 *
 * Rules:
 * - `coveredFrom`/`coveredTo` are real dates 'YYYY-MM-DD' with coveredFrom ≤ coveredTo;
 * - each entry's `date` is a real date inside [coveredFrom, coveredTo] and appears once;
 * - `kind` is 'holiday' or 'makeupWorkday'; a makeupWorkday must fall on a Saturday or Sunday
 *   (调休上班 only ever turns a weekend day into a working day);
 * - `name` and `source` are non-empty strings (every override must cite its notice).
 */
export function validateTable(table: unknown, pathPrefix = ''): TableIssue[] {
  const issues: TableIssue[] = []
  const at = (path: string, message: string): void => {
    issues.push({ path: pathPrefix + path, message })
  }
  if (!isRecord(table)) {
    at('', 'table must be an object { coveredFrom, coveredTo, entries }')
    return issues
  }
  const from = tryParseDay(table['coveredFrom'] as string)
  const to = tryParseDay(table['coveredTo'] as string)
  if (Number.isNaN(from)) at('/coveredFrom', `invalid date ${JSON.stringify(table['coveredFrom'])}, expected YYYY-MM-DD`)
  if (Number.isNaN(to)) at('/coveredTo', `invalid date ${JSON.stringify(table['coveredTo'])}, expected YYYY-MM-DD`)
  const rangeOk = !Number.isNaN(from) && !Number.isNaN(to)
  if (rangeOk && from > to) at('/coveredTo', `coveredTo ${formatDay(to)} is before coveredFrom ${formatDay(from)}`)

  const entries = table['entries']
  if (!Array.isArray(entries)) {
    at('/entries', 'entries must be an array')
    return issues
  }
  const seen = new Map<number, number>()
  entries.forEach((entry: unknown, i: number) => {
    const p = `/entries/${i}`
    if (!isRecord(entry)) {
      at(p, 'entry must be an object { date, kind, name, source }')
      return
    }
    const day = tryParseDay(entry['date'] as string)
    const kind = entry['kind']
    if (Number.isNaN(day)) {
      at(`${p}/date`, `invalid date ${JSON.stringify(entry['date'])}, expected YYYY-MM-DD`)
    } else {
      if (rangeOk && (day < from || day > to)) {
        at(`${p}/date`, `${formatDay(day)} is outside the covered range ${formatDay(from)}…${formatDay(to)}`)
      }
      const first = seen.get(day)
      if (first === undefined) seen.set(day, i)
      else at(`${p}/date`, `duplicate date ${formatDay(day)}, already at /entries/${first}`)
      const wd = weekdayOf(day)
      if (kind === 'makeupWorkday' && wd !== 0 && wd !== 6) {
        at(`${p}/date`, `makeupWorkday ${formatDay(day)} is not a Saturday or Sunday (a weekday is already a working day)`)
      }
    }
    if (kind !== 'holiday' && kind !== 'makeupWorkday') {
      at(`${p}/kind`, `kind must be 'holiday' or 'makeupWorkday', got ${JSON.stringify(kind)}`)
    }
    if (!nonEmptyString(entry['name'])) at(`${p}/name`, 'name must be a non-empty string (e.g. 春节)')
    if (!nonEmptyString(entry['source'])) {
      at(`${p}/source`, 'source must be a non-empty string (e.g. 国务院办公厅关于2027年部分节假日安排的通知)')
    }
  })
  return issues
}
