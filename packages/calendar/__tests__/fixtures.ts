import type { CalendarTable } from '../src/index'
import { createCalendar, officialSchedule, parseInstant } from '../src/index'

/** The calendar over the committed official schedule 2020–2026. */
export const cal = createCalendar(officialSchedule)

/** China-time instant from 'YYYY-MM-DD HH:mm[:ss]'. */
export const at = parseInstant

/** Milliseconds per day. */
export const DAY = 86_400_000

/**
 * A HYPOTHETICAL 2027 extension used only by tests (the real 2027 notice is not in chinese-days 1.5.7):
 * 元旦 on Friday 2027-01-01 and one make-up Saturday, to exercise merging.
 */
export const extension2027: CalendarTable = {
  coveredFrom: '2027-01-01',
  coveredTo: '2027-12-31',
  entries: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'test fixture (hypothetical 2027 notice)' },
    { date: '2027-01-09', kind: 'makeupWorkday', name: '元旦', source: 'test fixture (hypothetical 2027 notice)' },
  ],
}
