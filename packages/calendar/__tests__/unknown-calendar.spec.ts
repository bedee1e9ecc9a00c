import { describe, expect, it } from 'vitest'
import { CalendarUnknownError, createCalendar, mergeTables, officialSchedule } from '../src/index'
import { at, cal, extension2027 } from './fixtures'

function caught(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}

describe('calendar/unknown-calendar', () => {
  it('throws CalendarUnknownError for 2027-01-04, never guessing', () => {
    const e = caught(() => cal.isWorkday('2027-01-04'))
    expect(e).toBeInstanceOf(CalendarUnknownError)
    expect(e).toBeInstanceOf(Error)
    const err = e as CalendarUnknownError
    expect(err.date).toBe('2027-01-04')
    expect(err.message).toBe('calendar unknown for 2027-01-04')
    expect(err.messageZh).toBe('日历未覆盖 2027-01-04，请在节假日表中补充该年度安排')
    expect(err.name).toBe('CalendarUnknownError')
  })

  it('names the first uncovered day a deadline needs', () => {
    const e = caught(() => cal.addWorkdays(at('2026-12-28 10:00'), 5))
    expect((e as CalendarUnknownError).date).toBe('2027-01-01')
  })

  it('still answers a deadline whose last day is the last covered day', () => {
    expect(cal.dueDay(cal.addWorkdays(at('2026-12-28 10:00'), 3))).toBe('2026-12-31')
  })

  it('throws for days before coverage too', () => {
    expect((caught(() => cal.dayInfo('2019-12-31')) as CalendarUnknownError).date).toBe('2019-12-31')
  })

  it('throws when a natural-day limit must roll past coverage', () => {
    // 2026-12-31 + 3 = 2027-01-03: its status is unknown, so art. 203 cannot be applied.
    expect((caught(() => cal.addDays(at('2026-12-31 10:00'), 3)) as CalendarUnknownError).date).toBe('2027-01-03')
  })

  it('works for 2027 after merging a 2027 extension', () => {
    const merged = mergeTables(officialSchedule, extension2027)
    expect(merged.ok).toBe(true)
    if (!merged.ok) return
    const c = createCalendar(merged.table)
    expect(c.coveredTo).toBe('2027-12-31')
    expect(c.isWorkday('2027-01-04')).toBe(true)
    expect(c.isWorkday('2027-01-01')).toBe(false)
    expect(c.dueDay(c.addWorkdays(at('2026-12-28 10:00'), 5))).toBe('2027-01-05')
  })

  it('leaves pure day arithmetic available outside coverage', () => {
    expect(cal.dayOf(at('2030-05-01 12:00'))).toBe('2030-05-01')
    expect(cal.endOfDay('2030-05-01')).toBe(at('2030-05-02 00:00'))
  })
})
