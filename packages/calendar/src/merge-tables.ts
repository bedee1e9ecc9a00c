import type { CalendarTable, HolidayEntry, TableIssue } from './calendar-table'
import { formatDay, parseDay } from './civil-date'
import { validateTable } from './validate-table'

export type MergeResult =
  | { readonly ok: true; readonly table: CalendarTable }
  | { readonly ok: false; readonly errors: readonly TableIssue[] }

/**
 * Extends `base` with `extension` (e.g. the administrator's December entry of next year's
 * State Council notice). The extension is authoritative for every day in ITS covered range:
 * within [extension.coveredFrom, extension.coveredTo] the base's entries are replaced by the
 * extension's (so conflicting entries: the extension wins, and a revoked base entry can be
 * removed by covering its date without listing it); outside that range the base is kept.
 * Coverage becomes the union of both ranges, which must be contiguous (overlapping or adjacent).
 *
 * Errors (paths prefixed /base or /extension): anything `validateTable` reports, and a gap
 * between the two ranges (a gap would leave days whose status nobody stated).
 */
export function mergeTables(base: CalendarTable, extension: CalendarTable): MergeResult {
  const errors = [...validateTable(base, '/base'), ...validateTable(extension, '/extension')]
  if (errors.length > 0) return { ok: false, errors }

  const bFrom = parseDay(base.coveredFrom)
  const bTo = parseDay(base.coveredTo)
  const xFrom = parseDay(extension.coveredFrom)
  const xTo = parseDay(extension.coveredTo)
  if (xFrom > bTo + 1) {
    errors.push({
      path: '/extension/coveredFrom',
      message: `gap between ranges: base ends ${formatDay(bTo)}, extension starts ${formatDay(xFrom)}; days ${formatDay(bTo + 1)}…${formatDay(xFrom - 1)} would be unknown`,
    })
  }
  if (xTo < bFrom - 1) {
    errors.push({
      path: '/extension/coveredTo',
      message: `gap between ranges: extension ends ${formatDay(xTo)}, base starts ${formatDay(bFrom)}; days ${formatDay(xTo + 1)}…${formatDay(bFrom - 1)} would be unknown`,
    })
  }
  if (errors.length > 0) return { ok: false, errors }

  const keyed: { day: number; entry: HolidayEntry }[] = []
  for (const entry of base.entries) {
    const day = parseDay(entry.date)
    if (day < xFrom || day > xTo) keyed.push({ day, entry })
  }
  for (const entry of extension.entries) keyed.push({ day: parseDay(entry.date), entry })
  keyed.sort((a, b) => a.day - b.day)
  return {
    ok: true,
    table: {
      coveredFrom: formatDay(Math.min(bFrom, xFrom)),
      coveredTo: formatDay(Math.max(bTo, xTo)),
      entries: keyed.map((k) => k.entry),
    },
  }
}
