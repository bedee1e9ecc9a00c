import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routeTable } from '../src/app'
import type { RouteSpec } from '../src/route-table'
import { demoUsers } from '../src/seed'
import { materialsExcept, religiousForm } from './fixtures'
import { startServer, type Client, type TestServer } from './harness'

let t: TestServer
let routes: RouteSpec[]
const clients = new Map<string, Client>()

beforeAll(async () => {
  t = await startServer()
  routes = routeTable(t.deps)
  for (const u of demoUsers) clients.set(u.id, await t.as(u.id))
})
afterAll(async () => t.close())

/** A concrete path for a route pattern: ids that are well formed but name nothing. */
function concrete(path: string): string {
  return path
    .replace(/:id\b/g, '00000000-0000-4000-8000-000000000000')
    .replace(/:key\b/g, 'religious-venue-preparation')
    .replace(/:version\b/g, '1')
    .replace(/:([A-Za-z]+)/g, 'x')
}

async function freshClient(username: string): Promise<Client> {
  const c = t.anonymous()
  await c.login(username)
  return c
}

const deniedByRoute = (r: { status: number; body: any }) => r.status === 401 || (r.status === 403 && Array.isArray(r.body?.error?.details?.roles))

describe('server/authorization matrix (generated from the route table)', () => {
  it('should give every route an explicit access rule', () => {
    for (const r of routes) expect(r.access === 'public' || (Array.isArray(r.access) && r.access.length > 0), `${r.method} ${r.path}`).toBe(true)
  })

  it('should mount routes only through the route table (no router outside route-table.ts)', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url))
    const files: string[] = []
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (p.endsWith('.ts')) files.push(p)
      }
    }
    walk(src)
    const offenders = files.filter((f) => !f.endsWith('route-table.ts') && /new Router\(|\.use\(\s*\w+\.routes\(\)/.test(readFileSync(f, 'utf8').replace(/app\.use\(router\.routes\(\)\)/, '')))
    expect(offenders).toEqual([])
  })

  it('should answer every non-public route with 401 to the anonymous public', async () => {
    const anon = t.anonymous()
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const res = await anon.request(r.method.toUpperCase(), concrete(r.path), r.method === 'get' ? undefined : {})
      expect(res.status, `${r.method} ${r.path}`).toBe(401)
    }
  })

  it('should let each role through exactly the routes that list it, and refuse the rest with 403', { timeout: 120_000 }, async () => {
    const mismatches: string[] = []
    for (const r of routes) {
      await Promise.all(demoUsers.map(async (u) => {
        // Signing out ends the session: use a throw-away one for that route.
        const c = r.path === '/api/auth/logout' ? await freshClient(u.id) : (clients.get(u.id) as Client)
        const res = await c.request(r.method.toUpperCase(), concrete(r.path), r.method === 'get' ? undefined : {})
        const allowed = r.access === 'public' || u.roles.some((role) => (r.access as readonly string[]).includes(role))
        if (allowed === deniedByRoute(res)) mismatches.push(`${u.id} ${r.method} ${r.path} → ${res.status} (expected ${allowed ? 'allowed' : 'denied'})`)
        if (res.status >= 500) mismatches.push(`${u.id} ${r.method} ${r.path} → ${res.status}: ${JSON.stringify(res.body)}`)
      }))
    }
    expect(mismatches).toEqual([])
  })

  it('should keep the access of the runtime routes as designed (public aggregates, staff-only colleagues, scoped 案卷)', async () => {
    const expected: Record<string, readonly string[] | 'public'> = {
      'get /api/hall/statistics': 'public',
      'get /api/hall/decisions': 'public',
      'post /api/hall/receipt': 'public',
      'get /api/colleagues': ['staff'],
      'get /api/cases/:id/file.pdf': ['staff', 'supervisor', 'admin'],
    }
    for (const [key, access] of Object.entries(expected)) {
      const r = routes.find((x) => `${x.method} ${x.path}` === key)
      expect(r?.access, key).toEqual(access)
    }
    // Department scoping beyond the role: another department's staff sees neither colleagues nor the file.
    const other = clients.get('cd-window') as Client
    expect((await other.get('/api/colleagues?post=investigator')).body.colleagues.map((c: { id: string }) => c.id)).toEqual(['cd-window'])
    expect((await clients.get('designer')!.get('/api/colleagues')).status).toBe(403)
    expect((await clients.get('citizen')!.get('/api/cases/00000000-0000-4000-8000-000000000000/file.pdf')).status).toBe(403)
  })

  /**
   * The department dimension: every staff route that names a record (a path parameter) is called
   * for a record of 省民宗委 by a staff member of 成都市市场监管局 — same role, other department:
   * always 404, existence not revealed — and by one of 省民宗委 itself: never 404 nor 403. The
   * body is a valid one for the route, so the request passes validation and reaches the service's
   * department check. A new route with a parameter must be listed here (departmental, with a
   * record and a body, or not departmental, with the reason), or this test fails.
   */
  it('should answer a record of another department 404 and one of the own department normally, on every staff route with a parameter', { timeout: 120_000 }, async () => {
    const anon = t.anonymous()
    const own = clients.get('handler') as Client
    const window = clients.get('window') as Client
    const other = clients.get('cd-handler') as Client
    const applied = await anon.post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
    expect(applied.status).toBe(201)
    const caseId = applied.body.caseId as string
    const accepted = await window.post(`/api/cases/${caseId}/commands`, { expectedVersion: applied.body.version, command: { type: 'accept' } })
    expect(accepted.status).toBe(200)
    const doc = await window.post(`/api/cases/${caseId}/documents`, { templateId: 'acceptance-notice' })
    expect(doc.status).toBe(201)
    const person = { name: '王某某', phone: '13800001234' }
    const q = await anon.post('/api/hall/consultations', { ...person, title: '筹备设立需要哪些材料', content: '请问需要提交哪些材料？', itemKey: 'religious-venue-preparation' })
    const c = await anon.post('/api/hall/complaints', { ...person, title: '办理超时', content: '承诺时限已过仍未办结。', category: 'delay', departmentId: 'sc-mzw' })
    expect([q.status, c.status]).toEqual([201, 201])
    const idOf = async (path: string, no: string) => ((await own.get(`/api/${path}?pageSize=200`)).body.items as { id: string; no: string }[]).find((i) => i.no === no)?.id as string
    // A concluded case with a bad rating, for the follow-up route.
    let version = accepted.body.version as number
    for (const [user, command] of [
      ['handler', { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } }],
      ['checker', { type: 'complete', node: 'verify', opinion: '同意' }],
      ['approver', { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } }],
    ] as const)
      version = (await (clients.get(user) as Client).post(`/api/cases/${caseId}/commands`, { expectedVersion: version, command })).body.version
    expect((await anon.post('/api/hall/ratings', { caseNo: applied.body.caseNo, queryCode: applied.body.queryCode, stars: 1, comment: '多次往返', channel: 'pc' })).status).toBe(201)
    const ratingId = ((await own.get('/api/ratings?pageSize=200')).body.items as { id: string; caseNo: string }[]).find((r) => r.caseNo === applied.body.caseNo)?.id as string
    // A supervision card on the case (issued by hand by the supervisor) and the unit's notification of it.
    const supervisor = clients.get('supervisor') as Client
    // the city's supervisor (成都市纪委监委) does not reach a provincial department's card
    const cdSupervisor = clients.get('cd-supervisor') as Client
    const card = await supervisor.post('/api/supervision/cards', { caseId, level: 'yellow', message: '未按承诺时限办结（授权矩阵测试）', feedbackDays: 30 })
    expect(card.status).toBe(201)
    const cardId = (card.body.card?.id ?? card.body.id) as string
    const note = ((await own.get('/api/notifications')).body.items as { id: string; cardId?: string }[])[0]
    // `by`: the own-department caller when the handler's post is not the one the operation needs.
    const records: Record<string, { id: string; body?: unknown; by?: Client; other?: Client }> = {
      'get /api/cases/:id': { id: caseId },
      'get /api/cases/:id/file.pdf': { id: caseId },
      'put /api/cases/:id/watch': { id: caseId },
      'delete /api/cases/:id/watch': { id: caseId },
      'post /api/cases/:id/commands': { id: caseId, body: { expectedVersion: version, command: { type: 'suspend', reason: '等待复函' } } },
      'post /api/cases/:id/documents': { id: caseId, body: { templateId: 'acceptance-notice' }, by: window },
      'get /api/cases/:id/documents': { id: caseId },
      'get /api/documents/:docId': { id: doc.body.id },
      'get /api/consultations/:id': { id: await idOf('consultations', q.body.no) },
      'post /api/consultations/:id/answer': { id: await idOf('consultations', q.body.no), body: { reply: '请按办事指南准备材料。' } },
      'post /api/consultations/:id/extend': { id: await idOf('consultations', q.body.no), body: { days: 3, reason: '需要会商' } },
      'post /api/consultations/:id/close': { id: await idOf('consultations', q.body.no) },
      'get /api/complaints/:id': { id: await idOf('complaints', c.body.no) },
      'post /api/complaints/:id/answer': { id: await idOf('complaints', c.body.no), body: { reply: '经核查，已督促办理。' } },
      'post /api/complaints/:id/extend': { id: await idOf('complaints', c.body.no), body: { days: 3, reason: '需要调查' } },
      'post /api/complaints/:id/close': { id: await idOf('complaints', c.body.no) },
      'post /api/ratings/:id/follow-up': { id: ratingId, body: { revisit: '电话回访', substantiated: false, feedback: '已说明情况' } },
      'get /api/supervision/cards/:id': { id: cardId },
      'post /api/supervision/cards/:id/feedback': { id: cardId, body: { content: '已督促承办人员加快办理。' } },
      'post /api/supervision/cards/:id/appeal': { id: cardId, body: { reason: '该件因申请人补正材料延误，不应计入超期。' } },
      'post /api/notifications/:id/read': { id: note?.id as string },
      'post /api/supervision/cards/:id/close': { id: cardId, body: { note: '已整改到位' }, by: supervisor, other: cdSupervisor },
      'post /api/supervision/cards/:id/order': { id: cardId, body: { content: '请于期限内办结并报告。', dueDay: '2026-03-20' }, by: supervisor, other: cdSupervisor },
      'post /api/supervision/cards/:id/appeal-decision': { id: cardId, body: { accept: false, reason: '理由不成立' }, by: supervisor, other: cdSupervisor },
      'post /api/supervision/cards/:id/dismiss': { id: cardId, body: { reason: '经核实系系统误报' }, by: supervisor, other: cdSupervisor },
      'post /api/supervision/cards/:id/confirm': { id: cardId, body: { note: '确认' }, by: supervisor, other: cdSupervisor },
    }
    const notDepartmental: Record<string, string> = {
      'get /api/catalog/:key': 'public catalog',
      'get /api/hall/my-cases/:caseNo': "the applicant's own cases (hall spec)",
      'get /api/files/:id': 'download token or case department, checked in uploads.spec',
      'post /api/supervision/scores/appeals/:id/decision': 'supervisors only (staff get 403)',
      'get /api/supervision/dashboard/:figure': "a figure's name, not a record; every figure is scoped to the caller's departments (supervision-dashboard.spec)",
    }
    const problems: string[] = []
    for (const r of routes.filter((x) => /:[A-Za-z]+/.test(x.path))) {
      const key = `${r.method} ${r.path}`
      if (key in notDepartmental || r.path.startsWith('/api/items/')) continue // items: governance by role, not department
      const rec = records[key]
      if (!rec?.id) {
        problems.push(`${key}: no record listed for the department check`)
        continue
      }
      const path = r.path.replace(/:[A-Za-z]+/, rec.id)
      const body = r.method === 'get' ? undefined : (rec.body ?? {})
      const theirs = await (rec.other ?? other).request(r.method.toUpperCase(), path, body)
      if (theirs.status !== 404) problems.push(`${key} by another department → ${theirs.status} (expected 404)`)
      const mine = await (rec.by ?? own).request(r.method.toUpperCase(), path, body)
      if (mine.status === 404 || mine.status === 403 || mine.status >= 500) problems.push(`${key} by the own department → ${mine.status} ${JSON.stringify(mine.body).slice(0, 160)}`)
    }
    expect(problems).toEqual([])
  })
})
