import { describe, expect, it } from 'vitest'
import { formatDuration, formatPeriod, formatRate, formatScore, toHours } from '../format'

const H = 3_600_000

describe('supervision/lib/format', () => {
  it('should write durations in days and hours, Chinese by default', () => {
    expect(formatDuration(3 * 24 * H + 4 * H, 'zh-CN')).toBe('3 天 4 小时')
    expect(formatDuration(2 * 24 * H, 'en-US')).toBe('2 d')
  })

  it('should write durations under an hour in minutes and nothing for no value', () => {
    expect(formatDuration(25 * 60_000, 'zh-CN')).toBe('25 分钟')
    expect(formatDuration(null, 'zh-CN')).toBe('')
  })

  it('should round 23.6 hours up to a whole day instead of "0 天 24 小时"', () => {
    expect(formatDuration(23.6 * H, 'zh-CN')).toBe('1 天')
  })

  it('should give hours with one decimal for chart axes', () => {
    expect(toHours(90_000_000)).toBe(25)
    expect(toHours(5_400_000)).toBe(1.5)
  })

  it('should write shares as percentages with one decimal and a dash for none', () => {
    expect(formatRate(0.9351)).toBe('93.5%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(null)).toBe('—')
  })

  it('should sign positive score changes only when asked', () => {
    expect(formatScore(95)).toBe('95.0')
    expect(formatScore(3, true)).toBe('+3.0')
    expect(formatScore(-5, true)).toBe('-5.0')
  })

  it('should name a month period in the UI language', () => {
    expect(formatPeriod('2026-03', 'zh-CN')).toBe('2026年3月')
    expect(formatPeriod('2026-03', 'en-US')).toBe('Mar 2026')
    expect(formatPeriod('2026-Q1', 'zh-CN')).toBe('2026-Q1')
  })
})
