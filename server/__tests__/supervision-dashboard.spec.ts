import { inflateRawSync } from 'node:zlib'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueCards } from '../src/services/supervision-cards'
import { evaluateFormula, warningRuns, DEFAULT_FORMULA } from '../src/services/supervision-scores'
import { startServer, type Client, type TestServer } from './harness'

let t: TestServer
const at = (s: string) => Date.parse(`${s}+08:00`)
const NOW = at('2026-03-20T10:00:00')
const ids: Record<string, string> = {}

/** A case row as the server stores it; the summary tables follow by trigger (insert, then conclusion). */
async function seed(name: string, dept: string, status: string, level: string, created: string, concluded?: string, promisedDue?: string) {
  const id = randomUUID()
  ids[name] = id
  const k = t.deps.db.knex
  await k('cases').insert({ id, case_no: `SL2026030${Object.keys(ids).length}00000${Object.keys(ids).length}`, item_key: 'religious-venue-preparation', item_version: 1, department_id: dept, status: concluded ? 'handling' : status, level, applicant_name: `申请人${name}`, posts: '[]', state: '{}', version: 1, created_at: at(created), updated_at: at(created), promised_due_at: promisedDue ? at(promisedDue) : null })
  if (concluded) await k('cases').where({ id }).update({ status: 'concluded', concluded_at: at(concluded), updated_at: at(concluded) })
}

beforeAll(async () => {
  t = await startServer({ now: NOW })
  await seed('A', 'cd-scj', 'concluded', 'normal', '2026-03-10T09:00:00', '2026-03-12T09:00:00', '2026-03-16T00:00:00')
  await seed('B', 'cd-scj', 'concluded', 'normal', '2026-03-11T09:00:00', '2026-03-18T09:00:00', '2026-03-17T00:00:00')
  await seed('C', 'cd-scj', 'handling', 'yellow', '2026-03-05T09:00:00')
  await seed('D', 'cd-scj', 'handling', 'red', '2026-03-01T09:00:00')
  await seed('E', 'cd-rsj', 'submitted', 'normal', '2026-03-19T09:00:00')
  await seed('F', 'cd-rsj', 'concluded', 'normal', '2026-03-15T09:00:00', '2026-03-19T09:00:00')
  await seed('G', 'sc-mzw', 'handling', 'warning', '2026-03-18T09:00:00')
})
afterAll(async () => t.close())

const as = (u: string): Promise<Client> => t.as(u)

describe('server/supervision dashboards on a known dataset', () => {
  it('should count live cases by status and clock level from the trigger-kept summary', async () => {
    const r = await (await as('supervisor')).get('/api/supervision/dashboard/live')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.live).toMatchObject({ total: 7, open: 4, byStatus: { concluded: 3, handling: 3, submitted: 1 }, byLevel: { normal: 1, warning: 1, yellow: 1, red: 1 } })
  })

  it('should list open overdue cases, reds first, with the total', async () => {
    const r = await (await as('supervisor')).get('/api/supervision/dashboard/overdue')
    expect(r.body.overdue.total).toBe(2)
    expect(r.body.overdue.items.map((c: { id: string }) => c.id)).toEqual([ids.D, ids.C])
  })

  it('should give per-department on-time rate and average duration over 30 days', async () => {
    const r = await (await as('supervisor')).get('/api/supervision/dashboard/departments?days=30')
    const row = (id: string) => r.body.departments.rows.find((x: { departmentId: string }) => x.departmentId === id)
    expect(row('cd-scj')).toMatchObject({ created: 4, concluded: 2, onTime: 1, onTimeRate: 0.5, early: 1, avgDurationDays: 4.5, open: 2, overdueOpen: 2 })
    expect(row('cd-rsj')).toMatchObject({ created: 2, concluded: 1, onTime: 1, onTimeRate: 1, avgDurationDays: 4, open: 1, overdueOpen: 0 })
    expect(row('sc-mzw')).toMatchObject({ created: 1, concluded: 0, onTimeRate: null, open: 1 })
  })

  it('should give a 30-day trend with every day present', async () => {
    const r = await (await as('supervisor')).get('/api/supervision/dashboard/trend?days=30')
    const days = r.body.trend.days as { day: string; created: number; concluded: number }[]
    expect(days).toHaveLength(30)
    expect(days[0]?.day).toBe('2026-02-19')
    expect(days[29]?.day).toBe('2026-03-20')
    expect(days.find((d) => d.day === '2026-03-19')).toMatchObject({ created: 1, concluded: 1 })
    expect(days.reduce((s, d) => s + d.created, 0)).toBe(7)
    expect(days.reduce((s, d) => s + d.concluded, 0)).toBe(3)
  })

  it('should drill every figure down to the same cases', async () => {
    const sup = await as('supervisor')
    const list = async (q: string) => ((await sup.get(`/api/supervision/dashboard/cases?${q}`)).body.items as { id: string }[]).map((c) => c.id).sort()
    expect(await list('department=cd-scj&onTime=false')).toEqual([ids.B])
    expect(await list('level=overdue&status=open')).toEqual([ids.C, ids.D].sort())
    expect(await list('createdDay=2026-03-19')).toEqual([ids.E])
    expect(await list('concludedDay=2026-03-19')).toEqual([ids.F])
    expect((await sup.get('/api/supervision/dashboard/cases?status=open')).body.total).toBe(4)
  })

  it("should scope staff to their own department and answer 404 for another one", async () => {
    const staff = await as('cd-window')
    const own = await staff.get('/api/supervision/dashboard/live')
    expect(own.body.scope.kind).toBe('own')
    expect(own.body.live.total).toBe(4)
    expect((await staff.get('/api/supervision/dashboard/live?scope=government')).body.live.total).toBe(4)
    expect((await staff.get('/api/supervision/dashboard/live?department=cd-rsj')).status).toBe(404)
    expect((await staff.get('/api/supervision/dashboard/cases?pageSize=200')).body.total).toBe(4)
    const gov = await (await as('supervisor')).get('/api/supervision/dashboard/live?department=cd')
    expect(gov.body.live.total).toBe(6) // 成都市 and below: cd-scj 4 + cd-rsj 2
  })

  it('should export the departments figure as CSV with exact content', async () => {
    const r = await fetch(`${t.url}/api/supervision/export?what=departments&format=csv`, { headers: { cookie: (await as('supervisor')).cookie } })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await r.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM, for spreadsheet programs
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n')
    expect(lines[0]).toBe('部门编号,部门,收件,办结,按时办结,按时办结率(%),提前办结,平均办理天数,在办,在办超期')
    expect(lines).toContain('cd-scj,成都市市场监督管理局,4,2,1,50,1,4.5,2,2')
    expect(lines).toContain('cd-rsj,成都市人力资源和社会保障局,2,1,1,100,0,4,1,0')
  })

  it('should export an XLSX that opens: a valid zip whose sheet holds the same cells', async () => {
    const res = await fetch(`${t.url}/api/supervision/export?what=departments&format=xlsx`, { headers: { cookie: (await as('supervisor')).cookie } })
    expect(res.status).toBe(200)
    const buf = Buffer.from(await res.arrayBuffer())
    const files = unzip(buf)
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])
    const sheet = files['xl/worksheets/sheet1.xml'] as string
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => [...(m[2] ?? '').matchAll(/<c r="[A-Z]+\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)].map((c) => c[1] ?? c[2]))
    expect(rows[0]?.[1]).toBe('部门')
    expect(rows.find((r) => r[0] === 'cd-scj')).toEqual(['cd-scj', '成都市市场监督管理局', '4', '2', '1', '50', '1', '4.5', '2', '2'])
  })
})

describe('server/supervision efficiency scores', () => {
  it('should compute the default formula on a worked example: 100 − 2×5 − 10 − 3 + 5 − 5 = 77', () => {
    const r = evaluateFormula(DEFAULT_FORMULA, { yellow: 2, red: 1, warnings: 4, warningRuns: warningRuns(['warning', 'warning', 'warning', 'yellow', 'warning', 'yellow', 'red'], 3), concluded: 2, early: 1, earlyShare: 0.5, incompletePercent: 100, adjustments: 0 })
    expect(r.components).toMatchObject({ warningRuns: 1, earlyBonus: 5, reportingDeduction: 5 })
    expect(r.score).toBe(77)
  })

  it('should count runs of three consecutive 预警 only, broken by a higher card', () => {
    expect(warningRuns(['warning', 'warning', 'yellow', 'warning', 'warning', 'warning', 'warning', 'warning', 'warning'], 3)).toBe(2)
  })

  it('should score departments from their cards, completions and reporting, with adjustments and appeals, and publish to the hall', async () => {
    const levels = ['warning', 'warning', 'warning', 'yellow', 'warning', 'yellow', 'red'] as const
    await t.deps.db.write((trx) =>
      issueCards(trx, t.deps, levels.map((level, i) => ({ rule: { id: 'test.rule', version: 1, name: '测试规则', kind: 'time' as const, mode: 'auto' as const, feedbackDays: 30 }, level, businessKey: `score-${i}`, subjectKind: 'case' as const, subjectId: ids.D as string, caseId: ids.D, departmentId: 'cd-scj', message: '测试' })), at('2026-03-01T10:00:00')),
    )
    // written at one instant: spread their issue times so the order is the one above
    const cards = (await t.deps.db.knex('cards').where({ rule_id: 'test.rule' }).orderBy('business_key')) as { id: string }[]
    for (const [i, c] of cards.entries()) await t.deps.db.knex('cards').where({ id: c.id }).update({ issued_at: at(`2026-03-0${i + 1}T10:00:00`) })
    const sup = await as('supervisor')
    expect((await sup.post('/api/supervision/scores/adjustments', { period: '2026-03', subjectType: 'department', subjectId: 'cd-scj', points: 2, reason: '主动公开办事指南，群众反映良好' })).status).toBe(201)
    const s = await sup.get('/api/supervision/scores?period=2026-03')
    expect(s.status, JSON.stringify(s.body)).toBe(200)
    const row = s.body.rows.find((r: { subjectId: string }) => r.subjectId === 'cd-scj')
    expect(row.components).toMatchObject({ yellow: 2, red: 1, warnings: 4, warningRuns: 1, concluded: 2, early: 1, earlyShare: 0.5, earlyBonus: 5, incompletePercent: 100, reportingDeduction: 5, adjustments: 2 })
    expect(row.score).toBe(79)
    const appeal = await (await as('cd-window')).post('/api/supervision/scores/appeals', { period: '2026-03', subjectType: 'department', subjectId: 'cd-scj', reason: '部分数据上报失败系省平台故障' })
    expect(appeal.status).toBe(201)
    expect((await (await as('cd-window')).post('/api/supervision/scores/appeals', { period: '2026-03', subjectType: 'department', subjectId: 'cd-rsj', reason: '代为申诉' })).status).toBe(403)
    const decided = await sup.post(`/api/supervision/scores/appeals/${appeal.body.id}/decision`, { accept: true, reason: '经核实，省平台故障属实', points: 1 })
    expect(decided.body.status).toBe('accepted')
    expect((await sup.get('/api/supervision/scores?period=2026-03&department=cd-scj')).body.rows[0].score).toBe(80)
    expect((await t.anonymous().get('/api/hall/scores?period=2026-03')).status).toBe(404)
    expect((await sup.post('/api/supervision/scores/publish', { period: '2026-03', subjectType: 'department' })).status).toBe(200)
    const hall = await t.anonymous().get('/api/hall/scores?period=2026-03')
    expect(hall.body.rows.find((r: { subjectId: string }) => r.subjectId === 'cd-scj').score).toBe(80)
    const staffView = await (await as('cd-window')).get('/api/supervision/scores?period=2026-03')
    expect(staffView.body.rows.map((r: { subjectId: string }) => r.subjectId)).toEqual(['cd-scj'])
  })

  it('should refuse a score expression that does not evaluate, naming the field', async () => {
    const r = await (await as('supervisor')).put('/api/supervision/score-formulas', { fromPeriod: '2026-04', expression: 'base - unknownThing', source: '测试' })
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues[0].path).toBe('/body/expression')
  })
})

/** Reads a zip's central directory and inflates each entry (enough to prove the XLSX opens). */
function unzip(buf: Buffer): Record<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = buf.readUInt16LE(end + 10)
  let p = buf.readUInt32LE(end + 16)
  const out: Record<string, string> = {}
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50)
    const method = buf.readUInt16LE(p + 10)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extra = buf.readUInt16LE(p + 30)
    const comment = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8')
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + size)
    out[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8')
    p += 46 + nameLen + extra + comment
  }
  return out
}
