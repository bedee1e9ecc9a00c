import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskPersonName } from '../src/services/transparency'
import { startServer, type TestServer } from './harness'
import { applyReligious, command, signedIn, decideReligious, enterFoodCase, foodCaseToDecision } from './penalty-fixtures'

const at = (iso: string) => Date.parse(iso)

/**
 * A known dataset, built through the API with the server clock moved by hand:
 * 宗教活动场所筹备设立 (promised 20 natural days): A accepted 3-02, approved 3-05 (3 working days, on
 * time); B refused at acceptance; C accepted, still handling; D accepted 3-02, denied 3-31 (deadline
 * 3-22 is a Sunday → 3-23; 21 working days, late). 食品经营处罚 (promised 80 days): P accepted 3-02,
 * concluded 3-05 (3 working days, on time).
 */
describe('server/transparency: case figures and 双公示 decisions (public, aggregated)', () => {
  let t: TestServer
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    t = await startServer({ now: at('2026-03-02T09:00:00+08:00') })
    const a = await applyReligious(t, { name: '张三丰', idType: '111', idNumber: '510104198001011234' })
    const b = await applyReligious(t)
    const c = await applyReligious(t)
    const d = await applyReligious(t)
    const p = await enterFoodCase(t)
    Object.assign(ids, { a: a.caseId, d: d.caseId, p: p.caseId })
    const window = await signedIn(t, 'window')
    for (const x of [a, c, d]) await command(window, x.caseId, { type: 'accept' })
    await command(window, b.caseId, { type: 'refuse', reason: '不属于本机关职权范围' })
    await command(await signedIn(t, 'jn-head'), p.caseId, { type: 'accept', opinion: '同意立案' })
    t.setNow(at('2026-03-05T10:00:00+08:00'))
    await decideReligious(t, a.caseId, 'approve')
    expect((await (await signedIn(t, 'approver')).post(`/api/cases/${a.caseId}/documents`, { templateId: 'approval-decision' })).status).toBe(201)
    t.setNow(at('2026-03-05T11:00:00+08:00'))
    await foodCaseToDecision(t, p.caseId, 'penalise', { accepted: true })
    expect((await (await signedIn(t, 'jn-head')).post(`/api/cases/${p.caseId}/documents`, { templateId: 'penalty-decision' })).status).toBe(201)
    await command(await signedIn(t, 'jn-legal'), p.caseId, { type: 'complete', node: 'deliver', form: { deliveryMethod: '直接送达' } })
    t.setNow(at('2026-03-31T10:00:00+08:00'))
    await decideReligious(t, d.caseId, 'deny')
    expect((await (await signedIn(t, 'approver')).post(`/api/cases/${d.caseId}/documents`, { templateId: 'denial-decision' })).status).toBe(201)
  }, 120_000)
  afterAll(async () => t.close())

  it('should count received, concluded, on time and the mean working days per item', async () => {
    const r = await t.anonymous().get('/api/hall/statistics')
    expect(r.status).toBe(200)
    expect(r.body.durationUnit).toBe('workdays')
    const religious = r.body.items.find((i: { itemKey: string }) => i.itemKey === 'religious-venue-preparation')
    expect(religious).toMatchObject({ itemName: '宗教活动场所筹备设立审批', departmentId: 'sc-mzw', received: 4, concluded: 3, timed: 2, onTime: 1, onTimeRate: 0.5, averageWorkdays: 12 })
    const food = r.body.items.find((i: { itemKey: string }) => i.itemKey === 'food-business-unlicensed-penalty')
    expect(food).toMatchObject({ departmentId: 'cd-jn-scj', department: '成都市金牛区市场监督管理局', received: 1, concluded: 1, timed: 1, onTime: 1, onTimeRate: 1, averageWorkdays: 3 })
  })

  it('should list every published item, with zeros where no case was received', async () => {
    const r = await t.anonymous().get('/api/hall/statistics')
    const idle = r.body.items.filter((i: { received: number }) => i.received === 0)
    expect(r.body.items.length).toBe(11)
    expect(idle.length).toBe(9)
    expect(idle[0]).toMatchObject({ concluded: 0, timed: 0, onTime: 0, onTimeRate: null, averageWorkdays: null })
  })

  it('should aggregate per department and narrow to one item or department', async () => {
    const all = await t.anonymous().get('/api/hall/statistics')
    expect(all.body.departments.find((d: { departmentId: string }) => d.departmentId === 'sc-mzw')).toMatchObject({ department: '四川省民族宗教事务委员会', received: 4, concluded: 3, onTime: 1, onTimeRate: 0.5, averageWorkdays: 12 })
    const one = await t.anonymous().get('/api/hall/statistics?departmentId=cd-jn-scj')
    expect(one.body.departments).toEqual([{ departmentId: 'cd-jn-scj', department: '成都市金牛区市场监督管理局', received: 1, concluded: 1, timed: 1, onTime: 1, unknownCalendar: 0, onTimeRate: 1, averageWorkdays: 3 }])
    expect(one.body.items.map((i: { itemKey: string }) => i.itemKey)).toEqual(['food-business-unlicensed-penalty'])
    const item = await t.anonymous().get('/api/hall/statistics?itemKey=religious-venue-preparation')
    expect(item.body.items).toHaveLength(1)
    expect(item.body.departments).toHaveLength(1)
  })

  it('should carry no case number, applicant or date of any single case', async () => {
    const text = JSON.stringify((await t.anonymous().get('/api/hall/statistics')).body)
    expect(text).not.toMatch(/SL2026\d{8}/)
    expect(text).not.toContain('张三丰')
    expect(text).not.toContain('佛教协会')
  })

  it('should refuse a malformed filter with 400 naming the field', async () => {
    const r = await t.anonymous().get('/api/hall/statistics?itemKey=%3Cscript%3E')
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues[0].path).toBe('/query/itemKey')
  })

  it('should publish the licensing and penalty decisions newest first, masking natural persons', async () => {
    const r = await t.anonymous().get('/api/hall/decisions')
    expect(r.status).toBe(200)
    expect(r.body.total).toBe(3)
    expect(r.body.items.map((d: { docNo: string; decidedOn: string; type: string }) => [d.type, d.decidedOn])).toEqual([
      ['licensing', '2026-03-31'],
      ['penalty', '2026-03-05'],
      ['licensing', '2026-03-05'],
    ])
    const [denial, penalty, approval] = r.body.items
    expect(denial).toMatchObject({ counterpart: '成都市佛教协会', counterpartKind: 'legalPerson', creditCode: '11510000008231760L', content: '宗教活动场所筹备设立审批：不予许可（不予批准）', department: '四川省民族宗教事务委员会' })
    expect(approval).toMatchObject({ counterpart: '张**', counterpartKind: 'naturalPerson', creditCode: null, docNo: '川宗批〔2026〕001号', content: '宗教活动场所筹备设立审批：准予（出证办结）' })
    expect(penalty).toMatchObject({ counterpart: '成都市金牛区某某餐饮管理有限公司', creditCode: '91510106MA6CXXXX1K', department: '成都市金牛区市场监督管理局', title: '行政处罚决定书' })
    expect(penalty.content).toBe('违法行为：未取得食品经营许可从事食品经营活动；处罚依据：《中华人民共和国食品安全法》第一百二十二条第一款、《中华人民共和国行政处罚法》第三十二条；处罚内容：没收违法所得；没收违法经营的食品和用于违法经营的工具、设备、原料；责令立即停止经营；罚款70,000元')
    const text = JSON.stringify(r.body)
    expect(text).not.toContain('张三丰')
    expect(text).not.toContain('510104198001011234')
    expect(text).not.toContain('13800000001')
  })

  it('should filter the decisions by type', async () => {
    const pen = await t.anonymous().get('/api/hall/decisions?type=penalty')
    expect(pen.body.items.map((d: { type: string }) => d.type)).toEqual(['penalty'])
    const lic = await t.anonymous().get('/api/hall/decisions?type=licensing&pageSize=1')
    expect(lic.body).toMatchObject({ total: 2, pageSize: 1 })
    expect(lic.body.items).toHaveLength(1)
  })

  it('should mask a natural person\'s name to the surname (two characters for a compound surname)', () => {
    expect(maskPersonName('张三丰')).toBe('张**')
    expect(maskPersonName('王五')).toBe('王*')
    expect(maskPersonName('欧阳娜娜')).toBe('欧阳**')
    expect(maskPersonName('李')).toBe('*')
  })

  // Last: it adds a case to the dataset.
  it('should leave out of the rate a case whose deadline lies beyond the holiday table, never guess it', async () => {
    t.setNow(at('2026-12-21T10:00:00+08:00'))
    const late = await enterFoodCase(t)
    await command(await signedIn(t, 'jn-head'), late.caseId, { type: 'accept' })
    await command(await signedIn(t, 'jn-investigator'), late.caseId, { type: 'complete', node: 'investigate', opinion: '违法事实不能成立', form: { investigationResult: 'noViolation' } })
    const r = await t.anonymous().get('/api/hall/statistics?departmentId=cd-jn-scj')
    expect(r.body.departments[0]).toMatchObject({ received: 2, concluded: 2, timed: 1, onTime: 1, unknownCalendar: 1, onTimeRate: 1, averageWorkdays: 3 })
  })
})
