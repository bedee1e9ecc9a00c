import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Client, type TestServer } from './harness'
import { materialsExcept, religiousForm } from './fixtures'

let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

const form = religiousForm
const materials = materialsExcept()

/** A fresh sign-in (the test clock moves by days; sessions expire on it). */
async function as(username: string): Promise<Client> {
  const c = t.anonymous()
  expect((await c.login(username)).status).toBe(200)
  return c
}

async function command(c: Client, caseId: string, cmd: Record<string, unknown>) {
  const detail = await c.get(`/api/cases/${caseId}`)
  const r = await c.post(`/api/cases/${caseId}/commands`, { expectedVersion: detail.body.case.version, command: cmd })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
}

async function windowCase(): Promise<{ caseId: string; caseNo: string }> {
  const r = await (await as('window')).post('/api/cases', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会', idType: '01', idNumber: '51510000008231760L', phone: '13800000000' }, form, materials })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

interface Rec {
  row_guid: string
  cd_operation: string
  cd_batch: string
  cd_time: string
  dataset: string
  caseNo: string
  outboxId: number
  data: Record<string, unknown>
}
const feed = async (query: string) => {
  const r = await (await as('supervisor')).get(`/api/exchange/feed?${query}`)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body as { batch: string; cdTime: string; nextSince: number; hasMore: boolean; count: number; records: Rec[] }
}

let cursor = 0

describe('server/exchange feed: case records in the national shapes', () => {
  it('should deliver a whole case: 办事申请, 材料, 受理 with 承诺办结时间, 办理过程 per step, 办结 with the result code', async () => {
    t.setNow(Date.parse('2026-03-02T09:00:00+08:00'))
    const a = await windowCase()
    await command(await as('window'), a.caseId, { type: 'accept', opinion: '材料齐全，予以受理' })
    t.setNow(Date.parse('2026-03-03T10:00:00+08:00'))
    await command(await as('handler'), a.caseId, { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } })
    await command(await as('checker'), a.caseId, { type: 'complete', node: 'verify', opinion: '同意' })
    t.setNow(Date.parse('2026-03-04T16:30:00+08:00'))
    await command(await as('approver'), a.caseId, { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } })

    const f = await feed('since=0&department=sc-mzw')
    const mine = f.records.filter((r) => r.caseNo === a.caseNo)
    expect(mine.map((r) => r.dataset)).toEqual(['application', ...Array(6).fill('material'), 'acceptance', 'process', 'process', 'process', 'result'])
    for (const r of f.records) expect(r).toMatchObject({ cd_operation: 'I', cd_batch: f.batch, cd_time: '2026-03-04 16:30:00' })
    expect(new Set(f.records.map((r) => r.row_guid)).size).toBe(f.records.length)
    const by = (d: string) => mine.filter((r) => r.dataset === d).map((r) => r.data)
    expect(by('application')[0]).toMatchObject({ caseNo: a.caseNo, itemName: '宗教活动场所筹备设立审批', caseType: '承诺件', applicantName: '成都市佛教协会', sourceCode: '1', applyTime: '2026-03-02 09:00:00' })
    expect(by('material')[0]).toMatchObject({ materialName: '筹备设立宗教活动场所申请书', collected: '1', method: '窗口提交' })
    // 20 days from Monday 03-02 is Sunday 03-22, rolled to Monday 03-23.
    expect(by('acceptance')[0]).toMatchObject({ acceptUnit: '四川省民族宗教事务委员会', acceptUnitCreditCode: '11510000008231760L', acceptor: '张窗口（省民宗委）', acceptTime: '2026-03-02 09:00:00', promisedFinishTime: '2026-03-23 23:59:59' })
    expect(by('process')).toEqual([
      expect.objectContaining({ action: '通过', stepName: '审查', handler: '李承办（省民宗委）', opinion: '符合条件', startTime: '2026-03-02 09:00:00', endTime: '2026-03-03 10:00:00', stepStatus: '2' }),
      expect.objectContaining({ action: '通过', stepName: '审核', startTime: '2026-03-03 10:00:00', endTime: '2026-03-03 10:00:00' }),
      expect.objectContaining({ action: '通过', stepName: '审批决定', handler: '赵批准（省民宗委）', endTime: '2026-03-04 16:30:00' }),
    ])
    expect(by('result')[0]).toMatchObject({ resultCode: '0', result: 'approved', resultName: '准予（出证办结）', finishTime: '2026-03-04 16:30:00', issuingUnit: '四川省民族宗教事务委员会' })
    expect(JSON.stringify(f.records)).not.toMatch(/queryCode/)
    expect(f.nextSince).toBe(Math.max(...f.records.map((r) => r.outboxId)))

    const again = await feed(`since=${f.nextSince}&department=sc-mzw`)
    expect(again).toMatchObject({ count: 0, records: [], nextSince: f.nextSince, hasMore: false })
    cursor = f.nextSince
  })

  it('should send a special procedure as an insert at its start and an update of the same row at its end', async () => {
    t.setNow(Date.parse('2026-03-05T09:00:00+08:00'))
    const a = await windowCase()
    await command(await as('window'), a.caseId, { type: 'accept' })
    await command(await as('handler'), a.caseId, { type: 'startSpecialProcedure', procedure: 'fieldCheck', reason: '需实地核查拟设立地点' })
    t.setNow(Date.parse('2026-03-10T15:00:00+08:00'))
    await command(await as('handler'), a.caseId, { type: 'endSpecialProcedure', outcome: '实地核查符合要求' })
    const f = await feed(`since=${cursor}&department=sc-mzw&limit=2`)
    expect(f.hasMore).toBe(true)
    const rest = await feed(`since=${f.nextSince}&department=sc-mzw`)
    const sp = [...f.records, ...rest.records].filter((r) => r.dataset === 'specialProcedure')
    expect(sp.map((r) => r.cd_operation)).toEqual(['I', 'U'])
    expect(sp[0]?.row_guid).toBe(sp[1]?.row_guid)
    expect(sp[0]?.data).toMatchObject({ typeCode: '2', typeName: '实地核查', startTime: '2026-03-05 09:00:00', reason: '需实地核查拟设立地点', endTime: null })
    expect(sp[1]?.data).toMatchObject({ endTime: '2026-03-10 15:00:00', result: '实地核查符合要求' })
    cursor = rest.nextSince
  })

  it('should send a refusal as 办结 with the region’s code for 不予受理', async () => {
    t.setNow(Date.parse('2026-03-11T09:00:00+08:00'))
    const a = await windowCase()
    await command(await as('window'), a.caseId, { type: 'refuse', reason: '申请事项不属于本机关职权范围' })
    const f = await feed(`since=${cursor}`)
    const result = f.records.find((r) => r.caseNo === a.caseNo && r.dataset === 'result')
    expect(result?.data).toMatchObject({ resultCode: '1', result: 'refused', description: '申请事项不属于本机关职权范围' })
    cursor = f.nextSince
  })

  it('should be for administrators and supervisors only, and name bad parameters', async () => {
    expect((await t.anonymous().get('/api/exchange/feed')).status).toBe(401)
    expect((await (await as('window')).get('/api/exchange/feed')).status).toBe(403)
    expect((await (await as('designer')).get('/api/exchange/completeness')).status).toBe(403)
    expect((await (await as('admin')).get(`/api/exchange/feed?since=${cursor}`)).status).toBe(200)
    const bad = await (await as('supervisor')).get('/api/exchange/feed?since=abc&limit=0')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/query/limit', '/query/since'])
    const dept = await (await as('supervisor')).get('/api/exchange/feed?department=nowhere')
    expect(dept.status).toBe(400)
    expect(dept.body.error.details.issues[0].path).toBe('/query/department')
    const window = await (await as('supervisor')).get('/api/exchange/completeness?since=2026-03-10&until=2026-03-01')
    expect(window.body.error.details.issues[0].path).toBe('/query/until')
  })
})

describe('server/exchange completeness: delivered, and within 24 h', () => {
  it('should count a case complete once every record was fetched, and late deliveries against the 24 h rule', async () => {
    const figure = async () => {
      const r = await (await as('supervisor')).get('/api/exchange/completeness?department=sc-mzw&since=2026-04-01&until=2026-04-30')
      expect(r.status).toBe(200)
      return r.body.departments.find((d: { departmentId: string }) => d.departmentId === 'sc-mzw')
    }
    t.setNow(Date.parse('2026-04-01T09:00:00+08:00'))
    const a = await windowCase()
    await command(await as('window'), a.caseId, { type: 'accept' })
    expect(await figure()).toMatchObject({ cases: 1, casesComplete: 0, events: 2, eventsDelivered: 0, eventsDue: 0, within24hShare: null })

    t.setNow(Date.parse('2026-04-01T20:00:00+08:00'))
    const f = await feed(`since=${cursor}&department=sc-mzw`)
    cursor = f.nextSince
    expect(await figure()).toMatchObject({ cases: 1, casesComplete: 1, completeShare: 1, events: 2, eventsDelivered: 2, deliveredWithin24h: 2, within24hShare: 1 })

    // A second case, fetched 25 hours after its submission: delivered, but late.
    t.setNow(Date.parse('2026-04-02T09:00:00+08:00'))
    await windowCase()
    t.setNow(Date.parse('2026-04-03T10:00:00+08:00'))
    expect(await figure()).toMatchObject({ cases: 2, casesComplete: 1, eventsDue: 3, deliveredWithin24h: 2 })
    await feed(`since=${cursor}&department=sc-mzw`)
    const after = await figure()
    expect(after).toMatchObject({ cases: 2, casesComplete: 2, completeShare: 1, events: 3, eventsDelivered: 3, deliveredWithin24h: 2 })
    expect(after.within24hShare).toBeCloseTo(2 / 3, 3)
    const all = await (await as('admin')).get('/api/exchange/completeness?since=2026-04-01&until=2026-04-30')
    expect(all.body.total).toMatchObject({ cases: 2, casesComplete: 2 })
  })
})
