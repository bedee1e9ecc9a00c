import { describe, expect, it } from 'vitest'
import { allowedEffectiveDay, chinaDay, latestEffectiveDay } from '../effective-date'

describe('review/effective-date', () => {
  it('should take the day in China, not in UTC', () => {
    expect(chinaDay(new Date('2026-03-09T16:30:00Z'))).toBe('2026-03-10')
    expect(chinaDay(new Date('2026-03-09T15:59:00Z'))).toBe('2026-03-09')
  })

  it('should allow today up to a year ahead for add and change', () => {
    expect(allowedEffectiveDay('2026-03-02', '2026-03-02', 'change')).toBe(true)
    expect(allowedEffectiveDay('2026-03-01', '2026-03-02', 'change')).toBe(false)
    expect(allowedEffectiveDay(latestEffectiveDay('2026-03-02'), '2026-03-02', 'add')).toBe(true)
    expect(allowedEffectiveDay('2027-03-03', '2026-03-02', 'add')).toBe(false)
  })

  it('should allow only today for cancel and delegate', () => {
    expect(allowedEffectiveDay('2026-03-05', '2026-03-02', 'cancel')).toBe(false)
    expect(allowedEffectiveDay('2026-03-02', '2026-03-02', 'delegate')).toBe(true)
  })
})
