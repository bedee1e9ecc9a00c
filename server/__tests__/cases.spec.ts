import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Client, type TestServer } from './harness'
import { materialsExcept, religiousForm } from './fixtures'

let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

const form = religiousForm
const allBut = materialsExcept

async function apply(materials = allBut()) {
  const r = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form, materials })
  expect(r.status).toBe(201)
  return r.body as { caseId: string; caseNo: string; queryCode: string; version: number }
}

async function command(c: Client, caseId: string, command: Record<string, unknown>, headers: Record<string, string> = {}) {
  const detail = await c.get(`/api/cases/${caseId}`)
  return c.post(`/api/cases/${caseId}/commands`, { expectedVersion: detail.body.case.version, command }, headers)
}

describe('server/cases: a case from the hall to conclusion', () => {
  it('should refuse an application whose form breaks the published rules, naming each field', async () => {
    const r = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '某协会' }, form: { ...form, area: 'big', orgName: '' }, materials: {} })
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/body/form/area', '/body/form/orgName'])
  })

  it('should refuse an item that is not published (清单之外无权力)', async () => {
    const r = await t.anonymous().post('/api/hall/applications', { itemKey: 'no-such-power', applicant: { name: '某人' }, form: {}, materials: {} })
    expect(r.status).toBe(404)
  })

  it('should refuse an online application for a penalty, which the department opens itself (依职权)', async () => {
    const r = await t.anonymous().post('/api/hall/applications', { itemKey: 'food-business-unlicensed-penalty', applicant: { name: '某某餐饮店' }, form: {}, materials: {} })
    expect(r.status).toBe(422)
    expect(r.body.error.details).toMatchObject({ refusal: 'item.ex_officio', issues: [expect.objectContaining({ path: '/body/itemKey' })] })
    const stored = (await t.deps.db.knex('cases').where({ item_key: 'food-business-unlicensed-penalty' }).count({ n: '*' }).first()) as { n: number | string }
    expect(Number(stored.n)).toBe(0)
  })

  it('should give a case number and a query password, and list missing materials', async () => {
    const a = await apply(allBut('planning'))
    expect(a.caseNo).toMatch(/^SL20260302\d{6}$/)
    expect(a.queryCode).toMatch(/^\d{6}$/)
  })

  it('should run the whole procedure: 补正 online, acceptance, three steps, approval', async () => {
    const a = await apply(allBut('planning'))
    const window = await t.as('window')
    const refused = await command(window, a.caseId, { type: 'accept' })
    expect(refused.status).toBe(422)
    expect(refused.body.error.details.refusal).toBe('materials.incomplete')
    expect((await command(window, a.caseId, { type: 'requestSupplement', items: [{ materialId: 'planning', description: '规划部门意见' }] })).status).toBe(200)
    const track = await t.anonymous().post('/api/hall/track', { caseNo: a.caseNo, queryCode: a.queryCode })
    expect(track.body.status).toBe('awaitingSupplement')
    expect(track.body.pendingSupplement).toEqual([{ materialId: 'planning', description: '规划部门意见' }])
    expect((await t.anonymous().post('/api/hall/supplement', { caseNo: a.caseNo, queryCode: a.queryCode, materials: { planning: { provided: true } } })).status).toBe(200)
    expect((await command(window, a.caseId, { type: 'accept' })).status).toBe(200)
    const handler = await t.as('handler')
    expect((await command(handler, a.caseId, { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } })).status).toBe(200)
    expect((await command(await t.as('checker'), a.caseId, { type: 'complete', node: 'verify', opinion: '同意' })).status).toBe(200)
    const done = await command(await t.as('approver'), a.caseId, { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } })
    expect(done.body.status).toBe('concluded')
    const detail = await handler.get(`/api/cases/${a.caseId}`)
    expect(detail.body.state.result).toBe('approved')
    expect(detail.body.chain.ok).toBe(true)
    const pub = await t.anonymous().post('/api/hall/track', { caseNo: a.caseNo, queryCode: a.queryCode })
    expect(pub.body.historyIntact).toBe(true)
    expect(pub.body.timeline.map((e: { step?: string }) => e.step)).not.toContain('审核')
    expect(JSON.stringify(pub.body)).not.toContain('王审核')
  })

  it('should answer a stale version with 409 and the current version', async () => {
    const a = await apply()
    const window = await t.as('window')
    const r = await window.post(`/api/cases/${a.caseId}/commands`, { expectedVersion: a.version, command: { type: 'accept' } })
    expect(r.status).toBe(200)
    const stale = await window.post(`/api/cases/${a.caseId}/commands`, { expectedVersion: a.version, command: { type: 'refuse', reason: '重复' } })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details.currentVersion).toBe(r.body.version)
  })

  it('should return the first answer for a repeated Idempotency-Key and not act twice', async () => {
    const a = await apply()
    const window = await t.as('window')
    const body = { expectedVersion: a.version, command: { type: 'accept' } }
    const first = await window.post(`/api/cases/${a.caseId}/commands`, body, { 'idempotency-key': 'retry-accept-0001' })
    const again = await window.post(`/api/cases/${a.caseId}/commands`, body, { 'idempotency-key': 'retry-accept-0001' })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    const detail = await window.get(`/api/cases/${a.caseId}`)
    expect(detail.body.timeline.filter((e: { type: string }) => e.type === 'case:accepted')).toHaveLength(1)
  })

  it('should show todo by post: the window sees the new case, the handler does not', async () => {
    const a = await apply()
    const windowTodo = (await (await t.as('window')).get('/api/cases?view=todo&pageSize=200')).body
    const handlerTodo = (await (await t.as('handler')).get('/api/cases?view=todo&pageSize=200')).body
    expect(windowTodo.items.map((c: { id: string }) => c.id)).toContain(a.caseId)
    expect(handlerTodo.items.map((c: { id: string }) => c.id)).not.toContain(a.caseId)
  })

  it('should hide a case from staff of another department (404) and let the supervisor see it', async () => {
    const a = await apply()
    expect((await (await t.as('cd-window')).get(`/api/cases/${a.caseId}`)).status).toBe(404)
    expect((await (await t.as('supervisor')).get(`/api/cases/${a.caseId}`)).status).toBe(200)
  })

  it('should answer an unknown number and a wrong password alike', async () => {
    const a = await apply()
    const wrong = await t.anonymous().post('/api/hall/track', { caseNo: a.caseNo, queryCode: a.queryCode === '000000' ? '000001' : '000000' })
    const unknown = await t.anonymous().post('/api/hall/track', { caseNo: 'SL20260302999999', queryCode: '123456' })
    expect(wrong.status).toBe(404)
    expect(unknown.status).toBe(404)
    expect(wrong.body).toEqual(unknown.body)
  })

  it('should refuse a command without the CSRF header', async () => {
    const a = await apply()
    const window = await t.as('window')
    window.csrf = ''
    const r = await window.post(`/api/cases/${a.caseId}/commands`, { expectedVersion: a.version, command: { type: 'accept' } })
    expect(r.status).toBe(403)
    expect(r.body.error.details.reason).toBe('CSRF')
  })

  it('should name an unknown command type', async () => {
    const a = await apply()
    const r = await (await t.as('window')).post(`/api/cases/${a.caseId}/commands`, { expectedVersion: a.version, command: { type: 'approveEverything' } })
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues[0].path).toBe('/body/command/type')
  })

  it('should flag a case whose stored event was edited, in the workbench and in the hall', async () => {
    const a = await apply()
    const window = await t.as('window')
    await command(window, a.caseId, { type: 'accept', opinion: '材料齐全' })
    const row = await t.deps.db.knex('case_events').where({ case_id: a.caseId, seq: 2 }).first()
    const edited = JSON.parse(row.event)
    edited.opinion = '材料不全'
    await t.deps.db.knex('case_events').where({ case_id: a.caseId, seq: 2 }).update({ event: JSON.stringify(edited) })
    const detail = await window.get(`/api/cases/${a.caseId}`)
    expect(detail.body.chain).toMatchObject({ ok: false, seq: 2, reason: 'hash' })
    const pub = await t.anonymous().post('/api/hall/track', { caseNo: a.caseNo, queryCode: a.queryCode })
    expect(pub.body.historyIntact).toBe(false)
  })

  it('should flag a case whose last event was deleted', async () => {
    const a = await apply()
    const window = await t.as('window')
    await command(window, a.caseId, { type: 'accept' })
    await t.deps.db.knex('case_events').where({ case_id: a.caseId, seq: 2 }).delete()
    expect((await window.get(`/api/cases/${a.caseId}`)).body.chain).toMatchObject({ ok: false, reason: 'truncated' })
  })

  it('should let exactly one of two simultaneous commands on one case win; the other gets 409', async () => {
    const a = await apply()
    const [w1, w2] = [await t.as('window'), await t.as('window')]
    const body = { expectedVersion: a.version, command: { type: 'accept' } }
    const results = await Promise.all([w1.post(`/api/cases/${a.caseId}/commands`, body), w2.post(`/api/cases/${a.caseId}/commands`, body)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const detail = await w1.get(`/api/cases/${a.caseId}`)
    expect(detail.body.timeline.filter((e: { type: string }) => e.type === 'case:accepted')).toHaveLength(1)
    expect(detail.body.chain.ok).toBe(true)
  })

  it('should commit many simultaneous commands on different cases, each once', async () => {
    const cases = await Promise.all(Array.from({ length: 20 }, () => apply()))
    const window = await t.as('window')
    const results = await Promise.all(cases.map((a) => window.post(`/api/cases/${a.caseId}/commands`, { expectedVersion: a.version, command: { type: 'accept' } })))
    expect(results.map((r) => r.status)).toEqual(cases.map(() => 200))
    for (const a of cases) expect((await window.get(`/api/cases/${a.caseId}`)).body.case.status).toBe('handling')
  })

  it('should decide simultaneous commands one by one: the stale, the refused and the repeated each get their own answer', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, () => apply()))
    const [w1, w2, handler] = [await t.as('window'), await t.as('window'), await t.as('handler')]
    const accept = (c: Client, a: { caseId: string; version: number }, headers: Record<string, string> = {}) =>
      c.post(`/api/cases/${a.caseId}/commands`, { expectedVersion: a.version, command: { type: 'accept' } }, headers)
    const [first, second, third] = cases as [(typeof cases)[number], (typeof cases)[number], (typeof cases)[number]]
    const results = await Promise.all([
      ...cases.map((a) => accept(w1, a)),
      accept(w2, first), // the same version again: stale once the first is decided
      handler.post(`/api/cases/${second.caseId}/commands`, { expectedVersion: second.version, command: { type: 'complete', node: 'review' } }), // not the handler's step yet
      accept(w2, third, { 'idempotency-key': 'repeat-0001' }),
    ])
    const statuses = results.map((r) => r.status)
    // case 3 gets accepted twice over: once by w1, once by w2 — exactly one of those wins
    expect(statuses.slice(0, 12).filter((s) => s === 200).length + [statuses[12], statuses[14]].filter((s) => s === 200).length).toBe(12)
    expect(statuses[13]).toBeGreaterThanOrEqual(403)
    expect(statuses[13]).toBeLessThan(500)
    for (const a of cases) {
      const detail = await w1.get(`/api/cases/${a.caseId}`)
      expect(detail.body.case.status).toBe('handling')
      expect(detail.body.timeline.filter((e: { type: string }) => e.type === 'case:accepted')).toHaveLength(1)
      expect(detail.body.chain.ok).toBe(true)
    }
    const again = await accept(w2, third, { 'idempotency-key': 'repeat-0001' })
    expect(again.status).toBe(statuses[14] === 200 ? 200 : 409)
    const acts = await t.deps.db.knex('case_acts').whereIn('case_id', cases.map((a) => a.caseId))
    expect(acts).toHaveLength(12)
  })

  it('should keep a watched list per user (关注): follow, list, unfollow, without touching the case', async () => {
    const a = await apply()
    const [handler, checker, other] = [await t.as('handler'), await t.as('checker'), await t.as('cd-handler')]
    expect((await handler.put(`/api/cases/${a.caseId}/watch`)).body).toEqual({ caseId: a.caseId, watched: true })
    expect((await handler.put(`/api/cases/${a.caseId}/watch`)).status).toBe(200) // idempotent
    const mine = await handler.get('/api/cases?view=watched')
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([a.caseId])
    expect((await handler.get(`/api/cases/${a.caseId}`)).body).toMatchObject({ watched: true, case: { version: a.version } })
    expect((await checker.get('/api/cases?view=watched')).body.items).toEqual([]) // per user
    expect((await other.put(`/api/cases/${a.caseId}/watch`)).status).toBe(404) // another department's case
    expect((await handler.delete(`/api/cases/${a.caseId}/watch`)).body.watched).toBe(false)
    expect((await handler.get('/api/cases?view=watched')).body.items).toEqual([])
  })

  it('should link an uploaded material file to the case it was submitted with', async () => {
    const bytes = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')
    const up = await fetch(`${t.url}/api/uploads`, { method: 'POST', headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('申请书.pdf') }, body: bytes })
    expect(up.status).toBe(201)
    const file = (await up.json()) as { fileId: string; sha256: string }
    const materials = { ...allBut(), application: { provided: true, files: [{ name: '申请书.pdf', sha256: file.sha256 }] } }
    const a = await apply(materials)
    const row = await t.deps.db.knex('files').where({ id: file.fileId }).first()
    expect(row).toMatchObject({ case_id: a.caseId, material_id: 'application' })
  })

  it('should refuse an application that fills in fields staff write during handling, and say which', async () => {
    const item = (await t.anonymous().get('/api/catalog/religious-venue-preparation')).body
    expect(item.staffFields.sort()).toEqual(['decision', 'reviewOpinion'])
    const r = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '某协会' }, form: { ...form, decision: 'approve' }, materials: allBut() })
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues).toEqual([expect.objectContaining({ path: '/body/form/decision', code: 'staffField' })])
  })

  it('should give staff the definition version of the case and never the query password', async () => {
    const a = await apply()
    const detail = await (await t.as('window')).get(`/api/cases/${a.caseId}`)
    expect(detail.body.definition.key).toBe('religious-venue-preparation')
    expect(JSON.stringify(detail.body)).not.toContain(a.queryCode.length === 6 ? `"queryCode":"${a.queryCode}"` : 'never')
    const events = await t.deps.db.knex('case_events').where({ case_id: a.caseId })
    expect(events.map((e: { event: string }) => e.event).join()).not.toContain(`"queryCode"`)
  })
})

