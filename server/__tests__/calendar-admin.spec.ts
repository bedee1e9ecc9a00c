import { createCalendar, officialSchedule } from '@sunlight/calendar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Deps } from '../src/deps'
import { loadCalendar } from '../src/services/calendar-admin'
import { runSchedulerOnce } from '../src/services/scheduler'
import { startServer, type TestServer } from './harness'

let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

const N2027 = '国务院办公厅关于2027年部分节假日安排的通知'
const year2027 = {
  coveredFrom: '2027-01-01',
  coveredTo: '2027-12-31',
  entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦', source: N2027 }],
}
const deadline = '/api/calendar/deadline?start=2026-12-28T10:00%2B08:00&n=10&unit=workdays'
interface AuditDetails {
  before: { coveredTo: string; entries: number; officeHours: { from: string }[] }
  after: { coveredTo: string; entries: number; officeHours: { from: string }[] }
}
const auditRows = async (action: string) =>
  ((await t.deps.db.knex('audit_log').where({ action }).orderBy('id')) as { actor_id: string; success: boolean | number; details: string }[]).map((r) => ({ ...r, details: JSON.parse(r.details) as AuditDetails }))

describe('server/calendar administration', () => {
  it('should let staff, supervisors and admins read the calendar, and nobody else', async () => {
    const r = await (await t.as('window')).get('/api/calendar?year=2026')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ coveredFrom: '2020-01-01', coveredTo: '2026-12-31', administrator: null, officeHours: [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:30' }] })
    expect(r.body.entries.every((e: { date: string; origin: string }) => e.date.startsWith('2026-') && e.origin === 'official')).toBe(true)
    expect((await (await t.as('supervisor')).get('/api/calendar')).status).toBe(200)
    expect((await (await t.as('designer')).get('/api/calendar')).status).toBe(403)
    expect((await t.anonymous().get('/api/calendar')).status).toBe(401)
    expect((await (await t.as('admin')).get('/api/calendar?year=1999')).body.error.details.issues[0].path).toBe('/query/year')
  })

  it('should let only an administrator change it', async () => {
    expect((await (await t.as('supervisor')).put('/api/calendar/entries', year2027)).status).toBe(403)
    expect((await (await t.as('window')).put('/api/calendar/office-hours', { officeHours: [{ from: '08:30', to: '17:00' }] })).status).toBe(403)
  })

  it('should not know 2027 until an administrator enters it (422, never a guess)', async () => {
    const r = await t.anonymous().get(deadline)
    expect(r.status).toBe(422)
    expect(r.body.error.details.date).toBe('2027-01-01')
  })

  it('should refuse bad entries with a 400 naming each one, and change nothing', async () => {
    const admin = await t.as('admin')
    const weekday = await admin.put('/api/calendar/entries', { ...year2027, entries: [...year2027.entries, { date: '2027-01-04', kind: 'makeupWorkday', name: '元旦', source: N2027 }] })
    expect(weekday.status).toBe(400)
    expect(weekday.body.error.details.issues).toEqual([{ path: '/body/entries/1/date', message: expect.stringContaining('not a Saturday or Sunday') }])
    const shape = await admin.put('/api/calendar/entries', { ...year2027, entries: [{ date: '2027-1-1', kind: 'dayOff', name: '', source: N2027 }] })
    expect(shape.status).toBe(400)
    expect(shape.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/body/entries/0/date', '/body/entries/0/kind', '/body/entries/0/name'])
    const outside = await admin.put('/api/calendar/entries', { ...year2027, entries: [{ date: '2028-01-01', kind: 'holiday', name: '元旦', source: N2027 }] })
    expect(outside.body.error.details.issues[0].path).toBe('/body/entries/0/date')
    const gap = await admin.put('/api/calendar/entries', { coveredFrom: '2027-02-01', coveredTo: '2027-12-31', entries: [] })
    expect(gap.status).toBe(400)
    expect(gap.body.error.details.issues[0]).toMatchObject({ path: '/body/coveredFrom', message: expect.stringContaining('gap between ranges') })
    expect((await admin.put('/api/calendar/entries', {})).status).toBe(400)
    expect((await t.anonymous().get(deadline)).status).toBe(422)
    expect((await auditRows('calendar.entries')).every((a) => !a.success)).toBe(true)
  })

  it("should take next year's schedule, answer deadlines across it at once, and audit the change", async () => {
    const admin = await t.as('admin')
    const r = await admin.put('/api/calendar/entries', year2027)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ coveredFrom: '2020-01-01', coveredTo: '2027-12-31', administrator: { coveredFrom: '2027-01-01', coveredTo: '2027-12-31', entries: 1 } })
    // 12-29, 12-30, 12-31, (01-01 元旦), 01-04 … 01-08, 01-11, 01-12: the 10th working day.
    const d = await t.anonymous().get(deadline)
    expect(d.status).toBe(200)
    expect(d.body.lastDay).toBe('2027-01-12')
    const y = await admin.get('/api/calendar?year=2027')
    expect(y.body.entries).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦', source: N2027, origin: 'administrator' }])
    const ok = (await auditRows('calendar.entries')).filter((a) => a.success)
    expect(ok).toHaveLength(1)
    expect(ok[0]?.actor_id).toBe('admin')
    const details = ok[0]?.details as AuditDetails
    expect(details.before).toMatchObject({ coveredTo: '2026-12-31' })
    expect(details.after).toMatchObject({ coveredTo: '2027-12-31', entries: details.before.entries + 1 })
    // Stored: a restart (or another process) builds the same calendar.
    expect((await loadCalendar(t.deps)).coveredTo).toBe('2027-12-31')
  })

  it('should let another process pick up the change on its next scheduler tick', async () => {
    const other = { ...t.deps, calendar: createCalendar(officialSchedule) } as Deps
    expect(other.calendar.coveredTo).toBe('2026-12-31')
    const tick = await runSchedulerOnce(other, 'other-process')
    expect(tick.calendarReloaded).toBe(true)
    expect(other.calendar.coveredTo).toBe('2027-12-31')
    expect((await runSchedulerOnce(other, 'other-process')).calendarReloaded).toBe(false)
  })

  it('should correct an entry by re-entering its range (the later statement wins) and extend again', async () => {
    const admin = await t.as('admin')
    const corrected = { ...year2027, entries: [...year2027.entries, { date: '2027-01-02', kind: 'holiday', name: '元旦', source: N2027 }] }
    expect((await admin.put('/api/calendar/entries', corrected)).status).toBe(200)
    const next = await admin.put('/api/calendar/entries', { coveredFrom: '2028-01-01', coveredTo: '2028-12-31', entries: [{ date: '2028-01-01', kind: 'holiday', name: '元旦', source: '国务院办公厅关于2028年部分节假日安排的通知' }] })
    expect(next.body).toMatchObject({ coveredTo: '2028-12-31', administrator: { coveredFrom: '2027-01-01', coveredTo: '2028-12-31', entries: 3 } })
  })

  it('should set office hours, naming a bad interval, and audit the change', async () => {
    const admin = await t.as('admin')
    const overlap = await admin.put('/api/calendar/office-hours', { officeHours: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '17:00' }] })
    expect(overlap.status).toBe(400)
    expect(overlap.body.error.details.issues[0].path).toBe('/body/officeHours/1')
    const bad = await admin.put('/api/calendar/office-hours', { officeHours: [{ from: '25:00', to: '12:00' }] })
    expect(bad.body.error.details.issues[0].path).toBe('/body/officeHours/0/from')
    const r = await admin.put('/api/calendar/office-hours', { officeHours: [{ from: '08:30', to: '12:00' }, { from: '14:00', to: '18:00' }], receiptAfterHours: 'sameDay' })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ officeHours: [{ from: '08:30', to: '12:00' }, { from: '14:00', to: '18:00' }], receiptAfterHours: 'sameDay', coveredTo: '2028-12-31' })
    expect(t.deps.calendar.isWithinOfficeHours(Date.parse('2026-03-02T08:45:00+08:00'))).toBe(true)
    const a = await auditRows('calendar.officeHours')
    expect(a).toHaveLength(1)
    expect(a[0]?.details.after.officeHours[0]?.from).toBe('08:30')
    expect(a[0]?.details.before.officeHours[0]?.from).toBe('09:00')
  })
})
