import { describe, expect, it } from 'vitest'
import { at, cal } from './fixtures'

describe('calendar/natural-day-limit', () => {
  it('ends at 24:00 of day(T) + N, the trigger day not counted', () => {
    // 民法典 art. 201: the start day of a period counted in days is not counted.
    expect(cal.dueDay(cal.addDays(at('2026-03-02 10:00'), 3))).toBe('2026-03-05')
  })

  it('rolls a last day on a Sunday forward to Monday', () => {
    // 民法典 art. 203: if the last day is a statutory rest day, the day after the rest ends is the last day.
    expect(cal.dueDay(cal.addDays(at('2026-03-02 10:00'), 6))).toBe('2026-03-09')
  })

  it('rolls a last day inside National Day 2026 forward to the first working day after it', () => {
    // 民法典 art. 203; 国务院办公厅关于2026年部分节假日安排的通知 (10-01…07 off).
    expect(cal.dueDay(cal.addDays(at('2026-09-24 10:00'), 7))).toBe('2026-10-08')
  })

  it('rolls a last day on Spring Festival 2026 past the holiday', () => {
    // 民法典 art. 203; 2026-02-17 is 春节.
    expect(cal.dueDay(cal.addDays(at('2026-02-07 10:00'), 10))).toBe('2026-02-24')
  })

  it('does not roll a last day that is a make-up Saturday', () => {
    // 民法典 art. 203 applies to rest days only; 2026-10-10 (Sat) is a 调休 working day.
    expect(cal.dueDay(cal.addDays(at('2026-10-03 10:00'), 7))).toBe('2026-10-10')
  })

  it('treats 0 natural days as the end of the trigger day, even on a rest day', () => {
    expect(cal.addDays(at('2026-03-07 10:00'), 0)).toBe(cal.endOfDay('2026-03-07'))
  })
})
