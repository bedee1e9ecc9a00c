import { describe, expect, it } from 'vitest'
import type { TimeLimit } from '../src/index'
import { at, cal } from './fixtures'

const twenty: TimeLimit = { value: 20, unit: 'workdays' }

describe('calendar/pauses', () => {
  it('excludes a special procedure spanning Spring Festival 2026, counting the make-up Saturday it covers', () => {
    // 行政许可法 art. 45: time for hearing, testing, expert review… is not counted in the period;
    // DZJC practice extends the deadline by the procedure's days (domain.md §4.4).
    const from = at('2026-02-02 10:00')
    const pause = { from: at('2026-02-11 15:00'), to: at('2026-02-25 11:00') }
    // Excluded days (02-11, 02-25]: working days 02-12, 02-13, 02-14 (Sat, 调休), 02-24, 02-25 = 5.
    expect(cal.workdaysBetween('2026-02-11', '2026-02-25')).toBe(5)
    expect(cal.dueDay(cal.addWorkdays(from, 20))).toBe('2026-03-06')
    const deadline = cal.deadline(from, twenty, [pause])
    expect(cal.dueDay(deadline)).toBe('2026-03-13')
    expect(deadline).toBe(cal.addWorkdays(cal.addWorkdays(from, 20) - 1, 5))
  })

  it('excludes all natural days of a pause from a natural-day limit', () => {
    // 行政许可法 art. 45; the pause excludes (02-11, 02-25] = 14 natural days.
    const from = at('2026-02-02 10:00')
    const pause = { from: at('2026-02-11 15:00'), to: at('2026-02-25 11:00') }
    // 02-02 + 30 + 14 = 03-18 (Wednesday, a working day: no roll).
    expect(cal.dueDay(cal.deadline(from, { value: 30, unit: 'days' }, [pause]))).toBe('2026-03-18')
  })

  it('excludes nothing for a pause that starts and ends on the same day', () => {
    const from = at('2026-03-02 10:00')
    const pause = { from: at('2026-03-04 09:00'), to: at('2026-03-04 17:00') }
    expect(cal.deadline(from, twenty, [pause])).toBe(cal.addWorkdays(from, 20))
  })

  it('ignores a pause that starts after the deadline has passed', () => {
    // Suspending an overdue case does not make it timely again.
    const from = at('2026-03-02 10:00')
    const late = { from: at('2026-04-20 10:00'), to: at('2026-04-30 10:00') }
    expect(cal.deadline(from, { value: 5, unit: 'workdays' }, [late])).toBe(cal.addWorkdays(from, 5))
    expect(cal.deadline(from, { value: 5, unit: 'days' }, [late])).toBe(cal.addDays(from, 5))
  })

  it('freezes consumed while a pause is open', () => {
    // 行政许可法 art. 45: the clock stops during the excluded procedure.
    const from = at('2026-03-02 10:00')
    const open = { from: at('2026-03-05 14:00') }
    expect(cal.consumed(from, twenty, [open], at('2026-03-05 16:00'))).toBe(3)
    expect(cal.consumed(from, twenty, [open], at('2026-03-06 09:00'))).toBe(3)
    expect(cal.consumed(from, twenty, [open], at('2026-03-20 09:00'))).toBe(3)
    // Closed on 03-20: 03-23 (Mon) is the next consumed working day.
    const closed = { from: open.from, to: at('2026-03-20 09:00') }
    expect(cal.consumed(from, twenty, [closed], at('2026-03-23 09:00'))).toBe(4)
    expect(cal.remaining(from, twenty, [closed], at('2026-03-23 09:00'))).toBe(16)
  })

  it('moves the deadline of an open pause one working day per working day paused', () => {
    const from = at('2026-03-02 10:00')
    const open = { from: at('2026-03-05 14:00') }
    const base = cal.addWorkdays(from, 20)
    expect(cal.deadline(from, twenty, [open], at('2026-03-05 16:00'))).toBe(base)
    // (03-05, 03-10]: 03-06, 03-09, 03-10 = 3 working days.
    expect(cal.deadline(from, twenty, [open], at('2026-03-10 16:00'))).toBe(cal.addWorkdays(base - 1, 3))
  })

  it('requires `now` while a pause is open', () => {
    expect(() => cal.deadline(at('2026-03-02 10:00'), twenty, [{ from: at('2026-03-05 14:00') }])).toThrow(RangeError)
  })

  it('rejects a pause that ends before it starts', () => {
    const bad = { from: at('2026-03-05 14:00'), to: at('2026-03-04 14:00') }
    expect(() => cal.deadline(at('2026-03-02 10:00'), twenty, [bad])).toThrow(RangeError)
  })

  it('does not double-count overlapping pauses', () => {
    // Union of (03-03, 03-10] and (03-06, 03-12] = 03-04…03-12: 7 working days.
    const from = at('2026-03-02 10:00')
    const a = { from: at('2026-03-03 10:00'), to: at('2026-03-10 10:00') }
    const b = { from: at('2026-03-06 10:00'), to: at('2026-03-12 10:00') }
    const expected = cal.addWorkdays(cal.addWorkdays(from, 20) - 1, 7)
    expect(cal.deadline(from, twenty, [a, b])).toBe(expected)
    expect(cal.deadline(from, twenty, [b, a, b])).toBe(expected)
    expect(cal.consumed(from, twenty, [a, b], at('2026-03-13 10:00'))).toBe(2) // 03-03 and 03-13
  })

  it('counts consumed natural days net of pauses', () => {
    const from = at('2026-03-02 10:00')
    const pause = { from: at('2026-03-03 10:00'), to: at('2026-03-06 10:00') }
    // (03-02, 03-10] = 8 days minus (03-03, 03-06] = 3 days.
    expect(cal.consumed(from, { value: 30, unit: 'days' }, [pause], at('2026-03-10 08:00'))).toBe(5)
  })

  it('reports 0 consumed on the trigger day and before it', () => {
    expect(cal.consumed(at('2026-03-02 10:00'), twenty, [], at('2026-03-02 23:00'))).toBe(0)
    expect(cal.consumed(at('2026-03-02 10:00'), twenty, [], at('2026-03-01 23:00'))).toBe(0)
  })
})
