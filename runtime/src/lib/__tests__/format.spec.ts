import { describe, expect, it } from 'vitest'
import { formatDay, formatInstant, formatLimit, formatSize } from '../format'

describe('lib/format', () => {
  it('should show instants in China time whatever the browser zone', () => {
    // 2026-03-01T16:30:00Z is 2026-03-02 00:30 in Beijing.
    expect(formatInstant(Date.UTC(2026, 2, 1, 16, 30))).toBe('2026-03-02 00:30')
    expect(formatDay(Date.UTC(2026, 2, 1, 16, 30))).toBe('2026-03-02')
  })

  it('should show nothing for a missing instant', () => {
    expect(formatInstant(undefined)).toBe('')
    expect(formatInstant(null)).toBe('')
    expect(formatInstant(Number.NaN)).toBe('')
  })

  it('should word working days and calendar days in both languages', () => {
    expect(formatLimit({ value: 20, unit: 'workdays' }, 'zh-CN')).toBe('20 个工作日')
    expect(formatLimit({ value: 30, unit: 'days' }, 'zh-CN')).toBe('30 日')
    expect(formatLimit({ value: 1, unit: 'workdays' }, 'en-US')).toBe('1 working day')
    expect(formatLimit({ value: 30, unit: 'days' }, 'en-US')).toBe('30 days')
    expect(formatLimit(undefined, 'zh-CN')).toBe('')
  })

  it('should size files in B, KB and MB', () => {
    expect(formatSize(812)).toBe('812 B')
    expect(formatSize(2048)).toBe('2.0 KB')
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB')
    expect(formatSize(null)).toBe('')
  })
})
