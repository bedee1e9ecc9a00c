import chineseDays from 'chinese-days'
import { describe, expect, it } from 'vitest'
import { officialSchedule, validateTable } from '../src/index'
import { cal } from './fixtures'

function* daysOf(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10)
  }
}

describe('calendar/official-schedule', () => {
  it('covers 2020-01-01 … 2026-12-31 and passes validateTable', () => {
    expect(officialSchedule.coveredFrom).toBe('2020-01-01')
    expect(officialSchedule.coveredTo).toBe('2026-12-31')
    expect(validateTable(officialSchedule)).toEqual([])
  })

  it('matches chinese-days isWorkday for every day 2020-01-01 … 2026-12-31', () => {
    // Cross-check against the devDependency the data was generated from ([HOL], domain.md §4.3).
    const mismatches: string[] = []
    let count = 0
    for (const day of daysOf('2020-01-01', '2026-12-31')) {
      count++
      expect(chineseDays.getDayDetail(day).date).toBe(day) // guards against a time-zone shift in the library
      if (chineseDays.isWorkday(day) !== cal.isWorkday(day)) mismatches.push(day)
    }
    expect(count).toBe(2557)
    expect(mismatches).toEqual([])
  })

  it('cites a State Council notice for every entry', () => {
    for (const e of officialSchedule.entries) {
      expect(e.source).toMatch(/^国务院办公厅关于(延长)?20\d\d年(部分节假日安排|春节假期)的通知$/)
    }
  })

  it('attributes 2022-12-31 (元旦 2023) to the 2023 notice and the 2020 extension days to the extension notice', () => {
    const by = (d: string) => officialSchedule.entries.find((e) => e.date === d)
    expect(by('2022-12-31')?.source).toBe('国务院办公厅关于2023年部分节假日安排的通知')
    expect(by('2020-01-31')?.source).toBe('国务院办公厅关于延长2020年春节假期的通知')
    // 2020-02-01 was a make-up Saturday in the original notice; the extension made it a holiday.
    expect(by('2020-02-01')?.kind).toBe('holiday')
  })

  it('2026 make-up weekend days are working days (国务院办公厅关于2026年部分节假日安排的通知)', () => {
    for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(cal.isWorkday(day), day).toBe(true)
      expect(cal.dayInfo(day).kind, day).toBe('makeupWorkday')
    }
  })

  it('2026-02-17 (春节) is not a working day', () => {
    expect(cal.isWorkday('2026-02-17')).toBe(false)
    expect(cal.dayInfo('2026-02-17')).toEqual({ day: '2026-02-17', workday: false, kind: 'holiday', name: '春节' })
  })

  it('dayInfo tells plain weekdays from plain weekends', () => {
    expect(cal.dayInfo('2026-03-06')).toEqual({ day: '2026-03-06', workday: true, kind: 'workday' })
    expect(cal.dayInfo('2026-03-07')).toEqual({ day: '2026-03-07', workday: false, kind: 'weekend' })
  })
})
