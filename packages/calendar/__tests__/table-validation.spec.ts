import { describe, expect, it } from 'vitest'
import type { CalendarTable, HolidayEntry } from '../src/index'
import { CalendarTableError, createCalendar, mergeTables, officialSchedule, validateTable } from '../src/index'
import { extension2027 } from './fixtures'

const S = 'test fixture'
const entry = (date: string, kind: HolidayEntry['kind'] = 'holiday'): HolidayEntry => ({ date, kind, name: '测试', source: S })
const table = (entries: HolidayEntry[]): CalendarTable => ({ coveredFrom: '2027-01-01', coveredTo: '2027-12-31', entries })

describe('calendar/table-validation', () => {
  it('accepts a well-formed table', () => {
    expect(validateTable(extension2027)).toEqual([])
  })

  it('rejects a makeupWorkday on a weekday, naming /entries/3/date', () => {
    // 调休上班 only turns a weekend day into a working day; 2027-01-05 is a Tuesday.
    const t = table([entry('2027-01-01'), entry('2027-01-02'), entry('2027-01-03'), entry('2027-01-05', 'makeupWorkday')])
    const issues = validateTable(t)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('/entries/3/date')
  })

  it('rejects a date outside the covered range, naming its path', () => {
    expect(validateTable(table([entry('2027-01-01'), entry('2028-01-01')])).map((i) => i.path)).toEqual(['/entries/1/date'])
  })

  it('rejects impossible dates and bad formats', () => {
    const issues = validateTable(table([entry('2027-02-29'), entry('2027-1-5'), entry('2027-13-01')]))
    expect(issues.map((i) => i.path)).toEqual(['/entries/0/date', '/entries/1/date', '/entries/2/date'])
  })

  it('rejects an unknown kind', () => {
    const bad = { ...entry('2027-01-01'), kind: 'workday' } as unknown as HolidayEntry
    expect(validateTable(table([bad])).map((i) => i.path)).toEqual(['/entries/0/kind'])
  })

  it('rejects duplicate dates within one table', () => {
    const issues = validateTable(table([entry('2027-01-01'), entry('2027-01-01')]))
    expect(issues.map((i) => i.path)).toEqual(['/entries/1/date'])
    expect(issues[0]?.message).toContain('/entries/0')
  })

  it('rejects an inverted covered range', () => {
    const t = { coveredFrom: '2027-12-31', coveredTo: '2027-01-01', entries: [] }
    expect(validateTable(t).map((i) => i.path)).toEqual(['/coveredTo'])
  })

  it('requires a name and a source for every entry', () => {
    const t = table([{ date: '2027-01-01', kind: 'holiday', name: '', source: ' ' }])
    expect(validateTable(t).map((i) => i.path)).toEqual(['/entries/0/name', '/entries/0/source'])
  })

  it('rejects input that is not a table at all', () => {
    expect(validateTable(null).map((i) => i.path)).toEqual([''])
    expect(validateTable({ coveredFrom: '2027-01-01', coveredTo: '2027-12-31' }).map((i) => i.path)).toEqual(['/entries'])
  })

  it('createCalendar refuses an invalid table with CalendarTableError carrying the issues', () => {
    const t = table([entry('2027-01-05', 'makeupWorkday')])
    expect(() => createCalendar(t)).toThrow(CalendarTableError)
    try {
      createCalendar(t)
    } catch (e) {
      expect((e as CalendarTableError).issues.map((i) => i.path)).toEqual(['/entries/0/date'])
    }
  })
})

describe('calendar/merge-tables', () => {
  it('adds the extension entries and extends coverage', () => {
    const merged = mergeTables(officialSchedule, extension2027)
    if (!merged.ok) throw new Error('expected ok')
    expect(merged.table.coveredFrom).toBe('2020-01-01')
    expect(merged.table.coveredTo).toBe('2027-12-31')
    expect(merged.table.entries).toHaveLength(officialSchedule.entries.length + 2)
    expect(validateTable(merged.table)).toEqual([])
  })

  it('lets the extension win on a conflicting date', () => {
    // e.g. 国务院办公厅关于延长2020年春节假期的通知 turned the make-up Saturday 2020-02-01 into a holiday.
    const base: CalendarTable = {
      coveredFrom: '2020-01-01',
      coveredTo: '2020-12-31',
      entries: [entry('2020-01-30'), entry('2020-02-01', 'makeupWorkday')],
    }
    const ext: CalendarTable = { coveredFrom: '2020-01-31', coveredTo: '2020-02-02', entries: [entry('2020-01-31'), entry('2020-02-01'), entry('2020-02-02')] }
    const merged = mergeTables(base, ext)
    if (!merged.ok) throw new Error('expected ok')
    const c = createCalendar(merged.table)
    expect(c.dayInfo('2020-02-01').kind).toBe('holiday')
    expect(c.dayInfo('2020-01-30').kind).toBe('holiday')
    expect(c.coveredFrom).toBe('2020-01-01')
  })

  it('treats the extension range as authoritative, so a revoked base entry disappears', () => {
    const base = table([entry('2027-05-08', 'makeupWorkday'), entry('2027-10-01')])
    const ext: CalendarTable = { coveredFrom: '2027-05-01', coveredTo: '2027-05-31', entries: [] }
    const merged = mergeTables(base, ext)
    if (!merged.ok) throw new Error('expected ok')
    expect(merged.table.entries.map((e) => e.date)).toEqual(['2027-10-01'])
  })

  it('reports a gap between the ranges', () => {
    const ext = { ...extension2027, coveredFrom: '2027-02-01', entries: [] }
    const merged = mergeTables(officialSchedule, ext)
    expect(merged.ok).toBe(false)
    if (merged.ok) return
    expect(merged.errors.map((e) => e.path)).toEqual(['/extension/coveredFrom'])
  })

  it('reports invalid extension entries with /extension paths', () => {
    const ext = table([entry('2027-01-01'), entry('2027-01-05', 'makeupWorkday')])
    const merged = mergeTables(officialSchedule, ext)
    if (merged.ok) throw new Error('expected errors')
    expect(merged.errors.map((e) => e.path)).toEqual(['/extension/entries/1/date'])
  })
})
