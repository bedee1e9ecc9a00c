import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatInstant, parseInstant } from '../src/index'
import { at, cal } from './fixtures'

describe('calendar/instants', () => {
  it('uses fixed UTC+8 China time', () => {
    expect(formatInstant(0)).toBe('1970-01-01 08:00:00')
    expect(parseInstant('2026-03-02 10:00')).toBe(Date.parse('2026-03-02T10:00:00+08:00'))
    expect(parseInstant('2026-03-02 10:00:05')).toBe(Date.parse('2026-03-02T10:00:05+08:00'))
  })

  it('dayOf switches at China midnight, not UTC midnight', () => {
    expect(cal.dayOf(Date.parse('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01')
    expect(cal.dayOf(Date.parse('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02')
  })

  it('endOfDay is the 24:00 instant, equal to the next startOfDay', () => {
    expect(cal.endOfDay('2026-02-28')).toBe(cal.startOfDay('2026-03-01'))
    expect(cal.endOfDay('2024-02-28')).toBe(cal.startOfDay('2024-02-29'))
    expect(cal.dueDay(cal.endOfDay('2026-03-02'))).toBe('2026-03-02')
  })

  it('rejects malformed days and instants', () => {
    expect(() => cal.startOfDay('2026-02-30')).toThrow(RangeError)
    expect(() => parseInstant('2026-03-02T10:00')).toThrow(RangeError)
    expect(() => parseInstant('2026-03-02 24:00')).toThrow(RangeError)
    expect(() => cal.dayOf(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })

  it('formatInstant agrees with Date for any instant 1900…2200 and round-trips through parseInstant', () => {
    const lo = Date.parse('1900-01-01T00:00:00Z')
    const hi = Date.parse('2200-01-01T00:00:00Z')
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (t) => {
        const viaDate = new Date(t + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
        expect(formatInstant(t)).toBe(viaDate)
        expect(parseInstant(formatInstant(t))).toBe(t - (((t % 1000) + 1000) % 1000))
        expect(cal.dayOf(t)).toBe(viaDate.slice(0, 10))
        expect(cal.startOfDay(cal.dayOf(t))).toBe(at(`${viaDate.slice(0, 10)} 00:00`))
      }),
    )
  })
})
