import { describe, expect, it } from 'vitest'
import { createCalendar, defaultOfficeHours, formatInstant, officialSchedule } from '../src/index'
import { at, cal } from './fixtures'

describe('calendar/office-hours', () => {
  it('defaults to 09:00–12:00 and 13:30–17:30 (a configurable default, not law)', () => {
    expect(defaultOfficeHours).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ])
  })

  it('is within office hours from opening (inclusive) to closing (exclusive) on a working day', () => {
    expect(cal.isWithinOfficeHours(at('2026-03-02 08:59:59'))).toBe(false)
    expect(cal.isWithinOfficeHours(at('2026-03-02 09:00'))).toBe(true)
    expect(cal.isWithinOfficeHours(at('2026-03-02 11:59:59'))).toBe(true)
    expect(cal.isWithinOfficeHours(at('2026-03-02 12:00'))).toBe(false)
    expect(cal.isWithinOfficeHours(at('2026-03-02 13:30'))).toBe(true)
    expect(cal.isWithinOfficeHours(at('2026-03-02 17:30'))).toBe(false)
  })

  it('has no office hours on weekends and holidays, but has them on make-up Saturdays', () => {
    expect(cal.isWithinOfficeHours(at('2026-03-07 10:00'))).toBe(false)
    expect(cal.isWithinOfficeHours(at('2026-02-17 10:00'))).toBe(false)
    expect(cal.isWithinOfficeHours(at('2026-02-14 10:00'))).toBe(true)
  })

  it('nextOfficeOpening returns the instant itself when open', () => {
    expect(cal.nextOfficeOpening(at('2026-03-02 10:15'))).toBe(at('2026-03-02 10:15'))
  })

  it('nextOfficeOpening finds the next opening the same day', () => {
    expect(cal.nextOfficeOpening(at('2026-03-02 07:00'))).toBe(at('2026-03-02 09:00'))
    expect(cal.nextOfficeOpening(at('2026-03-02 12:30'))).toBe(at('2026-03-02 13:30'))
  })

  it('nextOfficeOpening skips to the next working day after hours, over weekends and holidays', () => {
    expect(cal.nextOfficeOpening(at('2026-03-06 18:00'))).toBe(at('2026-03-09 09:00'))
    expect(cal.nextOfficeOpening(at('2026-02-13 17:30'))).toBe(at('2026-02-14 09:00')) // make-up Saturday
    expect(formatInstant(cal.nextOfficeOpening(at('2026-02-14 18:00')))).toBe('2026-02-24 09:00:00') // after 春节
  })

  it('receiptDay is the same day for a submission before closing on a working day', () => {
    // Local practice, configurable; not a national rule.
    expect(cal.receiptDay(at('2026-03-02 06:00'))).toBe('2026-03-02')
    expect(cal.receiptDay(at('2026-03-02 12:45'))).toBe('2026-03-02')
    expect(cal.receiptDay(at('2026-03-02 17:29:59'))).toBe('2026-03-02')
  })

  it('receiptDay is the next working day after closing by default', () => {
    expect(cal.receiptDay(at('2026-03-02 17:30'))).toBe('2026-03-03')
    expect(cal.receiptDay(at('2026-03-06 20:00'))).toBe('2026-03-09')
  })

  it('receiptDay is the next working day for a weekend or holiday submission', () => {
    expect(cal.receiptDay(at('2026-03-07 10:00'))).toBe('2026-03-09')
    expect(cal.receiptDay(at('2026-02-16 10:00'))).toBe('2026-02-24')
  })

  it("receiptAfterHours 'sameDay' keeps after-hours working-day submissions on that day only", () => {
    const c = createCalendar(officialSchedule, { receiptAfterHours: 'sameDay' })
    expect(c.receiptDay(at('2026-03-02 22:00'))).toBe('2026-03-02')
    expect(c.receiptDay(at('2026-03-07 10:00'))).toBe('2026-03-09')
  })

  it('accepts custom office hours', () => {
    const c = createCalendar(officialSchedule, { officeHours: [{ from: '08:30', to: '17:00' }] })
    expect(c.isWithinOfficeHours(at('2026-03-02 08:30'))).toBe(true)
    expect(c.isWithinOfficeHours(at('2026-03-02 12:30'))).toBe(true)
    expect(c.receiptDay(at('2026-03-02 17:10'))).toBe('2026-03-03')
    expect(c.nextOfficeOpening(at('2026-03-02 17:10'))).toBe(at('2026-03-03 08:30'))
  })

  it('rejects malformed, empty, inverted or overlapping office hours', () => {
    const make = (officeHours: { from: string; to: string }[]) => () => createCalendar(officialSchedule, { officeHours })
    expect(make([])).toThrow(RangeError)
    expect(make([{ from: '9:00', to: '12:00' }])).toThrow(RangeError)
    expect(make([{ from: '12:00', to: '09:00' }])).toThrow(RangeError)
    expect(make([{ from: '09:00', to: '12:00' }, { from: '11:00', to: '17:00' }])).toThrow(RangeError)
    expect(make([{ from: '00:00', to: '24:00' }])).not.toThrow()
  })
})
