import { spawn, type ChildProcess } from 'node:child_process'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { verifyChain, type CaseEvent } from '@sunlight/engine'
import knex, { type Knex } from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app'
import { boot } from '../src/bootstrap'
import type { Deps } from '../src/deps'
import { silentLogger } from '../src/logger'
import { buildServer } from '../src/tools/build'
import { materialsExcept, religiousForm } from './fixtures'
import { Client, testPg } from './harness'

/**
 * Scale-out (issue #8 item 9): two real server processes (the production bundle) on one
 * PostgreSQL database, both started at the same moment on an empty database, both running the
 * warning scheduler. Sessions live in the database, so a sign-in on one serves on the other;
 * commands alternate between them and both see the same case; every warning is raised exactly
 * once; when the lease holder dies, the other takes the lease over and goes on.
 */
const root = fileURLToPath(new URL('../../', import.meta.url))
const LEASE_MS = 3000

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

interface Proc {
  url: string
  child: ChildProcess
  stderr: string[]
}

describe.skipIf(!testPg)('server/scale-out: two server processes on one PostgreSQL', () => {
  let dbUrl: string
  let dbName: string
  let admin: Knex
  let k: Knex
  const procs: Proc[] = []

  async function start(bundle: string): Promise<Proc> {
    const port = await freePort()
    const stderr: string[] = []
    const child = spawn(process.execPath, [bundle], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SUNLIGHT_UPLOADS: join(mkdtempSync(join(tmpdir(), 'sunlight-scale-')), 'uploads'), SUNLIGHT_SCHEDULER_MS: '250', SUNLIGHT_SCHEDULER_LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr?.on('data', (c: Buffer) => stderr.push(c.toString()))
    const p = { url: `http://127.0.0.1:${port}`, child, stderr }
    procs.push(p)
    return p
  }
  async function healthy(p: Proc): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${p.url}/api/health`)).ok) return
      } catch {
        /* not up yet */
      }
      if (p.child.exitCode !== null) throw new Error(`a server exited with ${p.child.exitCode}: ${p.stderr.join('')}`)
      if (i > 600) throw new Error('a server did not start within 60 s')
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  let a: Proc
  let b: Proc
  beforeAll(async () => {
    const base = testPg as string
    dbName = `sl_scale_${process.pid}_${Date.now()}`
    admin = knex({ client: 'pg', connection: base })
    await admin.raw(`create database "${dbName}"`)
    const u = new URL(base)
    u.pathname = `/${dbName}`
    dbUrl = u.toString()
    k = knex({ client: 'pg', connection: dbUrl })
    const bundle = await buildServer()
    // Both at once on the empty database: migrations and the first-start seed must not collide.
    ;[a, b] = await Promise.all([start(bundle), start(bundle)])
    await Promise.all([healthy(a), healthy(b)])
  }, 120_000)
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL')
    await k?.destroy()
    await admin?.raw(`drop database if exists "${dbName}" with (force)`)
    await admin?.destroy()
  })

  it('should start both on one empty database at the same moment: migrated once, seeded once', async () => {
    const users = (await k('users').count({ n: '*' }).first()) as { n: string }
    const migrations = (await k('knex_migrations').count({ n: '*' }).first()) as { n: string }
    const names = (await k('knex_migrations').select('name')) as { name: string }[]
    expect(new Set(names.map((m) => m.name)).size).toBe(Number(migrations.n))
    expect(Number(users.n)).toBeGreaterThan(5)
    const usernames = (await k('users').select('username')) as { username: string }[]
    expect(new Set(usernames.map((x) => x.username)).size).toBe(usernames.length)
  })

  it('should serve a session signed in on one process on the other, and reach the same state with commands alternating between them', { timeout: 60_000 }, async () => {
    const sessions: Record<string, { cookie: string; csrf: string }> = {}
    for (const [i, user] of ['window', 'handler', 'checker', 'approver'].entries()) {
      const c = new Client(i % 2 ? b.url : a.url)
      expect((await c.login(user)).status).toBe(200)
      sessions[user] = { cookie: c.cookie, csrf: c.csrf }
    }
    const on = (p: Proc, user: string) => Object.assign(new Client(p.url), sessions[user])
    const steps = [
      ['window', { type: 'accept', opinion: '材料齐全' }],
      ['handler', { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } }],
      ['checker', { type: 'complete', node: 'verify', opinion: '同意' }],
      ['approver', { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } }],
    ] as const
    let n = 0
    const next = () => (n++ % 2 ? b : a)
    for (let i = 0; i < 6; i++) {
      const applied = await new Client(next().url).post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
      expect(applied.status).toBe(201)
      const id = applied.body.caseId as string
      for (const [user, command] of steps) {
        const p = next()
        const other = p === a ? b : a
        // Read on one process, write on the other: the version read is the version written against.
        const detail = await on(other, user).get(`/api/cases/${id}`)
        expect(detail.status).toBe(200)
        const r = await on(p, user).post(`/api/cases/${id}/commands`, { expectedVersion: detail.body.case.version, command })
        expect(r.status, JSON.stringify(r.body)).toBe(200)
      }
      const [da, db] = [await on(a, 'approver').get(`/api/cases/${id}`), await on(b, 'approver').get(`/api/cases/${id}`)]
      expect(da.body.case.status).toBe('concluded')
      expect(db.body.case).toEqual(da.body.case)
      expect(db.body.timeline).toEqual(da.body.timeline)
      expect(da.body.chain.ok).toBe(true)
      // A stale version sent to the other process is refused there too.
      const stale = await on(b, 'approver').post(`/api/cases/${id}/commands`, { expectedVersion: 1, command: { type: 'accept' } })
      expect(stale.status).toBe(409)
    }
  })

  /**
   * Cases entered at the window 80 days ago and never accepted (their acceptance limit passed long
   * ago), written through a third instance with its clock set back. Not accepted: the running
   * schedulers append warnings at the real time at once, after which nothing can be done 80 days back.
   */
  async function backdatedCases(n: number): Promise<string[]> {
    const past = Date.now() - 80 * 86_400_000
    const deps: Deps = await boot({ db: { databaseUrl: dbUrl }, logger: silentLogger, now: () => past })
    const server: Server = createHttpServer(createApp(deps).callback())
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const window = new Client(url)
      expect((await window.login('window')).status).toBe(200)
      const ids: string[] = []
      for (let i = 0; i < n; i++) {
        const r = await window.post('/api/cases', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
        expect(r.status, JSON.stringify(r.body)).toBe(201)
        ids.push(r.body.caseId as string)
      }
      return ids
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
      await deps.db.close()
    }
  }

  async function settled(ids: string[], timeoutMs = 30_000): Promise<void> {
    const t0 = Date.now()
    for (;;) {
      const due = (await k('cases').whereIn('id', ids).andWhere('next_check_at', '<=', Date.now()).count({ n: '*' }).first()) as { n: string }
      const red = (await k('cases').whereIn('id', ids).andWhere({ level: 'red' }).count({ n: '*' }).first()) as { n: string }
      if (Number(due.n) === 0 && Number(red.n) === ids.length) return
      if (Date.now() - t0 > timeoutMs) throw new Error(`schedulers did not settle: ${due.n} due, ${red.n}/${ids.length} at red`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  async function expectEachWarningOnce(ids: string[]): Promise<void> {
    for (const id of ids) {
      const ws = (await k('warnings').where({ case_id: id })) as { kind: string; node: string; level: string; seq: number; point: string }[]
      const keys = ws.map((w) => `${w.kind}:${w.node}:${w.level}`)
      expect(keys).toEqual(expect.arrayContaining(['preAcceptance::warning', 'preAcceptance::yellow', 'preAcceptance::red']))
      expect(new Set(keys).size).toBe(keys.length)
      const events = ((await k('case_events').where({ case_id: id }).orderBy('seq')) as { event: string }[]).map((r) => JSON.parse(r.event) as CaseEvent)
      const points = events.filter((e) => e.type === 'monitor:raised').map((e) => (e.data as { point: string }).point)
      expect(new Set(points).size).toBe(points.length)
      expect(points.length).toBe(ws.length)
      for (const w of ws) expect((events[w.seq - 1]?.data as { point?: string } | undefined)?.point).toBe(w.point)
      expect(verifyChain(events).ok).toBe(true)
    }
  }

  it('should raise every warning exactly once with the scheduler running in both processes', { timeout: 90_000 }, async () => {
    const ids = await backdatedCases(12)
    await settled(ids)
    await expectEachWarningOnce(ids)
    const lease = (await k('scheduler_leases').where({ name: 'warnings' }).first()) as { owner: string; expires_at: string }
    expect(lease.owner).not.toBe('')
    // Both processes report the same single holder.
    const admin1 = new Client(a.url)
    await admin1.login('admin')
    const admin2 = new Client(b.url)
    await admin2.login('admin')
    const [s1, s2] = [await admin1.get('/api/scheduler/status'), await admin2.get('/api/scheduler/status')]
    expect(s1.body.lease.owner).toBe(s2.body.lease.owner)
    expect(s1.body.lease.thisProcess).not.toBe(s2.body.lease.thisProcess)
    expect([s1.body.lease.thisProcess, s2.body.lease.thisProcess]).toContain(s1.body.lease.owner)
  })

  it('should hand the lease to the other process when its holder is killed, and raise the new warnings once', { timeout: 90_000 }, async () => {
    const holder = ((await k('scheduler_leases').where({ name: 'warnings' }).first()) as { owner: string }).owner
    const [leader, follower] = holder.includes(`:${a.child.pid}:`) ? [a, b] : [b, a]
    expect(holder).toContain(`:${leader.child.pid}:`)
    const died = new Promise((r) => leader.child.once('exit', r))
    leader.child.kill('SIGKILL') // no release: the follower must wait for the lease to expire
    await died
    const ids = await backdatedCases(6)
    await settled(ids, 30_000)
    await expectEachWarningOnce(ids)
    const now = ((await k('scheduler_leases').where({ name: 'warnings' }).first()) as { owner: string }).owner
    expect(now).toContain(`:${follower.child.pid}:`)
    expect((await fetch(`${follower.url}/api/health`)).ok).toBe(true)
  })
})
