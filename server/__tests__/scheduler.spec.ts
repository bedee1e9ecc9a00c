import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boot } from '../src/bootstrap'
import type { Deps } from '../src/deps'
import { silentLogger } from '../src/logger'
import { acquireLease, runSchedulerOnce } from '../src/services/scheduler'
import { processDueCases } from '../src/services/scheduler-cases'
import { startServer, testPg, type Client, type TestServer } from './harness'
import { materialsExcept, religiousForm } from './fixtures'

let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

const at = (s: string) => Date.parse(s)
const form = religiousForm
const materials = materialsExcept()

/** A fresh sign-in: the test clock jumps by months, so an earlier session has long expired. */
async function as(username: string): Promise<Client> {
  const c = t.anonymous()
  const r = await c.login(username)
  expect(r.status).toBe(200)
  return c
}

async function command(c: Client, caseId: string, cmd: Record<string, unknown>) {
  const detail = await c.get(`/api/cases/${caseId}`)
  const r = await c.post(`/api/cases/${caseId}/commands`, { expectedVersion: detail.body.case.version, command: cmd })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r
}

/** A religious-venue case entered and accepted at the window, at the server's current time. */
async function acceptedCase(): Promise<string> {
  const window = await as('window')
  const r = await window.post('/api/cases', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form, materials })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  await command(window, r.body.caseId, { type: 'accept' })
  return r.body.caseId as string
}

const warningsOf = async (caseId: string) =>
  (await t.deps.db.knex('warnings').where({ case_id: caseId }).orderBy('id')) as { kind: string; node: string; level: string; seq: number; due_at: string | number; raised_at: string | number; point: string }[]
const caseRow = async (caseId: string) => (await t.deps.db.knex('cases').where({ id: caseId }).first()) as { level: string; next_check_at: string | number | null; version: number }
const clock = async (caseId: string, kind: string) => {
  const d = await (await as('supervisor')).get(`/api/cases/${caseId}`)
  return d.body.clocks.find((c: { kind: string }) => c.kind === kind) as { level: string; next?: { level: string; at: number }; deadline: number }
}
const raisedEvents = async (caseId: string) =>
  ((await t.deps.db.knex('case_events').where({ case_id: caseId, type: 'monitor:raised' }).orderBy('seq')) as { event: string }[]).map((r) => JSON.parse(r.event) as { at: number; data: { point: string; level: string; message: string } })

describe('server/scheduler: time warnings at the engine instants, exactly once', () => {
  it('should raise 预警 at the promised clock instant (not a millisecond early), once however often it runs', async () => {
    t.setNow(at('2026-03-02T09:00:00+08:00'))
    const id = await acceptedCase()
    const promised = await clock(id, 'promised')
    expect(promised.next?.level).toBe('warning')
    const instant = promised.next?.at as number
    // Promised limit 20 days from Monday 03-02 ends 24:00 of 03-23 (03-22 is a Sunday); 预警 2 days before.
    expect(new Date(instant).toISOString()).toBe('2026-03-20T16:00:00.001Z')

    t.setNow(instant - 1)
    await runSchedulerOnce(t.deps, 'owner-a')
    expect((await warningsOf(id)).filter((w) => w.kind === 'promised')).toEqual([])
    expect(Number((await caseRow(id)).next_check_at)).toBe(instant)

    t.setNow(instant)
    const first = await runSchedulerOnce(t.deps, 'owner-a')
    expect(first.leader).toBe(true)
    await runSchedulerOnce(t.deps, 'owner-a')
    t.setNow(instant + 60_000)
    await runSchedulerOnce(t.deps, 'owner-a')
    const promisedWarnings = (await warningsOf(id)).filter((w) => w.kind === 'promised')
    expect(promisedWarnings).toHaveLength(1)
    expect(promisedWarnings[0]).toMatchObject({ level: 'warning', point: 'clock:promised:warning@v1' })
    expect(Number(promisedWarnings[0]?.due_at)).toBe(instant)
    expect(Number(promisedWarnings[0]?.raised_at)).toBe(instant)
    const events = (await raisedEvents(id)).filter((e) => e.data.point === 'clock:promised:warning@v1')
    expect(events).toHaveLength(1)
    expect(events[0]?.data.message).toContain('即将超过承诺时限')
    expect((await caseRow(id)).level).toBe('warning')
    // The review step (10 days) was overdue long before: its own levels and the definition's point fired once each.
    const kinds = (await warningsOf(id)).map((w) => `${w.kind}:${w.node}:${w.level}`)
    expect(kinds).toEqual(expect.arrayContaining(['step:review:warning', 'step:review:yellow', 'step:review:red', 'point:mp-review-limit:yellow']))
    expect(new Set(kinds).size).toBe(kinds.length)
    const detail = await (await as('supervisor')).get(`/api/cases/${id}`)
    expect(detail.body.chain.ok).toBe(true)
  })

  it('should card 黄牌 past promised + 1 and 红牌 past statutory + 1, each once', async () => {
    t.setNow(at('2026-03-02T09:00:00+08:00'))
    const id = await acceptedCase()
    for (const [kind, level] of [
      ['promised', 'yellow'],
      ['statutory', 'red'],
    ] as const) {
      // Run at every instant the engine reports until this level is due.
      for (let guard = 0; guard < 10; guard++) {
        const c = await clock(id, kind)
        if (c.level === level) break
        const next = Number((await caseRow(id)).next_check_at)
        t.setNow(next)
        await runSchedulerOnce(t.deps, 'owner-a')
      }
      const ws = (await warningsOf(id)).filter((w) => w.kind === kind && w.level === level)
      expect(ws, `${kind} ${level}`).toHaveLength(1)
      expect((await caseRow(id)).level).toBe(level)
    }
    await runSchedulerOnce(t.deps, 'owner-a')
    expect((await warningsOf(id)).filter((w) => w.kind === 'promised').map((w) => w.level)).toEqual(['warning', 'yellow'])
    // Statutory 30 days: red from the first instant after 24:00 of the 31st day (04-02).
    const red = (await raisedEvents(id)).find((e) => e.data.point === 'clock:statutory:red@v1')
    expect(red?.at).toBe(at('2026-04-03T00:00:00.001+08:00'))
    expect((await caseRow(id)).next_check_at).toBeNull()
  })

  it('should not advance a suspended case, and pick it up again after resumption', async () => {
    t.setNow(at('2026-05-11T09:00:00+08:00'))
    const id = await acceptedCase()
    t.setNow(at('2026-05-11T10:00:00+08:00'))
    await command(await as('handler'), id, { type: 'suspend', reason: '申请人书面申请暂停办理，等待规划部门复函' })
    expect((await caseRow(id)).next_check_at).toBeNull()
    t.setNow(at('2026-07-20T10:00:00+08:00'))
    await runSchedulerOnce(t.deps, 'owner-a')
    expect(await warningsOf(id)).toEqual([])
    expect((await caseRow(id)).level).toBe('normal')
    expect((await clock(id, 'promised')).level).toBe('normal')
    await command(await as('handler'), id, { type: 'resume', reason: '已收到复函' })
    const next = Number((await caseRow(id)).next_check_at)
    expect(next).toBeGreaterThan(at('2026-07-20T10:00:00+08:00'))
    await runSchedulerOnce(t.deps, 'owner-a')
    expect(await warningsOf(id)).toEqual([])
  })

  it('should let exactly one owner take the lease, renew it, and let another take over after expiry', async () => {
    t.setNow(at('2026-08-03T09:00:00+08:00'))
    expect(await acquireLease(t.deps, 'p1', 10_000, 'lease-test')).toBe(true)
    expect(await acquireLease(t.deps, 'p2', 10_000, 'lease-test')).toBe(false)
    t.setNow(at('2026-08-03T09:00:09+08:00'))
    expect(await acquireLease(t.deps, 'p1', 10_000, 'lease-test')).toBe(true) // renewed to 09:00:19
    t.setNow(at('2026-08-03T09:00:15+08:00'))
    expect(await acquireLease(t.deps, 'p2', 10_000, 'lease-test')).toBe(false)
    t.setNow(at('2026-08-03T09:00:19+08:00'))
    expect(await acquireLease(t.deps, 'p2', 10_000, 'lease-test')).toBe(true)
    expect(await acquireLease(t.deps, 'p1', 10_000, 'lease-test')).toBe(false)
  })
})

describe(`server/scheduler: two processes on one database (${testPg ? 'two connection pools on one PostgreSQL schema' : 'SQLite: one process, the two owners share one Deps'})`, () => {
  let other: Deps
  beforeAll(async () => {
    if (testPg) {
      const schema = ((await t.deps.db.knex.raw('select current_schema() as s')) as { rows: { s: string }[] }).rows[0]?.s
      other = await boot({ db: { databaseUrl: testPg, schema }, logger: silentLogger, now: () => t.deps.now() })
    } else other = t.deps
  })
  afterAll(async () => {
    if (other !== t.deps) await other.db.close()
  })

  it('should give a racing lease to exactly one of them', async () => {
    t.setNow(at('2026-08-10T09:00:00+08:00'))
    for (let round = 0; round < 5; round++) {
      const wins = await Promise.all([acquireLease(t.deps, 'proc-1', 30_000, `race-${round}`), acquireLease(other, 'proc-2', 30_000, `race-${round}`), acquireLease(t.deps, 'proc-3', 30_000, `race-${round}`), acquireLease(other, 'proc-4', 30_000, `race-${round}`)])
      expect(wins.filter(Boolean), `round ${round}`).toHaveLength(1)
    }
  })

  it('should issue every warning exactly once even when both visit the same cases at the same time', async () => {
    t.setNow(at('2026-08-10T09:00:00+08:00'))
    const ids: string[] = []
    for (let i = 0; i < 6; i++) ids.push(await acceptedCase())
    // Only one of two ticks leads (nothing is due yet)…
    const ticks = await Promise.all([runSchedulerOnce(t.deps, 'proc-1'), runSchedulerOnce(other, 'proc-2')])
    expect(ticks.filter((r) => r.leader)).toHaveLength(1)
    // …and even a lease holder that stalled past its TTL and overlaps its successor cannot double a
    // warning: four visitors over the same due cases at once, on two connection pools.
    t.setNow(at('2026-09-15T10:00:00+08:00')) // past statutory + 1: every level of every clock is due
    const runs = await Promise.all([processDueCases(t.deps), processDueCases(other), processDueCases(t.deps), processDueCases(other)])
    const total = (await t.deps.db.knex('warnings').where({ raised_at: t.deps.now() }).count({ n: '*' }).first()) as { n: number | string }
    expect(runs.reduce((n, r) => n + r.raised, 0)).toBe(Number(total.n))
    expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0)
    for (const id of ids) {
      const ws = await warningsOf(id)
      const keys = ws.map((w) => `${w.kind}:${w.node}:${w.level}`)
      expect(keys).toEqual(expect.arrayContaining(['promised::warning', 'promised::yellow', 'statutory::red', 'step:review:red']))
      expect(new Set(keys).size, keys.join(',')).toBe(keys.length)
      const points = (await raisedEvents(id)).map((e) => e.data.point)
      expect(new Set(points).size).toBe(points.length)
      expect(points).toHaveLength(keys.length)
      const detail = await (await as('supervisor')).get(`/api/cases/${id}`)
      expect(detail.body.chain.ok).toBe(true)
      expect(detail.body.level).toBe('red')
    }
  })
})

describe('server/scheduler: status for operators', () => {
  it('should show the lease and due cases to admins and supervisors only', async () => {
    const r = await (await as('admin')).get('/api/scheduler/status')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ lease: { name: 'warnings' }, dueCases: expect.any(Number) })
    expect((await (await as('supervisor')).get('/api/scheduler/status')).status).toBe(200)
    expect((await (await as('window')).get('/api/scheduler/status')).status).toBe(403)
    expect((await t.anonymous().get('/api/scheduler/status')).status).toBe(401)
  })
})
