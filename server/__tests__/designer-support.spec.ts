import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../src/seed'
import { createUser } from '../src/services/identity'
import { startServer, type Client, type TestServer } from './harness'

/** The designer's helpers on the server: department pickers and the draft document preview. */
let t: TestServer
let designer: Client
let reviewer: Client
let admin: Client
const KEY = 'religious-venue-preparation'

beforeAll(async () => {
  t = await startServer()
  await createUser(t.deps, { id: 'cd-reviewer', username: 'cd-reviewer', name: '成都市司法局审核员', password: DEMO_PASSWORD, departmentId: 'cd-sfj', roles: ['reviewer'] })
  ;[designer, reviewer, admin] = await Promise.all([t.as('designer'), t.as('reviewer'), t.as('admin')])
})
afterAll(async () => t.close())

type Dept = { id: string; name: string; level: string; creditCode: string | null; canEdit: boolean; children: Dept[] }
const flat = (list: Dept[]): Dept[] => list.flatMap((d) => [d, ...flat(d.children)])

describe('server/departments: the tree for pickers', () => {
  it('should give an administrator the whole tree, governments before units, with credit codes', async () => {
    const r = await admin.get('/api/departments')
    expect(r.status).toBe(200)
    const roots = r.body.departments as Dept[]
    expect(roots.map((d) => d.id)).toEqual(['sc'])
    expect(roots[0]!.children.slice(0, 2).map((d) => d.level)).toEqual(['city', 'city'])
    const all = flat(roots)
    const stored = (await t.deps.db.knex('departments').select('id')).map((d: { id: string }) => d.id).sort()
    expect(all.map((d) => d.id).sort()).toEqual(stored)
    expect(all.find((d) => d.id === 'cd-scj')).toMatchObject({ name: '成都市市场监督管理局', creditCode: '11510100MB1F52906K', canEdit: true })
  })

  it('should give a designer his own department only, editable', async () => {
    const r = await designer.get('/api/departments')
    expect(r.body.departments).toEqual([expect.objectContaining({ id: 'sc-mzw', canEdit: true, children: [] })])
  })

  it('should give a reviewer his government and everything below it, nothing editable', async () => {
    const province = flat((await reviewer.get('/api/departments')).body.departments)
    expect(province.length).toBe(Number((await t.deps.db.knex('departments').count({ n: '*' }).first())?.n))
    expect(province.every((d) => !d.canEdit)).toBe(true)
    const city = await (await t.as('cd-reviewer')).get('/api/departments')
    expect(city.body.departments.map((d: Dept) => d.id)).toEqual(['cd'])
    const ids = flat(city.body.departments).map((d) => d.id)
    expect(ids).toEqual(expect.arrayContaining(['cd', 'cd-jj', 'cd-jj-scj', 'cd-scj', 'cd-sfj']))
    expect(ids.some((id) => id === 'sc' || id.startsWith('sc-') || id.startsWith('my'))).toBe(false)
  })

  it('should refuse staff and the public', async () => {
    expect((await (await t.as('window')).get('/api/departments')).status).toBe(403)
    expect((await t.anonymous().get('/api/departments')).status).toBe(401)
  })
})

describe('server/item previews: a draft document template as a PDF with sample data', () => {
  const path = (tpl: string, key = KEY) => `/api/items/${key}/draft/documents/${tpl}/preview`
  const sample = { form: { orgName: '成都市佛教协会', venueName: '某某寺', address: '成都市龙泉驿区' }, case: { caseNo: 'SC20260302000001', applicantName: '成都市佛教协会' } }

  it('should render the draft\'s template (not the published one) to a PDF under the 样稿 banner', async () => {
    const opened = await designer.post(`/api/items/${KEY}/draft`)
    const def = opened.body.definition
    const tpl = def.documents.find((d: { id: string }) => d.id === 'approval-decision')
    tpl.title = '准予筹备设立决定书（草稿改）'
    expect((await designer.put(`/api/items/${KEY}/draft`, { definition: def })).status).toBe(200)

    const html = await designer.post(path('approval-decision'), { ...sample, format: 'html' })
    expect(html.status).toBe(200)
    expect(html.headers.get('content-type')).toContain('text/html')
    expect(html.headers.get('x-item-version')).toBe(String(opened.body.version))
    expect(html.body).toContain('准予筹备设立决定书（草稿改）')
    expect(html.body).toContain('样稿')
    expect(html.body).toContain('成都市佛教协会：')
    expect(html.body).toContain('川宗批〔2026〕001号')

    const pdf = await fetch(`${t.url}${path('approval-decision')}`, { method: 'POST', headers: { cookie: designer.cookie, 'x-csrf-token': designer.csrf, 'content-type': 'application/json' }, body: JSON.stringify(sample) })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(2000)
  })

  it('should substitute sample values as text, never as markup', async () => {
    const html = await designer.post(path('approval-decision'), { form: { orgName: '<script>alert(1)</script>' }, format: 'html' })
    expect(html.body).not.toContain('<script>alert(1)</script>')
    expect(html.body).toContain('&lt;script&gt;')
  })

  it('should take no document number and store nothing', async () => {
    const before = await t.deps.db.knex('documents').count({ n: '*' }).first()
    await designer.post(path('acceptance-notice'), { ...sample, format: 'html' })
    const after = await t.deps.db.knex('documents').count({ n: '*' }).first()
    expect(Number(after?.n)).toBe(Number(before?.n))
  })

  it('should answer 404 for a template the draft does not have, and 400 naming bad sample data', async () => {
    const missing = await designer.post(path('no-such-template'), sample)
    expect(missing.status).toBe(404)
    const bad = await designer.post(path('approval-decision'), { form: {}, case: { 'bad name': 'x' } })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body.error.details)).toContain('/body/case')
  })

  it('should hide another department\'s item (404) and refuse staff (403)', async () => {
    const other = await (await t.as('cd-reviewer')).post(path('approval-decision'), sample)
    expect(other.status).toBe(404)
    expect((await (await t.as('window')).post(path('approval-decision'), sample)).status).toBe(403)
  })
})
