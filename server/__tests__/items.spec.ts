import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../src/seed'
import { createUser } from '../src/services/identity'
import { definitionAt } from '../src/services/items-store'
import { startServer, type Client, type TestServer } from './harness'

let t: TestServer
let designer: Client
let reviewer: Client
let admin: Client
const KEY = 'religious-venue-preparation'

beforeAll(async () => {
  t = await startServer()
  await createUser(t.deps, { id: 'cd-designer', username: 'cd-designer', name: '成都市市场监管局设计员', password: DEMO_PASSWORD, departmentId: 'cd-scj', roles: ['designer'] })
  await createUser(t.deps, { id: 'dual', username: 'dual', name: '兼任设计和法制审核', password: DEMO_PASSWORD, departmentId: 'sc-mzw', roles: ['designer', 'reviewer'] })
  await createUser(t.deps, { id: 'cd-reviewer', username: 'cd-reviewer', name: '成都市司法局审核员', password: DEMO_PASSWORD, departmentId: 'cd-sfj', roles: ['reviewer'] })
  ;[designer, reviewer, admin] = await Promise.all([t.as('designer'), t.as('reviewer'), t.as('admin')])
})
afterAll(async () => t.close())

const confirmAll = { basicInfo: { decision: 'confirm' }, publicFlow: { decision: 'confirm' }, internalFlow: { note: '内部流程已备案' }, discretion: {} }
const change = { type: 'change', reason: '优化审查环节时限', legalBasis: '《宗教事务条例》第二十一条' }

type Node = { id: string; type: string; limit?: { value: number; unit: string } }
type Def = { flow: { nodes: Node[] } }
const nodesOf = (def: Def): Node[] => def.flow.nodes

/** The definition with the `review` step's limit set to `days` and moved to the end of the node list. */
function withReviewLimit(def: Def, days: number): Def {
  const copy = structuredClone(def)
  const nodes = nodesOf(copy)
  const i = nodes.findIndex((n) => n.id === 'review')
  const [review] = nodes.splice(i, 1)
  review!.limit = { value: days, unit: 'days' }
  nodes.push(review!)
  return copy
}

async function publishCopy(key: string): Promise<void> {
  const created = await designer.post('/api/items', { source: 'template', key, templateKey: KEY })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const submitted = await designer.post(`/api/items/${key}/submit`, { type: 'add', reason: '新增事项', legalBasis: '《宗教事务条例》' })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  expect((await reviewer.post(`/api/items/${key}/versions/1/review`, confirmAll)).status).toBe(200)
}

describe('server/items: draft → submit → review → publish', () => {
  it('should run the whole cycle: reject with reasons, edit, resubmit, confirm, supersede', async () => {
    const opened = await designer.post(`/api/items/${KEY}/draft`)
    expect(opened.status).toBe(200)
    expect(opened.body).toMatchObject({ key: KEY, version: 2, status: 'draft', valid: true })
    const edited = withReviewLimit(opened.body.definition, 12)

    const saved = await designer.put(`/api/items/${KEY}/draft`, { definition: edited })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ version: 2, status: 'draft', valid: true })

    const missingBasis = await designer.post(`/api/items/${KEY}/submit`, { type: 'change', reason: '调整' })
    expect(missingBasis.status).toBe(400)
    expect(missingBasis.body.error.details.issues).toContainEqual(expect.objectContaining({ path: '/body/legalBasis' }))

    const submitted = await designer.post(`/api/items/${KEY}/submit`, change)
    expect(submitted.status).toBe(200)
    expect(submitted.body.item.status).toBe('inReview')
    expect(submitted.body.version).toMatchObject({ version: 2, status: 'submitted', changeRequest: { type: 'change', baseVersion: 1, submittedBy: 'designer' } })
    expect(submitted.body.version.changeRequest.diff).toHaveLength(1)

    const twice = await designer.post(`/api/items/${KEY}/submit`, change)
    expect(twice.status).toBe(409)
    expect(twice.body.error.details).toMatchObject({ status: 'inReview', version: 2 })
    expect((await designer.put(`/api/items/${KEY}/draft`, { definition: edited })).status).toBe(409)

    const queue = await reviewer.get('/api/review/queue')
    expect(queue.body.submissions).toContainEqual(expect.objectContaining({ key: KEY, version: 2, type: 'change', canReview: true, diffSummary: { basicInfo: 0, publicFlow: 1, internalFlow: 0, discretion: 0 } }))

    const noReason = await reviewer.post(`/api/items/${KEY}/versions/2/review`, { basicInfo: { decision: 'confirm' }, publicFlow: { decision: 'reject' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['/body/publicFlow/reason'])

    const rejected = await reviewer.post(`/api/items/${KEY}/versions/2/review`, { basicInfo: { decision: 'confirm' }, publicFlow: { decision: 'reject', reason: '审查时限超过承诺时限的一半，请压缩' } })
    expect(rejected.status).toBe(200)
    expect(rejected.body.version.status).toBe('rejected')
    expect(rejected.body.version.review).toMatchObject({ outcome: 'rejected', reviewerId: 'reviewer', reasons: { publicFlow: '审查时限超过承诺时限的一半，请压缩' } })
    expect(rejected.body.item).toMatchObject({ status: 'published', publishedVersion: 1 })

    const again = await reviewer.post(`/api/items/${KEY}/versions/2/review`, confirmAll)
    expect(again.status).toBe(409)
    expect(again.body.error.details.status).toBe('rejected')
    expect((await t.anonymous().get(`/api/catalog/${KEY}`)).body.version).toBe(1)

    // Edit after the rejection: the next draft (3) starts from the rejected content.
    const reopened = await designer.post(`/api/items/${KEY}/draft`)
    expect(reopened.body).toMatchObject({ version: 3, status: 'draft' })
    expect(nodesOf(reopened.body.definition).find((n) => n.id === 'review')?.limit?.value).toBe(12)
    const fixed = withReviewLimit(reopened.body.definition, 8)
    expect((await designer.put(`/api/items/${KEY}/draft`, { definition: fixed })).body.version).toBe(3)
    expect((await designer.post(`/api/items/${KEY}/submit`, change)).body.version.status).toBe('submitted')

    const confirmed = await reviewer.post(`/api/items/${KEY}/versions/3/review`, confirmAll)
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.version).toMatchObject({ status: 'published', effectiveDate: '2026-03-02' })
    expect(confirmed.body.version.review.parts).toMatchObject({ basicInfo: { decision: 'confirm' }, internalFlow: { filed: true, note: '内部流程已备案' }, discretion: { filed: true } })
    expect(confirmed.body.item).toMatchObject({ status: 'published', publishedVersion: 3 })

    // New cases use the new version; the old one is superseded but still served to running cases.
    const catalog = (await t.anonymous().get(`/api/catalog/${KEY}`)).body
    expect(catalog.version).toBe(3)
    expect(catalog.flow.steps.find((s: { id: string }) => s.id === 'review').limit).toEqual({ value: 8, unit: 'days' })
    const versions = (await designer.get(`/api/items/${KEY}/versions`)).body.versions
    expect(versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['1:superseded', '2:rejected', '3:published'])
    expect((await definitionAt(t.deps, KEY, 1)).version).toBe(1)

    const audited = (await t.deps.db.knex('audit_log').where('target', 'like', `${KEY}@%`).orderBy('id')).map((r: { action: string }) => r.action)
    expect(audited).toEqual(['item.draftOpen', 'item.submit', 'item.review', 'item.rejected', 'item.draftOpen', 'item.submit', 'item.review', 'item.published'])
  })

  it('should diff by id: a changed step limit at its path, a moved node not a change', async () => {
    const diff = (await reviewer.get(`/api/items/${KEY}/diff?from=1&to=2`)).body
    expect(diff).toMatchObject({ key: KEY, from: 1, to: 2 })
    // `review` moved from index 2 to the end (7) and its limit changed: one entry, nothing about the other nodes.
    expect(diff.entries).toEqual([{ path: '/flow/nodes/7/limit/value', fromPath: '/flow/nodes/2/limit/value', op: 'changed', before: 10, after: 12, part: 'publicFlow' }])

    const stored = (await reviewer.get(`/api/items/${KEY}/versions/2`)).body
    expect(stored.changeRequest.diff).toEqual(diff.entries)
    expect((await reviewer.get(`/api/items/${KEY}/diff?to=3`)).body).toMatchObject({ from: 1, to: 3, summary: { publicFlow: 1 } })
    expect((await reviewer.get(`/api/items/${KEY}/diff?from=2&to=3`)).body.entries).toEqual([
      { path: '/flow/nodes/7/limit/value', op: 'changed', before: 12, after: 8, part: 'publicFlow' },
    ])
    const missing = await reviewer.get(`/api/items/${KEY}/diff?from=9`)
    expect(missing.status).toBe(404)
    expect(missing.body.error.details.issues[0].path).toBe('/query/from')
  })

  it('should tag internal changes as filed parts', async () => {
    const draft = (await designer.post(`/api/items/${KEY}/draft`)).body
    const unchanged = await designer.post(`/api/items/${KEY}/submit`, change)
    expect(unchanged.status).toBe(422)
    expect(unchanged.body.error.message).toContain('does not differ from the published version 3')
    const def = structuredClone(draft.definition)
    const verify = def.flow.nodes.find((n: Node) => n.id === 'verify')
    verify.duty = '复核审查意见'
    def.item.consultationPhone = '028-86606801'
    const saved = await designer.put(`/api/items/${KEY}/draft`, { definition: def })
    expect(saved.body.valid).toBe(true)
    const diff = (await designer.get(`/api/items/${KEY}/diff`)).body
    expect(diff).toMatchObject({ from: 3, to: 4 })
    expect(diff.entries.map((e: { path: string; op: string; part: string }) => `${e.op} ${e.path} ${e.part}`).sort()).toEqual([
      'added /flow/nodes/2/duty internalFlow',
      'changed /item/consultationPhone basicInfo',
    ])
    const discarded = await designer.delete(`/api/items/${KEY}/draft`)
    expect(discarded.body).toEqual({ key: KEY, discardedVersion: 4, itemRemoved: false })
    expect((await designer.delete(`/api/items/${KEY}/draft`)).status).toBe(409)
  })
})

describe('server/items: creating items', () => {
  it('should create a blank item whose draft lists what is missing, and refuse to submit it (422)', async () => {
    const created = await designer.post('/api/items', { source: 'blank', key: 'blank-item', name: '新建许可事项' })
    expect(created.status).toBe(201)
    expect(created.body.item).toMatchObject({ key: 'blank-item', name: '新建许可事项', category: '01', departmentId: 'sc-mzw', status: 'draft', publishedVersion: null })
    expect(created.body.draft).toMatchObject({ version: 1, status: 'draft', valid: false })
    expect(created.body.draft.definition.item.department.name).toBe('四川省民族宗教事务委员会')
    const paths = created.body.draft.diagnostics.map((d: { path: string }) => d.path)
    expect(paths).toEqual(expect.arrayContaining(['/item/basicCode', '/item/implCode']))

    const refused = await designer.post('/api/items/blank-item/submit', { type: 'add', reason: '新增', legalBasis: '某条例' })
    expect(refused.status).toBe(422)
    expect(refused.body.error.details.diagnostics.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['/item/basicCode']))
    expect((await designer.get('/api/items/blank-item')).body.item.status).toBe('draft')

    const wrongType = await designer.post('/api/items/blank-item/submit', { type: 'change', reason: '变更', legalBasis: '某条例' })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.error.details.issues[0].path).toBe('/body/type')
  })

  it('should import JSON (invalid drafts are kept with their diagnostics) and refuse a taken key', async () => {
    const source = (await designer.get(`/api/items/${KEY}/versions/1`)).body.definition
    const broken = { ...structuredClone(source), key: 'ignored-key' }
    delete broken.flow
    const imported = await designer.post('/api/items', { source: 'import', key: 'imported-item', definition: broken })
    expect(imported.status).toBe(201)
    expect(imported.body.draft.definition).toMatchObject({ key: 'imported-item', version: 1 })
    expect(imported.body.draft.valid).toBe(false)
    expect(imported.body.draft.diagnostics).toContainEqual(expect.objectContaining({ code: 'structure.required', path: '/flow' }))

    expect((await designer.post('/api/items', { source: 'import', definition: { schemaVersion: 1 } })).body.error.details.issues[0].path).toBe('/body/key')
    const taken = await designer.post('/api/items', { source: 'template', key: KEY, templateKey: KEY })
    expect(taken.status).toBe(409)
    const badSource = await designer.post('/api/items', { source: 'scan', key: 'x-item' })
    expect(badSource.status).toBe(400)
    expect(badSource.body.error.details.issues[0].path).toBe('/body/source')
    const noTemplate = await designer.post('/api/items', { source: 'template', key: 'x-item', templateKey: 'no-such-item' })
    expect(noTemplate.status).toBe(400)
    expect(noTemplate.body.error.details.issues[0].path).toBe('/body/templateKey')
  })

  it('should publish a new item through an add request and show it in the catalog', async () => {
    await publishCopy('religious-venue-copy')
    const item = (await designer.get('/api/items/religious-venue-copy')).body
    expect(item.item).toMatchObject({ status: 'published', publishedVersion: 1, departmentName: '四川省民族宗教事务委员会' })
    expect(item.versions[0].changeRequest).toMatchObject({ type: 'add', baseVersion: null, diffSummary: expect.objectContaining({ basicInfo: expect.any(Number) }) })
    expect((await t.anonymous().get('/api/catalog/religious-venue-copy')).body.version).toBe(1)
  })
})

describe('server/items: cancel and delegate', () => {
  it('should cancel an item: gone from the catalog, old version still served to running cases', async () => {
    await publishCopy('to-be-cancelled')
    const noBasis = await designer.post('/api/items/to-be-cancelled/submit', { type: 'cancel', reason: '上位法废止' })
    expect(noBasis.body.error.details.issues[0].path).toBe('/body/legalBasis')
    const submitted = await designer.post('/api/items/to-be-cancelled/submit', { type: 'cancel', reason: '上位法废止', legalBasis: '国务院关于取消一批行政许可事项的决定' })
    expect(submitted.body.version).toMatchObject({ version: 2, status: 'submitted', changeRequest: { type: 'cancel', baseVersion: 1 } })
    expect(submitted.body.version.changeRequest.diff).toEqual([])

    const confirmed = await reviewer.post('/api/items/to-be-cancelled/versions/2/review', confirmAll)
    expect(confirmed.body.item).toMatchObject({ status: 'cancelled', publishedVersion: 1 })
    expect(confirmed.body.version).toMatchObject({ status: 'cancelled', effectiveDate: '2026-03-02' })

    expect((await t.anonymous().get('/api/catalog/to-be-cancelled')).status).toBe(404)
    expect((await t.anonymous().get('/api/catalog')).body.items.map((i: { key: string }) => i.key)).not.toContain('to-be-cancelled')
    expect((await definitionAt(t.deps, 'to-be-cancelled', 1)).key).toBe('to-be-cancelled')
    const edit = await designer.post('/api/items/to-be-cancelled/draft')
    expect(edit.status).toBe(409)
    expect(edit.body.error.details.status).toBe('cancelled')
    expect((await designer.get('/api/items?status=cancelled')).body.items.map((i: { key: string }) => i.key)).toEqual(['to-be-cancelled'])
  })

  it('should delegate an item to a lower department, which then owns it', async () => {
    await publishCopy('to-be-delegated')
    const sameLevel = await designer.post('/api/items/to-be-delegated/submit', { type: 'delegate', reason: '下放', targetDepartmentId: 'sc-sft' })
    expect(sameLevel.status).toBe(400)
    expect(sameLevel.body.error.details.issues[0].path).toBe('/body/targetDepartmentId')
    expect((await designer.post('/api/items/to-be-delegated/submit', { type: 'delegate', reason: '下放' })).body.error.details.issues[0].path).toBe('/body/targetDepartmentId')
    expect((await designer.post('/api/items/to-be-delegated/submit', { type: 'delegate', reason: '下放', targetDepartmentId: 'nowhere' })).status).toBe(400)

    const submitted = await designer.post('/api/items/to-be-delegated/submit', { type: 'delegate', reason: '按照放管服改革要求下放至市级', targetDepartmentId: 'cd-mzj' })
    expect(submitted.body.version.changeRequest).toMatchObject({ type: 'delegate', targetDepartmentId: 'cd-mzj', fromDepartmentId: 'sc-mzw' })
    const confirmed = await reviewer.post('/api/items/to-be-delegated/versions/2/review', confirmAll)
    expect(confirmed.body.item).toMatchObject({ status: 'published', publishedVersion: 2, departmentId: 'cd-mzj' })

    expect((await designer.get('/api/items/to-be-delegated')).status).toBe(404)
    expect((await admin.get('/api/items/to-be-delegated')).body.item.departmentId).toBe('cd-mzj')
    const listed = (await t.anonymous().get('/api/catalog?department=cd-mzj')).body.items
    expect(listed).toContainEqual(expect.objectContaining({ key: 'to-be-delegated', version: 2 }))
  })
})

describe('server/items: concurrent requests', () => {
  it('should let exactly one of two simultaneous reviews win, and open one draft for two simultaneous requests', async () => {
    await designer.post('/api/items', { source: 'template', key: 'raced-item', templateKey: KEY })
    await designer.post('/api/items/raced-item/submit', { type: 'add', reason: '新增', legalBasis: '某条例' })
    const [a, b] = await Promise.all([
      reviewer.post('/api/items/raced-item/versions/1/review', confirmAll),
      admin.post('/api/items/raced-item/versions/1/review', { basicInfo: { decision: 'reject', reason: '不同意' }, publicFlow: { decision: 'confirm' } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const reviews = await t.deps.db.knex('audit_log').where({ action: 'item.review', target: 'raced-item@1' })
    expect(reviews).toHaveLength(1)

    const opened = await Promise.all([designer.post('/api/items/raced-item/draft'), admin.post('/api/items/raced-item/draft')])
    for (const r of opened) expect([200, 409]).toContain(r.status)
    expect(await t.deps.db.knex('item_versions').where({ item_key: 'raced-item', status: 'draft' })).toHaveLength(1)
  })
})

describe('server/items: who may do what', () => {
  it('should refuse the public every governance route (401)', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/items') || p.startsWith('/api/review'))
    expect(paths.length).toBeGreaterThanOrEqual(8)
    for (const p of paths)
      for (const method of Object.keys(doc.paths[p])) {
        const url = p.replace('{key}', KEY).replace('{version}', '1')
        const r = await t.anonymous().request(method.toUpperCase(), url, method === 'get' ? undefined : {})
        expect(r.status, `${method} ${url}`).toBe(401)
      }
  })

  it('should hide another department from a designer (404) and refuse the wrong role (403)', async () => {
    const other = await t.as('cd-designer')
    expect((await other.get('/api/items')).body.items).toEqual([])
    expect((await other.get(`/api/items/${KEY}`)).status).toBe(404)
    expect((await other.put(`/api/items/${KEY}/draft`, { definition: {} })).status).toBe(404)
    expect((await other.post(`/api/items/${KEY}/submit`, change)).status).toBe(404)
    const forOthers = await designer.post('/api/items', { source: 'blank', key: 'for-chengdu', name: '代建事项', departmentId: 'cd-scj' })
    expect(forOthers.status).toBe(403)

    const mine = (await designer.get('/api/items')).body.items.map((i: { departmentId: string }) => i.departmentId)
    expect(new Set(mine)).toEqual(new Set(['sc-mzw']))
    expect((await reviewer.get('/api/items')).body.items.length).toBeGreaterThan(mine.length)

    expect((await designer.post(`/api/items/${KEY}/versions/1/review`, confirmAll)).status).toBe(403)
    expect((await reviewer.put(`/api/items/${KEY}/draft`, { definition: {} })).status).toBe(403)
    expect((await (await t.as('window')).get('/api/items')).status).toBe(403)
    expect((await (await t.as('supervisor')).get('/api/review/queue')).status).toBe(403)
  })

  it('should keep a reviewer from reviewing his own submission, and a city reviewer from a province item', async () => {
    const dual = await t.as('dual')
    expect((await dual.post('/api/items', { source: 'template', key: 'dual-item', templateKey: KEY })).status).toBe(201)
    expect((await dual.post('/api/items/dual-item/submit', { type: 'add', reason: '新增', legalBasis: '某条例' })).status).toBe(200)
    expect((await dual.get('/api/review/queue')).body.submissions).toContainEqual(expect.objectContaining({ key: 'dual-item', canReview: false }))
    const own = await dual.post('/api/items/dual-item/versions/1/review', confirmAll)
    expect(own.status).toBe(403)
    expect(own.body.error.details.reason).toBe('SEPARATION_OF_DUTIES')

    const city = await t.as('cd-reviewer')
    expect((await city.get('/api/review/queue')).body.submissions).toEqual([])
    expect((await city.post('/api/items/dual-item/versions/1/review', confirmAll)).status).toBe(404)

    expect((await reviewer.post('/api/items/dual-item/versions/1/review', confirmAll)).body.item.status).toBe('published')
  })

  it('should answer state conflicts with 409 and the current status, and bad input with 400 naming the field', async () => {
    const published = await reviewer.post(`/api/items/${KEY}/versions/3/review`, confirmAll)
    expect(published.status).toBe(409)
    expect(published.body.error.details).toMatchObject({ status: 'published', version: 3 })
    expect((await reviewer.post(`/api/items/${KEY}/versions/99/review`, confirmAll)).status).toBe(404)

    const badVersion = await reviewer.get(`/api/items/${KEY}/versions/abc`)
    expect(badVersion.status).toBe(400)
    expect(badVersion.body.error.details.issues[0].path).toBe('/params/version')
    expect((await reviewer.get('/api/items/Not_A_Key')).body.error.details.issues[0].path).toBe('/params/key')
    const badReview = await reviewer.post(`/api/items/${KEY}/versions/3/review`, { basicInfo: { decision: 'maybe' }, extra: 1 })
    expect(badReview.status).toBe(400)
    expect(badReview.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['/body/basicInfo/decision', '/body/publicFlow']))
    expect((await designer.put(`/api/items/${KEY}/draft`, { definition: 'text' })).body.error.details.issues[0].path).toBe('/body/definition')
    expect((await designer.post(`/api/items/${KEY}/submit`, change)).status).toBe(409)
    expect((await reviewer.get('/api/items?status=gone')).body.error.details.issues[0].path).toBe('/query/status')
  })
})
