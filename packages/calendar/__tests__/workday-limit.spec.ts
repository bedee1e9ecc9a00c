import chineseDays from 'chinese-days'
import { describe, expect, it } from 'vitest'
import { formatInstant } from '../src/index'
import { at, cal } from './fixtures'

describe('calendar/workday-limit', () => {
  it('does not count the day of the trigger: Mon 2026-03-02 10:00 + 1 workday ends 2026-03-03 24:00', () => {
    // 行政许可法 art. 82 (working days, statutory holidays excluded); 民法典 art. 201 (start day not counted).
    const deadline = cal.addWorkdays(at('2026-03-02 10:00'), 1)
    expect(deadline).toBe(Date.parse('2026-03-04T00:00:00+08:00'))
    expect(cal.dueDay(deadline)).toBe('2026-03-03')
  })

  it('ends at the same 24:00 whatever the hour of the trigger', () => {
    // 民法典 art. 201: a period counts whole days from the day after the trigger.
    expect(cal.addWorkdays(at('2026-03-02 00:00'), 1)).toBe(cal.addWorkdays(at('2026-03-02 23:59:59'), 1))
  })

  it('treats 0 working days as the end of the trigger day (instant case, 即办件)', () => {
    // domain.md §4.2: 即办件 are finished on the spot.
    expect(cal.addWorkdays(at('2026-03-07 10:00'), 0)).toBe(cal.endOfDay('2026-03-07'))
  })

  it('counts the first working day after a weekend trigger as day 1', () => {
    // 行政许可法 art. 82: only working days are counted.
    expect(formatInstant(cal.addWorkdays(at('2026-03-07 11:00'), 1))).toBe('2026-03-10 00:00:00')
  })

  it('skips Spring Festival 2026 and counts both make-up Saturdays (20 workdays from 2026-02-10)', () => {
    // 行政许可法 arts. 42 + 82; 国务院办公厅关于2026年部分节假日安排的通知 (02-15…23 off, 02-14 and 02-28 on).
    const deadline = cal.addWorkdays(at('2026-02-10 10:00'), 20)
    expect(cal.dueDay(deadline)).toBe('2026-03-16')
    expect(chineseDays.findWorkday(20, '2026-02-10')).toBe('2026-03-16')
  })

  it('skips National Day 2025 and counts 2025-09-28 and 2025-10-11 (20 workdays from 2025-09-26)', () => {
    // 行政许可法 arts. 42 + 82; 国务院办公厅关于2025年部分节假日安排的通知 (10-01…08 off, 09-28 and 10-11 on).
    const deadline = cal.addWorkdays(at('2025-09-26 15:00'), 20)
    expect(cal.dueDay(deadline)).toBe('2025-10-30')
    expect(chineseDays.findWorkday(20, '2025-09-26')).toBe('2025-10-30')
    expect(cal.dueDay(cal.addWorkdays(at('2025-09-26 15:00'), 1))).toBe('2025-09-28')
    expect(cal.dueDay(cal.addWorkdays(at('2025-09-30 15:00'), 1))).toBe('2025-10-09')
  })

  it('addLimit dispatches on the unit', () => {
    const from = at('2026-03-02 10:00')
    expect(cal.addLimit(from, { value: 5, unit: 'workdays' })).toBe(cal.addWorkdays(from, 5))
    expect(cal.addLimit(from, { value: 5, unit: 'days' })).toBe(cal.addDays(from, 5))
  })

  it('rejects negative or fractional limits and unknown units', () => {
    expect(() => cal.addWorkdays(at('2026-03-02 10:00'), -1)).toThrow(RangeError)
    expect(() => cal.addWorkdays(at('2026-03-02 10:00'), 1.5)).toThrow(RangeError)
    expect(() => cal.addLimit(at('2026-03-02 10:00'), { value: 1, unit: 'hours' as 'days' })).toThrow(RangeError)
    expect(() => cal.addWorkdays(Number.NaN, 1)).toThrow(RangeError)
  })

  it('workdaysBetween counts (fromDay, toDay] and is negative when reversed', () => {
    expect(cal.workdaysBetween('2026-03-02', '2026-03-09')).toBe(5)
    expect(cal.workdaysBetween('2026-03-09', '2026-03-02')).toBe(-5)
    expect(cal.workdaysBetween('2026-03-02', '2026-03-02')).toBe(0)
    // (02-13, 02-28]: 02-14 (Sat, 调休), 02-24…27, 02-28 (Sat, 调休) = 6
    expect(cal.workdaysBetween('2026-02-13', '2026-02-28')).toBe(6)
  })

  it('workdaysBetween may start on the day before coveredFrom, whose status it does not need', () => {
    expect(cal.workdaysBetween('2019-12-31', '2020-01-03')).toBe(2)
  })
})
