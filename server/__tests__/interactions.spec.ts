import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client, startServer, type TestServer } from './harness'
import { materialsExcept, religiousForm } from './fixtures'

let t: TestServer
const T0 = Date.parse('2026-03-02T09:00:00+08:00') // a Monday
beforeAll(async () => {
  t = await startServer({ now: T0 })
})
afterAll(async () => t.close())

/** A fresh session at the current server time (the harness caches sessions, which expire when a test moves the clock days ahead). */
async function signIn(username: string): Promise<Client> {
  const c = new Client(t.url)
  expect((await c.login(username)).status).toBe(200)
  return c
}

const person = { name: '王某某', phone: '13800001234' }

async function consult(extra: Record<string, unknown> = {}) {
  const r = await t.anonymous().post('/api/hall/consultations', { ...person, title: '筹备设立需要哪些材料', content: '请问宗教活动场所筹备设立需要提交哪些材料？', itemKey: 'religious-venue-preparation', ...extra })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body as { no: string; queryCode: string; dueDay: string; handlingDepartment: string }
}

async function complain(body: Record<string, unknown>) {
  return t.anonymous().post('/api/hall/complaints', { ...person, title: '办事窗口态度差', content: '窗口工作人员推诿，多次往返。', ...body })
}

/** The staff-side id of a request, found by its number in the user's list. */
async function idOf(c: Client, path: 'consultations' | 'complaints', no: string): Promise<string> {
  const list = await c.get(`/api/${path}?pageSize=200`)
  expect(list.status).toBe(200)
  const hit = list.body.items.find((i: { no: string }) => i.no === no)
  expect(hit, `${no} not in the list`).toBeDefined()
  return hit.id
}

const form = religiousForm
const materials = materialsExcept()

async function command(c: Client, caseId: string, cmd: Record<string, unknown>) {
  const detail = await c.get(`/api/cases/${caseId}`)
  const r = await c.post(`/api/cases/${caseId}/commands`, { expectedVersion: detail.body.case.version, command: cmd })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body
}

/** Applies online and runs the case through acceptance, three steps and approval. */
async function concludedCase() {
  const a = (await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form, materials })).body as { caseId: string; caseNo: string; queryCode: string }
  await command(await t.as('window'), a.caseId, { type: 'accept' })
  await command(await t.as('handler'), a.caseId, { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } })
  await command(await t.as('checker'), a.caseId, { type: 'complete', node: 'verify', opinion: '同意' })
  const done = await command(await t.as('approver'), a.caseId, { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } })
  expect(done.status).toBe('concluded')
  return a
}

describe('server/interactions: consultations (咨询)', () => {
  it('should take a question without an account, answer it in the department, and show the answer to the asker', async () => {
    const q = await consult()
    expect(q.no).toMatch(/^ZX20260302\d{6}$/)
    expect(q.queryCode).toMatch(/^\d{6}$/)
    expect(q.dueDay).toBe('2026-03-09') // 5 working days after Monday 2 March
    expect(q.handlingDepartment).toBe('四川省民族宗教事务委员会')

    const handler = await t.as('handler')
    const id = await idOf(handler, 'consultations', q.no)
    expect((await (await t.as('cd-window')).get(`/api/consultations/${id}`)).status).toBe(404)
    const detail = await handler.get(`/api/consultations/${id}`)
    expect(detail.body).toMatchObject({ no: q.no, phone: person.phone, status: 'submitted', dueDay: '2026-03-09', overdueDays: 0 })

    const before = await t.anonymous().post('/api/hall/consultations/track', { no: q.no, queryCode: q.queryCode })
    expect(before.body).toMatchObject({ status: 'submitted', reply: null, overdue: false, dueDay: '2026-03-09' })

    const answered = await handler.post(`/api/consultations/${id}/answer`, { reply: '需提交申请书、筹备报告等六项材料，详见办事指南。' })
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ status: 'answered', overdueDays: 0 })
    expect((await handler.post(`/api/consultations/${id}/answer`, { reply: '再答一次' })).status).toBe(409)

    const track = await t.anonymous().post('/api/hall/consultations/track', { no: q.no, queryCode: q.queryCode })
    expect(track.status).toBe(200)
    expect(track.body).toMatchObject({ no: q.no, status: 'answered', reply: '需提交申请书、筹备报告等六项材料，详见办事指南。', handlingDepartment: '四川省民族宗教事务委员会' })
    expect(JSON.stringify(track.body)).not.toContain('李承办')
    expect(JSON.stringify(track.body)).not.toContain(person.phone)

    const closed = await t.anonymous().post('/api/hall/consultations/close', { no: q.no, queryCode: q.queryCode })
    expect(closed.body).toEqual({ no: q.no, status: 'closed' })
  })

  it('should number consultations gap-free per day', async () => {
    const a = await consult()
    const b = await consult()
    expect(Number(b.no.slice(-6))).toBe(Number(a.no.slice(-6)) + 1)
  })

  it('should answer an unknown number and a wrong password alike', async () => {
    const q = await consult()
    const wrong = await t.anonymous().post('/api/hall/consultations/track', { no: q.no, queryCode: q.queryCode === '000000' ? '000001' : '000000' })
    const unknown = await t.anonymous().post('/api/hall/consultations/track', { no: 'ZX20260302999999', queryCode: '123456' })
    expect(wrong.status).toBe(404)
    expect(wrong.body).toEqual(unknown.body)
  })

  it('should name each bad field, and refuse a question about nothing', async () => {
    const r = await t.anonymous().post('/api/hall/consultations', { name: '', phone: 'call me', title: 't', content: 'c', itemKey: 'x' })
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/body/name', '/body/phone'])
    const none = await t.anonymous().post('/api/hall/consultations', { ...person, title: '问题', content: '内容' })
    expect(none.status).toBe(400)
    expect(none.body.error.details.issues[0].path).toBe('/body/departmentId')
    const unknownItem = await t.anonymous().post('/api/hall/consultations', { ...person, title: '问题', content: '内容', itemKey: 'no-such-item' })
    expect(unknownItem.body.error.details.issues[0].path).toBe('/body/itemKey')
    const extra = await t.anonymous().post('/api/hall/consultations', { ...person, title: '问题', content: '内容', departmentId: 'sc-mzw', status: 'closed' })
    expect(extra.status).toBe(400)
  })

  it('should let the department extend once, with a reason, before the limit ends', async () => {
    const q = await consult()
    const handler = await t.as('handler')
    const id = await idOf(handler, 'consultations', q.no)
    expect((await handler.post(`/api/consultations/${id}/extend`, { days: 3 })).body.error.details.issues[0].path).toBe('/body/reason')
    const ext = await handler.post(`/api/consultations/${id}/extend`, { days: 3, reason: '需会同其他部门研究' })
    expect(ext.status).toBe(200)
    expect(ext.body.dueDay).toBe('2026-03-12') // 5 + 3 working days
    expect((await handler.post(`/api/consultations/${id}/extend`, { days: 1, reason: '再次延期' })).status).toBe(409)
    const track = await t.anonymous().post('/api/hall/consultations/track', { no: q.no, queryCode: q.queryCode })
    expect(track.body.extension).toEqual({ days: 3, reason: '需会同其他部门研究' })
  })

  it('should keep the public out of staff routes and staff of other departments out of answering', async () => {
    expect((await t.anonymous().get('/api/consultations')).status).toBe(401)
    const q = await consult()
    const id = await idOf(await t.as('handler'), 'consultations', q.no)
    expect((await (await t.as('cd-handler')).post(`/api/consultations/${id}/answer`, { reply: '越权答复' })).status).toBe(404)
    expect((await (await t.as('designer')).get('/api/consultations')).status).toBe(403)
  })
})

describe('server/interactions: complaints (投诉)', () => {
  it('should offer the configurable categories and refuse an unknown one', async () => {
    const cats = (await t.anonymous().get('/api/hall/complaint-categories')).body.items.map((c: { code: string }) => c.code)
    expect(cats).toEqual(['conduct', 'fees', 'discipline', 'delay', 'other'])
    const r = await complain({ category: 'gossip', departmentId: 'cd-scj' })
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues[0].path).toBe('/body/category')
  })

  it('should route by category: the unit itself, the nearest government by default, the configured department after an admin change', async () => {
    const delay = await complain({ category: 'delay', departmentId: 'cd-scj' })
    expect(delay.status).toBe(201)
    expect(delay.body.no).toMatch(/^TS20260302\d{6}$/)
    expect(delay.body.handlingDepartment).toBe('成都市市场监督管理局')
    expect(delay.body.dueDay).toBe('2026-03-16') // 10 working days
    const cdId = await idOf(await t.as('cd-window'), 'complaints', delay.body.no)
    expect((await (await t.as('window')).get(`/api/complaints/${cdId}`)).status).toBe(404)

    const unconfigured = await complain({ category: 'discipline', departmentId: 'cd-scj', targetPerson: '某工作人员' })
    expect(unconfigured.body.handlingDepartment).toBe('成都市人民政府')

    const admin = await t.as('admin')
    const settings = (await admin.get('/api/admin/hall-settings')).body
    const bad = await admin.put('/api/admin/hall-settings', { ...settings, functions: { discipline: { sc: 'no-such-dept' } } })
    expect(bad.status, JSON.stringify(bad.body)).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('/body/functions/discipline/sc')
    expect((await admin.put('/api/admin/hall-settings', { ...settings, functions: { discipline: { sc: 'sc-jw' } } })).status).toBe(200)

    const routed = await complain({ category: 'discipline', departmentId: 'cd-scj', targetPerson: '某工作人员' })
    expect(routed.body.handlingDepartment).toBe('四川省纪委监委')
    const supervisor = await t.as('supervisor')
    const id = await idOf(supervisor, 'complaints', routed.body.no)
    const detail = (await supervisor.get(`/api/complaints/${id}`)).body
    expect(detail).toMatchObject({ category: 'discipline', departmentId: 'sc-jw', targetDepartmentId: 'cd-scj', targetPerson: '某工作人员', routedBy: 'discipline:discipline@sc' })
    // the department complained about does not see a complaint routed to the discipline body
    const cdList = (await (await t.as('cd-window')).get('/api/complaints?pageSize=200')).body.items.map((i: { no: string }) => i.no)
    expect(cdList).not.toContain(routed.body.no)
    expect((await supervisor.post(`/api/complaints/${id}/answer`, { reply: '经核查，已对相关人员批评教育。' })).status).toBe(200)
  })

  it('should find the department from a case number', async () => {
    const a = (await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '某协会' }, form, materials })).body
    const r = await complain({ category: 'conduct', caseNo: a.caseNo })
    expect(r.status).toBe(201)
    const id = await idOf(await t.as('supervisor'), 'complaints', r.body.no)
    const detail = (await (await t.as('supervisor')).get(`/api/complaints/${id}`)).body
    expect(detail).toMatchObject({ targetDepartmentId: 'sc-mzw', targetCaseNo: a.caseNo, itemKey: 'religious-venue-preparation' })
    const unknown = await complain({ category: 'conduct', caseNo: 'SL20260302999999' })
    expect(unknown.body.error.details.issues[0].path).toBe('/body/caseNo')
  })

  it('should list unanswered complaints past due_at as overdue, and refuse a late extension', async () => {
    const late = (await complain({ category: 'delay', departmentId: 'cd-scj' })).body
    const answeredInTime = (await complain({ category: 'delay', departmentId: 'cd-scj' })).body
    let cd = await t.as('cd-window')
    let supervisor = await t.as('supervisor')
    expect((await cd.post(`/api/complaints/${await idOf(cd, 'complaints', answeredInTime.no)}/answer`, { reply: '已处理' })).status).toBe(200)
    const overdueNos = async () => (await supervisor.get('/api/complaints?overdue=true&pageSize=200')).body.items.map((i: { no: string }) => i.no)
    expect(await overdueNos()).not.toContain(late.no)
    try {
      t.setNow(Date.parse('2026-03-16T23:59:59+08:00')) // the last second of the limit
      supervisor = await signIn('supervisor')
      cd = await signIn('cd-window')
      expect(await overdueNos()).not.toContain(late.no)
      t.setNow(Date.parse('2026-03-17T00:00:01+08:00')) // overdue by one second counts
      const list = (await supervisor.get('/api/complaints?overdue=true&pageSize=200')).body.items
      const hit = list.find((i: { no: string }) => i.no === late.no)
      expect(hit).toMatchObject({ status: 'submitted', dueDay: '2026-03-16', overdueDays: 1 })
      expect(list.map((i: { no: string }) => i.no)).not.toContain(answeredInTime.no)
      const id = await idOf(cd, 'complaints', late.no)
      const ext = await cd.post(`/api/complaints/${id}/extend`, { days: 5, reason: '补充调查' })
      expect(ext.status).toBe(422)
      expect(ext.body.error.details.refusal).toBe('extension.overdue')
      t.setNow(Date.parse('2026-03-19T10:00:00+08:00'))
      supervisor = await signIn('supervisor')
      cd = await signIn('cd-window')
      const answered = await cd.post(`/api/complaints/${id}/answer`, { reply: '迟复，已整改' })
      expect(answered.body.overdueDays).toBe(3)
      expect(await overdueNos()).not.toContain(late.no)
    } finally {
      t.setNow(T0)
    }
  })
})

describe('server/interactions: service ratings (好差评)', () => {
  it('should refuse to rate a case that is not concluded', async () => {
    const a = (await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '某协会' }, form, materials })).body
    const r = await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode, stars: 5, channel: 'pc' })
    expect(r.status).toBe(422)
    expect(r.body.error.details.refusal).toBe('rating.notConcluded')
  })

  it('should accept one good rating per case, mapped to the GB/T 39046 code, and no follow-up', async () => {
    const a = await concludedCase()
    const r = await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode, stars: 5, channel: 'mobile' })
    expect(r.status).toBe(201)
    expect(r.body).toEqual({ caseNo: a.caseNo, stars: 5, satisfaction: 1, bad: false, followUp: null })
    const again = await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode, stars: 1, comment: '改主意了', channel: 'pc' })
    expect(again.status).toBe(409)
    const wrong = await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode === '000000' ? '000001' : '000000', stars: 5, channel: 'pc' })
    expect(wrong.status).toBe(404)
  })

  it('should run a bad rating through 回访核实 → 整改 → 反馈 with a 5-working-day deadline', async () => {
    const a = await concludedCase()
    const noComment = await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode, stars: 2, channel: 'pc' })
    expect(noComment.status).toBe(400)
    expect(noComment.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['/body/comment'])
    const badInput = await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode, stars: 6, channel: 'fax' })
    expect(badInput.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/body/channel', '/body/stars'])

    const r = await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode, stars: 2, comment: '材料要求反复变化，跑了三次', channel: 'pc' })
    expect(r.status).toBe(201)
    expect(r.body).toEqual({ caseNo: a.caseNo, stars: 2, satisfaction: 4, bad: true, followUp: { status: 'open', dueDay: '2026-03-09' } })

    const seen = await t.anonymous().post('/api/hall/ratings/track', { caseNo: a.caseNo, queryCode: a.queryCode })
    expect(seen.body.rating).toMatchObject({ stars: 2, satisfaction: 4, satisfactionZh: '不满意', channel: 'pc' })
    expect(seen.body.followUp).toMatchObject({ status: 'open', dueDay: '2026-03-09', feedback: null })

    const handler = await t.as('handler')
    const list = (await handler.get('/api/ratings?bad=true&followUp=open&pageSize=200')).body.items
    const rating = list.find((x: { caseNo: string }) => x.caseNo === a.caseNo)
    expect(rating).toMatchObject({ stars: 2, bad: true, channel: 'pc', departmentId: 'sc-mzw', itemKey: 'religious-venue-preparation', comment: '材料要求反复变化，跑了三次' })
    expect((await (await t.as('cd-handler')).get('/api/ratings?pageSize=200')).body.items.map((x: { caseNo: string }) => x.caseNo)).not.toContain(a.caseNo)
    expect((await (await t.as('cd-handler')).post(`/api/ratings/${rating.id}/follow-up`, { revisit: 'x', substantiated: false, feedback: 'x' })).status).toBe(404)
    expect((await (await t.as('supervisor')).post(`/api/ratings/${rating.id}/follow-up`, { revisit: 'x', substantiated: false, feedback: 'x' })).status).toBe(403)

    const missing = await handler.post(`/api/ratings/${rating.id}/follow-up`, { revisit: '电话回访，情况属实', substantiated: true, feedback: '已整改' })
    expect(missing.body.error.details.issues[0].path).toBe('/body/rectification')
    const answer = { revisit: '电话回访申请人，情况属实', substantiated: true, rectification: '办事指南补充材料样本，实行一次性告知', feedback: '感谢监督，已修订办事指南。' }
    const done = await handler.post(`/api/ratings/${rating.id}/follow-up`, answer)
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: 'closed', overdueDays: 0 })
    expect((await handler.post(`/api/ratings/${rating.id}/follow-up`, answer)).status).toBe(409)

    const after = await t.anonymous().post('/api/hall/ratings/track', { caseNo: a.caseNo, queryCode: a.queryCode })
    expect(after.body.followUp).toMatchObject({ status: 'closed', substantiated: true, rectification: answer.rectification, feedback: answer.feedback })
    expect(JSON.stringify(after.body)).not.toContain(answer.revisit)
    const supervisorView = (await (await t.as('supervisor')).get('/api/ratings?bad=true&pageSize=200')).body.items.find((x: { caseNo: string }) => x.caseNo === a.caseNo)
    expect(supervisorView.followUp).toMatchObject({ status: 'closed', revisit: answer.revisit, answeredBy: 'handler' })
  })

  it('should list open follow-ups past their deadline as overdue', async () => {
    const a = await concludedCase()
    await t.anonymous().post('/api/hall/ratings', { caseNo: a.caseNo, queryCode: a.queryCode, stars: 1, comment: '态度恶劣', channel: 'qrcode' })
    try {
      t.setNow(Date.parse('2026-03-10T09:00:00+08:00'))
      const supervisor = await signIn('supervisor')
      const list = (await supervisor.get('/api/ratings?overdue=true&pageSize=200')).body.items
      const hit = list.find((x: { caseNo: string }) => x.caseNo === a.caseNo)
      expect(hit.followUp).toMatchObject({ status: 'open', dueDay: '2026-03-09', overdueDays: 1 })
    } finally {
      t.setNow(T0)
    }
  })
})
