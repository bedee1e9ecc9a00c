/**
 * Crash test (issue #8 item 2): the real server process on a SQLite file (WAL, synchronous=FULL)
 * under load from many clients is killed with SIGKILL at random moments, restarted, and checked:
 *  - it answers /api/health within the restart limit (2 s) of being started again;
 *  - `PRAGMA integrity_check` is ok;
 *  - every command acknowledged with 2xx before the kill is present (the case exists, its version is
 *    at least the acknowledged one and holds the acknowledged event);
 *  - no case is half written: projection version = number of events = last seq = state.seq, the
 *    state's last hash is the last event's, one outbox row per event;
 *  - every hash chain verifies.
 *
 * `pnpm test:crash [kills]` runs it from the command line (default 20 kills); the vitest spec
 * crash.spec.ts runs it in CI. The server is started from its bundle (server/dist/main.mjs, built
 * first), as production runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { verifyChain, type CaseEvent, type CaseState } from '@sunlight/engine'
import knex, { type Knex } from 'knex'
import { buildServer } from '../src/tools/build'
import { DEMO_PASSWORD } from '../src/seed'
import { materialsExcept, religiousForm } from './fixtures'

const root = fileURLToPath(new URL('../../', import.meta.url))

export interface CrashOptions {
  kills: number
  /** Concurrent load clients. */
  clients?: number
  /** Load time before each kill is uniform in [minLoadMs, maxLoadMs]. */
  minLoadMs?: number
  maxLoadMs?: number
  /** The restart limit asserted: time from spawning the process to a 200 from /api/health. */
  restartLimitMs?: number
  log?: (line: string) => void
}

export interface CrashReport {
  kills: number
  restartsMs: number[]
  /** CPU time the process used until it answered (Linux /proc; empty elsewhere): start-up cost apart from machine load. */
  restartsCpuMs: number[]
  acknowledged: number
  inFlightAtKill: number
  cases: number
  events: number
  problems: string[]
  totalMs: number
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/** An acknowledged command: the case, the version the server answered and the event it wrote. */
interface Ack {
  caseId: string
  version: number
  type: string
}

export async function runCrashLoop(o: CrashOptions): Promise<CrashReport> {
  const log = o.log ?? (() => undefined)
  const clients = o.clients ?? 8
  const limit = o.restartLimitMs ?? 2000
  const started = performance.now()
  const bundle = await buildServer()
  const dir = mkdtempSync(join(tmpdir(), 'sunlight-crash-'))
  const dbFile = join(dir, 'crash.sqlite')
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SUNLIGHT_DB: dbFile, SUNLIGHT_UPLOADS: join(dir, 'uploads'), SUNLIGHT_TEMPLATES: join(root, 'templates'), LOG_LEVEL: 'error', SUNLIGHT_SCHEDULER_MS: '1000' }
  const report: CrashReport = { kills: 0, restartsMs: [], restartsCpuMs: [], acknowledged: 0, inFlightAtKill: 0, cases: 0, events: 0, problems: [], totalMs: 0 }
  const acks: Ack[] = []
  let child: ChildProcess | undefined

  async function start(): Promise<number> {
    const t0 = performance.now()
    child = spawn(process.execPath, [bundle], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
    for (;;) {
      try {
        const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })
        if (r.ok) {
          const ms = performance.now() - t0
          const stat = `/proc/${child.pid}/stat`
          if (existsSync(stat)) {
            // utime and stime (fields 14, 15) in clock ticks of 10 ms.
            const text = readFileSync(stat, 'utf8')
            const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
            report.restartsCpuMs.push((Number(f[11]) + Number(f[12])) * 10)
          }
          return ms
        }
      } catch {
        /* not up yet */
      }
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting`)
      if (performance.now() - t0 > 30_000) throw new Error('the server did not start within 30 s')
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  async function kill(): Promise<void> {
    const c = child
    if (!c || c.exitCode !== null || c.signalCode !== null) return
    const exited = new Promise<void>((r) => c.once('exit', () => r()))
    c.kill('SIGKILL')
    await exited
  }

  // Sessions live in the database, so one sign-in per post survives every restart.
  async function signIn(username: string): Promise<{ cookie: string; csrf: string }> {
    const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
    if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status}`)
    const cookie = (r.headers.getSetCookie().find((c) => c.startsWith('sl_session=')) ?? '').split(';')[0] ?? ''
    return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken }
  }

  let running = false
  let inFlight = 0
  /** One client: applies online, then accepts at the window and completes the review, recording each 2xx. */
  async function client(window: { cookie: string; csrf: string }, handler: { cookie: string; csrf: string }): Promise<void> {
    const post = async (path: string, body: unknown, s?: { cookie: string; csrf: string }) => {
      inFlight++
      try {
        const r = await fetch(url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        })
        return { status: r.status, body: (await r.json()) as Record<string, unknown> }
      } finally {
        inFlight--
      }
    }
    while (running) {
      try {
        const a = await post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
        if (a.status !== 201) throw new Error(`apply → ${a.status} ${JSON.stringify(a.body)}`)
        const caseId = a.body.caseId as string
        acks.push({ caseId, version: a.body.version as number, type: 'case:submitted' })
        const acc = await post(`/api/cases/${caseId}/commands`, { expectedVersion: a.body.version, command: { type: 'accept', opinion: '材料齐全' } }, window)
        if (acc.status !== 200) throw new Error(`accept → ${acc.status} ${JSON.stringify(acc.body)}`)
        acks.push({ caseId, version: acc.body.version as number, type: 'case:accepted' })
        const rev = await post(`/api/cases/${caseId}/commands`, { expectedVersion: acc.body.version, command: { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } } }, handler)
        if (rev.status !== 200) throw new Error(`review → ${rev.status} ${JSON.stringify(rev.body)}`)
        acks.push({ caseId, version: rev.body.version as number, type: 'step:completed' })
      } catch (e) {
        // A connection cut by the kill is expected; a 4xx/5xx from a live server is a finding.
        const m = (e as Error).message
        if (/→ \d/.test(m) && child?.exitCode === null && child?.signalCode === null) report.problems.push(`live server answered: ${m}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
  }

  /** Reads the SQLite file the server has just recovered and checks every invariant. */
  async function check(k: Knex, round: number): Promise<void> {
    const fail = (m: string) => report.problems.push(`round ${round}: ${m}`)
    const integrity = (await k.raw('PRAGMA integrity_check')) as { integrity_check: string }[]
    if (integrity[0]?.integrity_check !== 'ok') fail(`integrity_check: ${JSON.stringify(integrity)}`)
    const cases = (await k('cases').select('id', 'version', 'state')) as { id: string; version: number; state: string }[]
    const rows = (await k('case_events').select('case_id', 'seq', 'event').orderBy(['case_id', 'seq'])) as { case_id: string; seq: number; event: string }[]
    const outbox = (await k('outbox').select('case_id').count({ n: '*' }).groupBy('case_id')) as { case_id: string; n: number }[]
    const outboxOf = new Map(outbox.map((r) => [r.case_id, Number(r.n)]))
    const byCase = new Map<string, CaseEvent[]>()
    for (const r of rows) {
      const list = byCase.get(r.case_id) ?? []
      list.push(JSON.parse(r.event) as CaseEvent)
      byCase.set(r.case_id, list)
    }
    const byId = new Map(cases.map((c) => [c.id, c]))
    for (const c of cases) {
      const events = byCase.get(c.id) ?? []
      const state = JSON.parse(c.state) as CaseState
      if (events.length !== c.version || state.seq !== c.version) fail(`case ${c.id} half written: version ${c.version}, state.seq ${state.seq}, ${events.length} events`)
      const chain = verifyChain(events)
      if (!chain.ok) fail(`case ${c.id} chain broken at ${chain.seq}: ${chain.reason}`)
      else if (chain.lastHash !== state.lastHash) fail(`case ${c.id}: state's last hash is not the last event's`)
      if ((outboxOf.get(c.id) ?? 0) !== events.length) fail(`case ${c.id}: ${outboxOf.get(c.id) ?? 0} outbox rows for ${events.length} events`)
    }
    for (const id of byCase.keys()) if (!byId.has(id)) fail(`events without a case: ${id}`)
    for (const a of acks) {
      const c = byId.get(a.caseId)
      if (!c) fail(`acknowledged ${a.type} lost: case ${a.caseId} is missing`)
      else if (c.version < a.version || !(byCase.get(a.caseId) ?? []).some((e) => e.type === a.type && e.seq <= a.version)) fail(`acknowledged ${a.type} of ${a.caseId} (version ${a.version}) lost; case at ${c.version}`)
    }
    report.cases = cases.length
    report.events = rows.length
  }

  let reader: Knex | undefined
  try {
    const first = await start()
    report.restartsCpuMs.pop() // the first start migrates and seeds: not a restart
    log(`first start (migrate + seed) ${Math.round(first)} ms`)
    const window = await signIn('window')
    const handler = await signIn('handler')
    reader = knex({ client: 'sqlite3', connection: { filename: dbFile }, useNullAsDefault: true, pool: { min: 1, max: 1 } })
    for (let round = 1; round <= o.kills; round++) {
      running = true
      const load = Array.from({ length: clients }, () => client(window, handler))
      const wait = (o.minLoadMs ?? 300) + Math.random() * ((o.maxLoadMs ?? 1200) - (o.minLoadMs ?? 300))
      await new Promise((r) => setTimeout(r, wait))
      const cut = inFlight
      report.inFlightAtKill += cut
      await kill()
      report.kills++
      running = false
      await Promise.all(load)
      const ms = await start()
      report.restartsMs.push(ms)
      if (ms > limit) report.problems.push(`round ${round}: /api/health answered ${Math.round(ms)} ms after the restart (limit ${limit} ms)`)
      await check(reader, round)
      log(`kill ${round}: after ${Math.round(wait)} ms of load, ${cut} requests cut; restart ${Math.round(ms)} ms (${report.restartsCpuMs.at(-1) ?? '?'} ms CPU); ${report.cases} cases, ${report.events} events, ${acks.length} acknowledged, ${report.problems.length} problems`)
    }
  } finally {
    running = false
    await kill()
    await reader?.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
  report.acknowledged = acks.length
  report.totalMs = performance.now() - started
  return report
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const kills = Number(process.argv[2] ?? 20)
  const r = await runCrashLoop({ kills, restartLimitMs: Number(process.env.SUNLIGHT_CRASH_RESTART_MS ?? 2000), log: (l) => console.log(l) })
  const sorted = [...r.restartsMs].sort((a, b) => a - b)
  const cpu = [...r.restartsCpuMs].sort((a, b) => a - b)
  console.log(
    `${r.kills} kills, ${r.acknowledged} acknowledged commands, ${r.cases} cases, ${r.events} events; restart to health: median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms (CPU median ${cpu[Math.floor(cpu.length / 2)] ?? '?'} ms); ${Math.round(r.totalMs / 1000)} s`,
  )
  for (const p of r.problems) console.log(`PROBLEM ${p}`)
  process.exit(r.problems.length ? 1 : 0)
}
