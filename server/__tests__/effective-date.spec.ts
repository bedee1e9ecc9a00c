import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSchedulerOnce } from '../src/services/scheduler'
import { religiousForm, materialsExcept } from './fixtures'
import { startServer, type Client, type TestServer } from './harness'

/**
 * Publication with an effective date chosen by the legal reviewer: today, or a later day on which
 * the new version comes into force. Cases started before keep the old version; cases started on
 * or after the day get the new one; the hall shows the version in force.
 */
let t: TestServer
let designer: Client
let reviewer: Client
const KEY = 'religious-venue-preparation'
const MARCH_2 = Date.parse('2026-03-02T09:00:00+08:00')
const MARCH_9_LATE = Date.parse('2026-03-09T23:59:00+08:00')
const MARCH_10 = Date.parse('2026-03-10T00:01:00+08:00')

/** Sets the clock and signs in again (moving the clock by days ends idle sessions). */
async function at(now: number): Promise<void> {
  t.setNow(now)
  designer = t.anonymous()
  reviewer = t.anonymous()
  await Promise.all([designer.login('designer'), reviewer.login('reviewer')])
}

beforeAll(async () => {
  t = await startServer({ now: MARCH_2 })
  await at(MARCH_2)
})
afterAll(async () => t.close())

const confirmAll = { basicInfo: { decision: 'confirm' }, publicFlow: { decision: 'confirm' }, internalFlow: {}, discretion: {} }

/** Opens a draft of `key`, renames the item (a visible change), submits it; returns the version. */
async function submitRename(key: string, name: string, type = 'change'): Promise<number> {
  const opened = await designer.post(`/api/items/${key}/draft`)
  expect(opened.status, JSON.stringify(opened.body)).toBe(200)
  const def = opened.body.definition
  def.item.name = name
  expect((await designer.put(`/api/items/${key}/draft`, { definition: def })).status).toBe(200)
  const submitted = await designer.post(`/api/items/${key}/submit`, { type, reason: '更新事项名称', legalBasis: '《宗教事务条例》第二十一条' })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  return submitted.body.version.version
}

async function apply(): Promise<{ caseId: string; itemVersion: number }> {
  const r = await t.anonymous().post('/api/hall/applications', { itemKey: KEY, applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  const row = await t.deps.db.knex('cases').where({ id: r.body.caseId }).first()
  return { caseId: r.body.caseId, itemVersion: Number(row.item_version) }
}

describe('server/effective date of a publication', () => {
  let before: number
  let scheduled: number
  let oldCase: { caseId: string; itemVersion: number }

  it('should refuse an effective date in the past, beyond a year, or not a date, naming the field', async () => {
    const v = await submitRename(KEY, '宗教活动场所筹备设立审批（新）')
    before = (await designer.get(`/api/items/${KEY}`)).body.item.publishedVersion
    for (const effectiveDate of ['2026-03-01', '2027-03-03', '2026-02-30']) {
      const r = await reviewer.post(`/api/items/${KEY}/versions/${v}/review`, { ...confirmAll, effectiveDate })
      expect(r.status, effectiveDate).toBe(400)
      expect(JSON.stringify(r.body.error.details), effectiveDate).toContain('/body/effectiveDate')
    }
    expect((await designer.get(`/api/items/${KEY}/versions/${v}`)).body.status).toBe('submitted')
  })

  it('should schedule the version for the chosen day and keep the old one in force until then', async () => {
    const pending = (await designer.get(`/api/items/${KEY}`)).body.versions.find((x: { status: string }) => x.status === 'submitted')
    const r = await reviewer.post(`/api/items/${KEY}/versions/${pending.version}/review`, { ...confirmAll, effectiveDate: '2026-03-10' })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    scheduled = pending.version
    expect(r.body.version).toMatchObject({ status: 'scheduled', effectiveDate: '2026-03-10', review: { outcome: 'published', effectiveDate: '2026-03-10' } })
    expect(r.body.item).toMatchObject({ status: 'published', publishedVersion: before, scheduled: { version: scheduled, effectiveDate: '2026-03-10' } })

    const hall = await t.anonymous().get(`/api/catalog/${KEY}`)
    expect(hall.body).toMatchObject({ version: before, item: { name: '宗教活动场所筹备设立审批' } })
    oldCase = await apply()
    expect(oldCase.itemVersion).toBe(before)
  })

  it('should still use the old version on the last minute of the day before', async () => {
    await at(MARCH_9_LATE)
    expect((await t.anonymous().get(`/api/catalog/${KEY}`)).body.version).toBe(before)
    expect((await apply()).itemVersion).toBe(before)
  })

  it('should bring the new version into force on its day: hall, list and new cases, before anything is written', async () => {
    await at(MARCH_10)
    const stored = await t.deps.db.knex('items').where({ key: KEY }).first()
    expect(Number(stored.scheduled_version)).toBe(scheduled)
    const hall = await t.anonymous().get(`/api/catalog/${KEY}`)
    expect(hall.body).toMatchObject({ version: scheduled, item: { name: '宗教活动场所筹备设立审批（新）' } })
    const list = await t.anonymous().get('/api/catalog')
    expect(list.body.items.find((i: { key: string }) => i.key === KEY)).toMatchObject({ version: scheduled })
    expect((await apply()).itemVersion).toBe(scheduled)
  })

  it('should leave a case started before the day on its old version', async () => {
    const row = await t.deps.db.knex('cases').where({ id: oldCase.caseId }).first()
    expect(Number(row.item_version)).toBe(before)
    const window = t.anonymous()
    await window.login('window')
    const detail = await window.get(`/api/cases/${oldCase.caseId}`)
    expect(detail.status).toBe(200)
    expect(detail.body.case.itemVersion).toBe(before)
  })

  it('should record the promotion once (scheduler tick): new version published, old superseded, audited', async () => {
    const run = await runSchedulerOnce(t.deps, 'test-owner')
    expect(run.leader).toBe(true)
    await runSchedulerOnce(t.deps, 'test-owner')
    const versions = (await designer.get(`/api/items/${KEY}`)).body.versions as { version: number; status: string }[]
    expect(versions.find((v) => v.version === scheduled)?.status).toBe('published')
    expect(versions.find((v) => v.version === before)?.status).toBe('superseded')
    const item = (await designer.get(`/api/items/${KEY}`)).body.item
    expect(item).toMatchObject({ publishedVersion: scheduled, scheduled: null })
    const audits = await t.deps.db.knex('audit_log').where({ action: 'item.effective', target: `${KEY}@${scheduled}` })
    expect(audits).toHaveLength(1)
  })

  it('should refuse to schedule a cancellation for a later day', async () => {
    const r0 = await designer.post(`/api/items/${KEY}/submit`, { type: 'cancel', reason: '事项取消', legalBasis: '《国务院关于取消一批行政许可事项的决定》' })
    expect(r0.status, JSON.stringify(r0.body)).toBe(200)
    const v = r0.body.version.version
    const r = await reviewer.post(`/api/items/${KEY}/versions/${v}/review`, { ...confirmAll, effectiveDate: '2026-04-01' })
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues[0].path).toBe('/body/effectiveDate')
    // the legal office rejects it instead; the item stays in force
    const rejected = await reviewer.post(`/api/items/${KEY}/versions/${v}/review`, { basicInfo: { decision: 'reject', reason: '不予取消' }, publicFlow: { decision: 'confirm' } })
    expect(rejected.status).toBe(200)
  })
})

describe('server/effective date: a new item and a replaced schedule', () => {
  it('should keep a new item out of the hall until its day', async () => {
    await at(MARCH_10)
    const created = await designer.post('/api/items', { source: 'template', key: 'future-item', templateKey: KEY })
    expect(created.status).toBe(201)
    expect((await designer.post('/api/items/future-item/submit', { type: 'add', reason: '新增事项', legalBasis: '《宗教事务条例》' })).status).toBe(200)
    const r = await reviewer.post('/api/items/future-item/versions/1/review', { ...confirmAll, effectiveDate: '2026-03-20' })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.item).toMatchObject({ publishedVersion: null, scheduled: { version: 1, effectiveDate: '2026-03-20' } })
    expect((await t.anonymous().get('/api/catalog/future-item')).status).toBe(404)
    expect((await t.anonymous().get('/api/catalog')).body.items.some((i: { key: string }) => i.key === 'future-item')).toBe(false)
    await at(Date.parse('2026-03-20T08:00:00+08:00'))
    expect((await t.anonymous().get('/api/catalog/future-item')).body.version).toBe(1)
    expect((await t.anonymous().get('/api/catalog')).body.items.some((i: { key: string }) => i.key === 'future-item')).toBe(true)
  })

  it('should let a later approval replace a version still waiting for its day (never in force)', async () => {
    await at(Date.parse('2026-03-23T09:00:00+08:00'))
    const first = await submitRename('future-item', '将被替换的名称')
    expect((await reviewer.post(`/api/items/future-item/versions/${first}/review`, { ...confirmAll, effectiveDate: '2026-05-01' })).status).toBe(200)
    const second = await submitRename('future-item', '立即生效的名称')
    const r = await reviewer.post(`/api/items/future-item/versions/${second}/review`, confirmAll)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.item).toMatchObject({ publishedVersion: second, scheduled: null })
    const versions = (await designer.get('/api/items/future-item')).body.versions as { version: number; status: string }[]
    expect(versions.find((v) => v.version === first)?.status).toBe('superseded')
    await at(Date.parse('2026-05-02T09:00:00+08:00'))
    expect((await t.anonymous().get('/api/catalog/future-item')).body).toMatchObject({ version: second, item: { name: '立即生效的名称' } })
  })
})
