import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from './harness'

let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

const form = { orgName: '成都市佛教协会', orgCreditCode: '11510000008231760L', legalRep: '释某某', contactPhone: '028-86001234', venueName: '某某寺', venueType: 'temple', religion: '佛教', address: '成都市龙泉驿区', area: 100 }

describe('server/applicant accounts', () => {
  it('should sign up, apply, and list only its own cases', async () => {
    const me = t.anonymous()
    const r = await me.post('/api/hall/signup', { username: 'zhang.san', password: 'Applicant2026', name: '张三', phone: '13800001234' })
    expect(r.status).toBe(201)
    me.csrf = r.body.csrfToken
    const applied = await me.post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '张三' }, form, materials: {} })
    expect(applied.status).toBe(201)
    await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '李四' }, form, materials: {} })
    const mine = await me.get('/api/hall/my-cases')
    expect(mine.body.items.map((c: { caseNo: string }) => c.caseNo)).toEqual([applied.body.caseNo])
    const one = await me.get(`/api/hall/my-cases/${applied.body.caseNo}`)
    expect(one.body.status).toBe('submitted')
  })

  it('should name a weak password and a taken username', async () => {
    const weak = await t.anonymous().post('/api/hall/signup', { username: 'wang.wu', password: 'short', name: '王五' })
    expect(weak.status).toBe(400)
    expect(weak.body.error.details.issues[0].path).toBe('/body/password')
    const taken = await t.anonymous().post('/api/hall/signup', { username: 'window', password: 'Applicant2026', name: '冒名' })
    expect(taken.status).toBe(409)
  })

  it("should not show another applicant's case", async () => {
    const other = t.anonymous()
    const r = await other.post('/api/hall/signup', { username: 'li.si', password: 'Applicant2026', name: '李四' })
    other.csrf = r.body.csrfToken
    const applied = await other.post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '李四' }, form, materials: {} })
    const me = t.anonymous()
    const s = await me.post('/api/hall/signup', { username: 'zhao.liu', password: 'Applicant2026', name: '赵六' })
    me.csrf = s.body.csrfToken
    expect((await me.get(`/api/hall/my-cases/${applied.body.caseNo}`)).status).toBe(404)
  })
})
