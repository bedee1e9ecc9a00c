import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { progress, ratioOf, type Metric, type SuiteResult } from '../report'
import { freePort, HttpClient, Latencies, machineBusyMs, processCpuMs, startChild, threadCpuMs, waitReady, type Child, type Reply } from './server-http'
import { profileBreakdown } from './server-profile'
import { all, close, exec, loadSqlite, open, runRawPeer, type RawStep, type SqliteDb } from './server-raw'

const NAME = 'server'
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const serverDir = join(root, 'server')
const serverPkg = join(serverDir, 'package.json')

const scale = Number(process.env.BENCH_SCALE ?? '1')
const scaled = (n: number, min: number) => Math.max(min, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)))
const PROFILE = process.env.BENCH_PROFILE === '1'

const CLIENTS = 50
const STEPS_PER_CASE = 4
const ROUNDS = 3
const GOAL_SPS = 2000
const GOAL_RATIO = 0.5
const GOAL_P99 = 50
const PASSWORD = 'Sunlight2026'

/** The application of cases.spec.ts, with every material provided so that `accept` succeeds. */
const application = {
  itemKey: 'religious-venue-preparation',
  applicant: { name: '成都市佛教协会' },
  form: {
    orgName: '成都市佛教协会',
    orgCreditCode: '11510000008231760L',
    legalRep: '释某某',
    contactPhone: '028-86001234',
    venueName: '龙泉驿区某某寺',
    venueType: 'temple',
    religion: '佛教',
    address: '成都市龙泉驿区某某镇某某村',
    area: 1200,
  },
  materials: Object.fromEntries(['application', 'need-statement', 'clergy', 'funding', 'planning', 'lower-opinions'].map((m) => [m, { provided: true }])),
}

/** The four steps of the procedure, each by the staff member holding the step's post. */
const plan = [
  { user: 'window', command: { type: 'accept', opinion: '材料齐全，予以受理' } },
  { user: 'handler', command: { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } } },
  { user: 'checker', command: { type: 'complete', node: 'verify', opinion: '同意' } },
  { user: 'approver', command: { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } } },
] as const

interface Session {
  cookie: string
  csrf: string
}
interface BenchCase {
  caseId: string
  version: number
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`
const ms1 = (x: number) => x.toFixed(1)

/** Runs `work(client, i)` for i in 0…n-1 on `clients` concurrent loops pulling from one queue. */
async function pool<C>(clients: readonly C[], n: number, work: (client: C, i: number) => Promise<void>, onIdle?: () => void): Promise<void> {
  let next = 0
  let idle = false
  await Promise.all(
    clients.map(async (c) => {
      for (let i = next++; i < n; i = next++) await work(c, i)
      if (!idle) {
        idle = true
        onIdle?.()
      }
    }),
  )
}

async function login(port: number, username: string): Promise<Session> {
  const c = new HttpClient(port)
  try {
    const r = await c.request('POST', '/api/auth/login', { username, password: PASSWORD })
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`)
    const cookie = r.setCookie.map((s) => s.split(';')[0] ?? '').find((p) => p.startsWith('sl_session='))
    if (!cookie) throw new Error(`login ${username}: no sl_session cookie`)
    return { cookie, csrf: (r.body as { csrfToken: string }).csrfToken }
  } finally {
    c.close()
  }
}

interface DriveStats {
  steps: number
  concluded: number
  errors: Map<number, number>
  samples: string[]
  ms: number
  /** Steps done and time when the first client found the queue empty (the end of full concurrency). */
  fullConcurrency: { steps: number; ms: number }
}

/** Drives every case through the four steps, `CLIENTS` at a time, tracking each case's version. */
async function drive(
  clients: HttpClient[],
  sessions: Map<string, Session>,
  cases: readonly BenchCase[],
  latency: Latencies,
  onProgress?: (steps: number) => void,
): Promise<DriveStats> {
  const errors = new Map<number, number>()
  const samples: string[] = []
  let steps = 0
  let concluded = 0
  const timer = onProgress ? setInterval(() => onProgress(steps), 2000) : undefined
  const fullConcurrency = { steps: 0, ms: 0 }
  const t0 = performance.now()
  try {
    await pool(
      clients,
      cases.length,
      async (client, i) => {
        const c = cases[i] as BenchCase
        let version = c.version
        for (const step of plan) {
          const s = sessions.get(step.user) as Session
          const s0 = performance.now()
          let r: Reply
          try {
            r = await client.request('POST', `/api/cases/${c.caseId}/commands`, { expectedVersion: version, command: step.command }, { cookie: s.cookie, 'x-csrf-token': s.csrf })
          } catch (e) {
            errors.set(0, (errors.get(0) ?? 0) + 1)
            if (samples.length < 5) samples.push(`${step.command.type}: ${e instanceof Error ? e.message : String(e)}`)
            return
          }
          latency.add(performance.now() - s0)
          if (r.status !== 200) {
            errors.set(r.status, (errors.get(r.status) ?? 0) + 1)
            if (samples.length < 5) samples.push(`${r.status} on ${step.command.type} ${'node' in step.command ? step.command.node : ''}: ${JSON.stringify(r.body).slice(0, 300)}`)
            return // the case is left where it is
          }
          steps++
          version = (r.body as { version: number }).version
          if (step === plan[plan.length - 1] && (r.body as { status: string }).status === 'concluded') concluded++
        }
      },
      () => {
        fullConcurrency.steps = steps
        fullConcurrency.ms = performance.now() - t0
      },
    )
  } finally {
    if (timer) clearInterval(timer)
  }
  return { steps, concluded, errors, samples, ms: performance.now() - t0, fullConcurrency }
}

const errorText = (errors: Map<number, number>) =>
  [...errors.entries()].map(([status, n]) => `${n}× ${status === 0 ? 'network error' : `HTTP ${status}`}`).join(', ') || 'none'

/** The schema slice the raw peer copies, from the server's own file. */
async function serverSchema(db: SqliteDb): Promise<{ journalMode: string; ddl: string[] }> {
  const [jm] = await all(db, 'PRAGMA journal_mode')
  const ddl = await all(
    db,
    // the four tables a step writes, their indexes and triggers, and the supervision summary tables
    // those triggers keep (migration 007): the raw peer pays for the same trigger work
    "select sql from sqlite_master where tbl_name in ('cases', 'case_events', 'outbox', 'case_acts', 'case_level_counts', 'dept_day_stats') and sql is not null order by type = 'trigger', type = 'index', name",
  )
  return { journalMode: String(jm?.journal_mode), ddl: ddl.map((d) => String(d.sql)) }
}

/** What the server wrote for each step of these cases (events after the submission), in case order. */
async function stepsWritten(db: SqliteDb, ids: readonly string[]): Promise<RawStep[][]> {
  const rows = await all(
    db,
    `select e.case_id, e.seq, e.type, e.at, e.actor_id, e.event, e.hash, c.department_id, c.state, c.status, c.level, c.posts, c.next_check_at, c.concluded_at
     from case_events e join cases c on c.id = e.case_id
     where e.seq >= 2 and e.case_id in (select value from json_each(?)) order by e.case_id, e.seq`,
    [JSON.stringify(ids)],
  )
  const byCase = new Map<string, RawStep[]>()
  for (const r of rows) {
    const id = String(r.case_id)
    const list = byCase.get(id) ?? []
    list.push({
      caseId: id,
      seq: Number(r.seq),
      type: String(r.type),
      at: Number(r.at),
      actorId: String(r.actor_id),
      event: String(r.event),
      hash: String(r.hash),
      departmentId: String(r.department_id),
      state: String(r.state),
      status: String(r.status),
      level: String(r.level),
      posts: String(r.posts),
      nextCheckAt: r.next_check_at === null ? null : Number(r.next_check_at),
      concludedAt: r.concluded_at === null ? null : Number(r.concluded_at),
    })
    byCase.set(id, list)
  }
  return ids.map((id) => byCase.get(id) ?? [])
}

/** The server must open SQLite with synchronous=FULL; the pragma is per connection (not kept in the file), so check the source. */
function synchronousFromSource(): { full: boolean; how: string } {
  const knexSrc = readFileSync(join(serverDir, 'src', 'db', 'knex.ts'), 'utf8')
  const mainSrc = readFileSync(join(serverDir, 'src', 'main.ts'), 'utf8')
  const full = knexSrc.includes("config.synchronous ?? 'FULL'") && knexSrc.includes('PRAGMA synchronous=${sync}') && !mainSrc.includes('synchronous')
  return {
    full,
    how: full
      ? "server/src/db/knex.ts runs `PRAGMA synchronous=${sync}` on its one connection with sync = config.synchronous ?? 'FULL', and server/src/main.ts passes no synchronous option"
      : 'could NOT confirm synchronous=FULL from server/src/db/knex.ts + main.ts (the source changed; check by hand)',
  }
}

/** CPU used while a phase ran: the server process, this process (clients, or the raw peer with its sqlite threads), the whole machine. */
class Meter {
  ms = 0
  server = 0
  bench = 0
  box = 0
  /** The server's CPU by thread name. */
  threads = new Map<string, number>()
  private known = true
  constructor(private readonly serverPid: number) {}
  async measure<T>(f: () => Promise<T>): Promise<T> {
    const s0 = processCpuMs(this.serverPid)
    const t0s = threadCpuMs(this.serverPid)
    const b0 = machineBusyMs()
    const o0 = process.cpuUsage()
    const t0 = performance.now()
    try {
      return await f()
    } finally {
      const o = process.cpuUsage(o0)
      const s1 = processCpuMs(this.serverPid)
      const t1s = threadCpuMs(this.serverPid)
      const b1 = machineBusyMs()
      if (t0s && t1s) for (const [name, v] of t1s) this.threads.set(name, (this.threads.get(name) ?? 0) + v - (t0s.get(name) ?? 0))
      this.ms += performance.now() - t0
      this.bench += (o.user + o.system) / 1000
      if (s0 === null || s1 === null || !b0 || !b1) this.known = false
      else {
        this.server += s1 - s0
        this.box += b1.busy - b0.busy
      }
    }
  }
  /** The server's threads, as shares of one core, busiest first. */
  get threadShares(): string {
    return [...this.threads.entries()]
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name, v]) => `${name} ${pct(v / this.ms)}`)
      .join(', ')
  }
  /** Shares of one core. */
  get shares(): { server: number; bench: number; box: number; others: number } | null {
    if (!this.known || this.ms === 0) return null
    const server = this.server / this.ms
    const bench = this.bench / this.ms
    const box = this.box / this.ms
    return { server, bench, box, others: Math.max(0, box - server - bench) }
  }
}

export async function serverSuite(): Promise<SuiteResult> {
  const cases = scaled(3000 / ROUNDS, 50) * ROUNDS
  const warm = scaled(300, 50)
  const helloMs = scaled(5000, 1000)
  const tmp = mkdtempSync(join(tmpdir(), 'sunlight-bench-server-'))
  const dbFile = join(tmp, 'server.sqlite')
  const rawFile = join(tmp, 'raw.sqlite')
  const profDir = join(tmp, 'cpuprof')
  const children: Child[] = []
  const notes: string[] = []
  const { sqlite, version: sqliteVersion } = loadSqlite(serverPkg)
  const loadAtStart = loadavg().map((x) => x.toFixed(1)).join(' / ')
  progress(NAME, `load average before the run (1/5/15 min): ${loadAtStart} on ${cpus().length} cores`)
  try {
    // ---- ours: the real server as a child process -------------------------------------------
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SUNLIGHT_DB: dbFile,
      SUNLIGHT_UPLOADS: join(tmp, 'uploads'),
      LOG_LEVEL: 'warn',
      SUNLIGHT_DEMO: '1',
      NODE_ENV: 'production',
    }
    delete env.DATABASE_URL
    delete env.NODE_OPTIONS
    if (PROFILE) mkdirSync(profDir)
    const args = [...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), '--import', 'tsx', join(serverDir, 'src', 'main.ts')]
    const server = startChild(process.execPath, args, { cwd: serverDir, env })
    children.push(server)
    await waitReady(server, port, '/api/health', 90_000)
    const serverPid = server.proc.pid as number
    progress(NAME, `server up on :${port} (pid ${serverPid}, ${dbFile}, demo data seeded)${PROFILE ? ', with --cpu-prof' : ''}`)

    const clients = Array.from({ length: CLIENTS }, () => new HttpClient(port))
    const t0 = performance.now()
    const made: BenchCase[] = []
    let applyErrors = 0
    let sample = ''
    await pool(clients, warm + cases, async (c) => {
      const r = await c.request('POST', '/api/hall/applications', application)
      if (r.status !== 201) {
        applyErrors++
        sample ||= `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`
        return
      }
      made.push({ caseId: (r.body as { caseId: string }).caseId, version: (r.body as { version: number }).version })
      if (made.length % 1000 === 0) progress(NAME, `applied ${made.length}/${warm + cases} cases through /api/hall/applications`)
    })
    if (applyErrors) throw new Error(`${applyErrors} applications failed, e.g. ${sample}`)
    progress(NAME, `prepared ${made.length} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed)`)

    const sessions = new Map<string, Session>()
    for (const step of plan) sessions.set(step.user, await login(port, step.user))
    progress(NAME, `signed in as ${[...sessions.keys()].join(', ')}`)

    const warmStats = await drive(clients, sessions, made.slice(0, warm), new Latencies())
    if (warmStats.errors.size) throw new Error(`warm-up: ${errorText(warmStats.errors)}; e.g. ${warmStats.samples.join(' | ')}`)
    progress(NAME, `warm-up: ${warm} cases, ${warmStats.steps} steps in ${(warmStats.ms / 1000).toFixed(1)} s (${(warmStats.steps / (warmStats.ms / 1000)).toFixed(0)} steps/s)`)

    // The raw peer's file: the server's own DDL for the four tables, and the cases as submitted.
    const srvRead = await open(sqlite, dbFile, true) // a reader beside the running server (WAL)
    const schema = await serverSchema(srvRead)
    if (schema.journalMode !== 'wal') throw new Error(`server database is in journal_mode=${schema.journalMode}, not WAL`)
    const timedCases = made.slice(warm)
    /** A raw peer's own file: the server's DDL for the four tables, and the cases as submitted. */
    async function rawDb(file: string): Promise<SqliteDb> {
      const db: SqliteDb = await open(sqlite, file)
      await exec(db, 'PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;')
      await exec(db, schema.ddl.map((x) => `${x};`).join('\n'))
      await exec(db, `ATTACH DATABASE '${dbFile.replace(/'/g, "''")}' AS src`)
      await all(db, 'INSERT INTO main.cases SELECT * FROM src.cases WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(timedCases.map((c) => c.caseId))])
      await exec(db, 'DETACH DATABASE src')
      const [copied] = await all(db, 'SELECT count(*) AS n, sum(version = 1) AS v1 FROM cases')
      if (Number(copied?.n) !== timedCases.length || Number(copied?.v1) !== timedCases.length) throw new Error(`raw peer: copied ${JSON.stringify(copied)} cases, expected ${timedCases.length} at version 1`)
      return db
    }
    const raw = await rawDb(rawFile)
    const rawStep = await rawDb(join(tmp, 'raw-per-step.sqlite'))

    // Interleaved rounds, ours then the raw driver on the same cases, so drift in the machine's
    // load (other processes) hits both alike.
    const latOurs = new Latencies()
    const latRaw = new Latencies()
    const meterOurs = new Meter(serverPid)
    const meterRaw = new Meter(serverPid)
    const windows: [number, number][] = []
    const perRound = timedCases.length / ROUNDS
    const ours = { steps: 0, concluded: 0, ms: 0, fullSteps: 0, fullMs: 0, errors: new Map<number, number>(), samples: [] as string[] }
    const rawAgg = { steps: 0, ms: 0, batches: 0, maxBatch: 0, synchronous: 0, journalMode: '' }
    const stepAgg = { steps: 0, ms: 0 }
    const latStep = new Latencies()
    let rawCaseCount = 0
    let eventBytes = 0
    let stateBytes = 0
    for (let r = 0; r < ROUNDS; r++) {
      const slice = timedCases.slice(r * perRound, (r + 1) * perRound)
      const h0 = Number(process.hrtime.bigint() / 1_000_000n)
      const o = await meterOurs.measure(() => drive(clients, sessions, slice, latOurs, (n) => progress(NAME, `round ${r + 1}/${ROUNDS} ours: ${n}/${slice.length * STEPS_PER_CASE} steps`)))
      windows.push([h0, Number(process.hrtime.bigint() / 1_000_000n)])
      ours.steps += o.steps
      ours.concluded += o.concluded
      ours.ms += o.ms
      ours.fullSteps += o.fullConcurrency.steps
      ours.fullMs += o.fullConcurrency.ms
      for (const [k, v] of o.errors) ours.errors.set(k, (ours.errors.get(k) ?? 0) + v)
      ours.samples.push(...o.samples.slice(0, 5 - ours.samples.length))

      const written = (await stepsWritten(srvRead, slice.map((c) => c.caseId))).filter((l) => l.length === STEPS_PER_CASE)
      if (written.length !== o.concluded) throw new Error(`round ${r + 1}: found ${written.length} complete step sets in the server's file for ${o.concluded} concluded cases`)
      rawCaseCount += written.length
      for (const l of written) {
        stateBytes += Buffer.byteLength((l[0] as RawStep).state)
        for (const st of l) eventBytes += Buffer.byteLength(st.event)
      }
      const w = await meterRaw.measure(() => runRawPeer(raw, written, CLIENTS, latRaw, (n) => progress(NAME, `round ${r + 1}/${ROUNDS} raw: ${n}/${written.length * STEPS_PER_CASE} steps`), 'batched'))
      const ps = await runRawPeer(rawStep, written, CLIENTS, latStep, undefined, 'per-step')
      if (ps.synchronous !== 2 || ps.journalMode !== 'wal') throw new Error(`raw per-step peer ran with synchronous=${ps.synchronous}, journal_mode=${ps.journalMode}`)
      stepAgg.steps += ps.steps
      stepAgg.ms += ps.ms
      rawAgg.steps += w.steps
      rawAgg.ms += w.ms
      rawAgg.batches += w.batches
      rawAgg.maxBatch = Math.max(rawAgg.maxBatch, w.maxBatch)
      rawAgg.synchronous = w.synchronous
      rawAgg.journalMode = w.journalMode
      progress(
        NAME,
        `round ${r + 1}/${ROUNDS}: ours ${o.steps} steps in ${(o.ms / 1000).toFixed(2)} s (${(o.steps / (o.ms / 1000)).toFixed(0)} steps/s, errors: ${errorText(o.errors)}); ` +
          `raw ${w.steps} steps in ${(w.ms / 1000).toFixed(2)} s (${(w.steps / (w.ms / 1000)).toFixed(0)} steps/s, ${(w.steps / w.batches).toFixed(1)} steps/commit); ` +
          `raw per-step ${(ps.steps / (ps.ms / 1000)).toFixed(0)} steps/s`,
      )
    }
    await close(raw)
    await close(rawStep)
    const spsStep = stepAgg.steps / (stepAgg.ms / 1000)
    if (rawAgg.synchronous !== 2 || rawAgg.journalMode !== 'wal') throw new Error(`raw peer ran with synchronous=${rawAgg.synchronous}, journal_mode=${rawAgg.journalMode}`)
    eventBytes /= rawCaseCount * STEPS_PER_CASE
    stateBytes /= rawCaseCount

    const spsOurs = ours.steps / (ours.ms / 1000)
    const [p50, p95, p99] = latOurs.percentiles(50, 95, 99) as [number, number, number]
    const spsRaw = rawAgg.steps / (rawAgg.ms / 1000)
    const [r50, r95, r99] = latRaw.percentiles(50, 95, 99) as [number, number, number]
    const rawBatch = rawAgg.steps / rawAgg.batches
    const cpuOurs = meterOurs.shares
    const cpuRaw = meterRaw.shares
    progress(
      NAME,
      `ours: ${ours.steps} steps in ${(ours.ms / 1000).toFixed(2)} s = ${spsOurs.toFixed(0)} steps/s; p50 ${ms1(p50)} ms, p95 ${ms1(p95)} ms, p99 ${ms1(p99)} ms, max ${ms1(latOurs.max())} ms; errors: ${errorText(ours.errors)}`,
    )
    progress(
      NAME,
      `raw: ${rawAgg.steps} steps in ${(rawAgg.ms / 1000).toFixed(2)} s = ${spsRaw.toFixed(0)} steps/s; p50 ${ms1(r50)} ms, p99 ${ms1(r99)} ms; ${rawAgg.batches} commits, ${rawBatch.toFixed(1)} steps/commit on average (max ${rawAgg.maxBatch})`,
    )
    const cpuText = (c: typeof cpuOurs) =>
      c === null ? 'unknown (no /proc)' : `server ${pct(c.server)} of a core, bench process ${pct(c.bench)}, other processes ${pct(c.others)} (machine ${pct(c.box)} of ${cpus().length * 100} %)`
    progress(NAME, `cpu while ours ran: ${cpuText(cpuOurs)}`)
    progress(NAME, `cpu while raw ran:  ${cpuText(cpuRaw)}`)
    progress(NAME, `server threads while ours ran: ${meterOurs.threadShares || 'unknown'}`)
    if (ours.samples.length) progress(NAME, `first errors: ${ours.samples.join(' | ')}`)

    // A few cases checked end to end through the API: concluded, approved, hash chain intact.
    const handler = sessions.get('handler') as Session
    const checkIdx = [0, timedCases.length - 1, Math.floor(timedCases.length / 2), Math.floor(timedCases.length / 3)]
    for (const i of checkIdx) {
      const c = timedCases[i] as BenchCase
      const d = await (clients[0] as HttpClient).request('GET', `/api/cases/${c.caseId}`, undefined, { cookie: handler.cookie })
      const body = d.body as { state?: { result?: string }; chain?: { ok: boolean } }
      if (d.status !== 200 || body.state?.result !== 'approved' || body.chain?.ok !== true)
        throw new Error(`case ${c.caseId}: expected concluded+approved with an intact chain, got ${d.status} ${JSON.stringify(body).slice(0, 300)}`)
    }
    const [counts] = await all(srvRead, "select count(*) as n, sum(status = 'concluded') as concluded from cases")
    await close(srvRead)
    const expectConcluded = warmStats.concluded + ours.concluded
    if (Number(counts?.concluded) !== expectConcluded) throw new Error(`server database has ${String(counts?.concluded)} concluded cases; the clients saw ${expectConcluded}`)
    for (const c of clients) c.close()
    await server.stop()
    children.splice(children.indexOf(server), 1)
    const sync = synchronousFromSource()
    progress(
      NAME,
      `server stopped; ${checkIdx.length} sample cases approved with intact chains; file: journal_mode=${schema.journalMode}, ${String(counts?.n)} cases (${String(counts?.concluded)} concluded); event JSON ≈ ${eventBytes.toFixed(0)} B, state JSON ≈ ${stateBytes.toFixed(0)} B`,
    )

    let breakdown: ReturnType<typeof profileBreakdown> = null
    if (PROFILE) {
      breakdown = profileBreakdown(profDir, windows)
      // BENCH_KEEP_PROFILE=<dir>: keep the raw .cpuprofile (open it in Chrome DevTools) besides the summary.
      if (process.env.BENCH_KEEP_PROFILE) {
        mkdirSync(process.env.BENCH_KEEP_PROFILE, { recursive: true })
        for (const f of readdirSync(profDir)) copyFileSync(join(profDir, f), join(process.env.BENCH_KEEP_PROFILE, f))
        writeFileSync(join(process.env.BENCH_KEEP_PROFILE, 'windows.json'), JSON.stringify(windows))
      }
      if (breakdown) {
        progress(NAME, `server main-thread CPU profile over our timed rounds (${(breakdown.totalMs / 1000).toFixed(1)} s sampled):`)
        for (const row of breakdown.rows) progress(NAME, `  ${row.category.padEnd(48)} ${(row.ms / 1000).toFixed(2).padStart(6)} s  ${pct(row.share).padStart(5)}`)
        progress(NAME, 'hottest frames (self time):')
        for (const f of breakdown.top) progress(NAME, `  ${(f.ms / 1000).toFixed(3).padStart(6)} s  ${pct(f.share).padStart(4)}  ${f.frame}`)
      } else progress(NAME, 'no CPU profile was written (the server did not exit cleanly?)')
    }

    // ---- peer 2: Koa hello-world, the HTTP ceiling -------------------------------------------
    const helloPort = await freePort()
    const helloScript = join(tmp, 'hello.mjs')
    writeFileSync(
      helloScript,
      [
        "import { createRequire } from 'node:module'",
        `const mod = createRequire(${JSON.stringify(serverPkg)})('koa')`,
        'const Koa = mod.default ?? mod',
        'const app = new Koa()',
        "app.use((ctx) => { ctx.body = 'Hello, world' })",
        "app.listen(Number(process.env.PORT), '127.0.0.1')",
        '',
      ].join('\n'),
    )
    const hello = startChild(process.execPath, [helloScript], { cwd: tmp, env: { ...env, PORT: String(helloPort) } })
    children.push(hello)
    await waitReady(hello, helloPort, '/', 30_000)
    const helloClients = Array.from({ length: CLIENTS }, () => new HttpClient(helloPort))
    const helloLatency = new Latencies()
    let helloOk = 0
    let helloBad = 0
    for (let w = performance.now() + Math.min(1000, helloMs / 2); performance.now() < w; ) await (helloClients[0] as HttpClient).request('GET', '/') // warm-up
    const h0 = performance.now()
    const deadline = h0 + helloMs
    await Promise.all(
      helloClients.map(async (c) => {
        while (performance.now() < deadline) {
          const s0 = performance.now()
          const r = await c.request('GET', '/')
          helloLatency.add(performance.now() - s0)
          if (r.status === 200) helloOk++
          else helloBad++
        }
      }),
    )
    const helloRps = helloOk / ((performance.now() - h0) / 1000)
    const [h50, h99] = helloLatency.percentiles(50, 99) as [number, number]
    for (const c of helloClients) c.close()
    await hello.stop()
    children.splice(children.indexOf(hello), 1)
    progress(NAME, `hello: ${helloOk} requests in ${(helloMs / 1000).toFixed(1)} s = ${helloRps.toFixed(0)} req/s; p50 ${ms1(h50)} ms, p99 ${ms1(h99)} ms${helloBad ? `; ${helloBad} non-200` : ''}`)

    // ---- result ------------------------------------------------------------------------------
    const rawName = `raw ${sqliteVersion}, same rows + group commit with multi-row statements, no HTTP/engine/knex`
    const stepName = `raw ${sqliteVersion}, same rows + group commit, one savepoint and single-row statements per step`
    const ratio = ratioOf(spsOurs, spsRaw)
    const metrics: Metric[] = [
      {
        name: 'steps_per_s',
        ours: spsOurs,
        peer: spsRaw,
        peerName: rawName,
        ratio,
        unit: 'steps/s',
        goal: `≥${GOAL_SPS} and ≥${GOAL_RATIO}×`,
        met: spsOurs >= GOAL_SPS && ratio !== null && ratio >= GOAL_RATIO,
      },
      { name: 'p50_ms', ours: p50, peer: r50, peerName: rawName, ratio: ratioOf(p50, r50), unit: 'ms', goal: null, met: null },
      { name: 'p95_ms', ours: p95, peer: r95, peerName: rawName, ratio: ratioOf(p95, r95), unit: 'ms', goal: null, met: null },
      { name: 'p99_ms', ours: p99, peer: r99, peerName: rawName, ratio: ratioOf(p99, r99), unit: 'ms', goal: `<${GOAL_P99} ms`, met: p99 < GOAL_P99 },
      { name: 'steps_per_s_vs_per_step_raw', ours: spsOurs, peer: spsStep, peerName: stepName, ratio: ratioOf(spsOurs, spsStep), unit: 'steps/s', goal: null, met: null },
      { name: 'hello_rps', ours: helloRps, peer: null, peerName: null, ratio: null, unit: 'req/s', goal: null, met: null },
      { name: 'raw_batch_avg', ours: rawBatch, peer: null, peerName: null, ratio: null, unit: 'steps/commit', goal: null, met: null },
      ...(cpuOurs === null ? [] : [{ name: 'server_cpu', ours: cpuOurs.server * 100, peer: null, peerName: null, ratio: null, unit: '% of a core', goal: null, met: null }]),
    ]
    notes.push(
      `ours: ${CLIENTS} concurrent HTTP clients (one keep-alive connection each, node:http) against the real server (node --import tsx server/src/main.ts, a child process) on a fresh SQLite file, WAL (checked in the file) + synchronous=FULL (${sync.how}); each client takes cases from one shared queue and drives each through accept → review → verify → approve with POST /api/cases/:id/commands and the version of each answer; every 200 is a step; ${ours.steps} steps over ${ours.concluded} cases in ${(ours.ms / 1000).toFixed(2)} s; errors: ${errorText(ours.errors)}`,
      `${ROUNDS} interleaved rounds of ${perRound} cases: ours, then the raw peer on the same cases' rows, so drift in the machine's load hits both alike; rates are total steps over total timed time`,
      `latency is per request, measured in the client from send to last byte (${latOurs.count} samples; the raw peer's from queued to committed); with a closed loop of ${CLIENTS} clients, mean latency ≈ ${CLIENTS} / rate`,
      `before timing (not timed): ${made.length} applications through POST /api/hall/applications with every material, the four staff users signed in once each (their sessions shared by all ${CLIENTS} clients: a login costs a bcrypt compare, ≈80 ms here, and the per-request session lookup is the same either way), and ${warm} warm-up cases run through the whole flow`,
      `steps/s is over whole rounds, including each round's tail where fewer than ${CLIENTS} clients still have a case; at full concurrency (until the first client found the queue empty) ours ran ${(ours.fullSteps / (ours.fullMs / 1000)).toFixed(0)} steps/s`,
      `raw peer: node-sqlite3 alone on a fresh file with the server's own DDL for cases, case_events, outbox and case_acts, the triggers on cases and the supervision summary tables they keep (copied from sqlite_master), WAL + synchronous=FULL + foreign_keys (checked on its connection), ${CLIENTS} async clients; per step exactly the rows the server wrote for the same step (read back from its file: event JSON ≈ ${eventBytes.toFixed(0)} B with its 64-char hash, the same payload into outbox, the case row with its final state ≈ ${stateBytes.toFixed(0)} B and a version check, the case_acts upsert), written as the server now writes them: pending steps of all clients in one BEGIN … COMMIT with one read of their case rows, one UPDATE … FROM (VALUES …) RETURNING, and one multi-row INSERT each for events, outbox and case_acts, callers answered after COMMIT; no HTTP, no JSON validation, no engine, no knex, no session or definition lookups; the server additionally upserts step waits (node_wait_stats) and evaluates the supervision rules after each command group`,
      `second raw reference (steps_per_s_vs_per_step_raw): the same rows with the server's former write path — prepared single-row statements, each step in its own SAVEPOINT inside the group commit — on its own file, run after the batched peer in each round: ${spsStep.toFixed(0)} steps/s`,
      `raw batches: ${rawAgg.batches} commits for ${rawAgg.steps} steps (${rawBatch.toFixed(1)} per commit, at most ${rawAgg.maxBatch}), ≈${(rawAgg.batches / (rawAgg.ms / 1000)).toFixed(0)} fsync'd commits/s; with a closed loop the ${CLIENTS} clients settle into two alternating halves (one half's steps commit while the other half's queue up), hence ≈${CLIENTS / 2} per commit`,
      `hello_rps is not Sunlight's figure: a Koa ${CLIENTS}-client hello-world (GET /, koa from server/node_modules, its own child process) for ${(helloMs / 1000).toFixed(1)} s, the HTTP ceiling on this box; our commands ran at ${pct(spsOurs / helloRps)} of it`,
      `CPU while ours ran: ${cpuText(cpuOurs)}; while the raw peer ran: ${cpuText(cpuRaw)} (shares of one core; the server's include its libuv threads, the raw peer's sqlite work is in the bench process); the server by thread while ours ran: ${meterOurs.threadShares || 'unknown'}; load average before the run ${loadAtStart}`,
    )
    if (breakdown)
      notes.push(
        `BENCH_PROFILE=1: the server ran with --cpu-prof (slower than a plain run); its main thread's self time over our timed rounds, built-ins charged to their caller: ${breakdown.rows
          .filter((r) => r.share >= 0.01)
          .map((r) => `${r.category} ${pct(r.share)}`)
          .join(', ')}`,
      )
    if (ours.samples.length) notes.push(`first errors: ${ours.samples.join(' | ')}`)
    for (const m of metrics)
      if (m.met === false)
        notes.push(`GOAL NOT MET: ${m.name} ${m.name === 'steps_per_s' ? `${m.ours.toFixed(0)} steps/s, ratio ${m.ratio?.toFixed(3) ?? '—'}` : `${m.ours.toFixed(1)} ms`} (goal ${m.goal ?? ''})`)
    return {
      name: NAME,
      settings: {
        clients: CLIENTS,
        cases: timedCases.length,
        warmUpCases: warm,
        stepsPerCase: STEPS_PER_CASE,
        itemKey: application.itemKey,
        steps: plan.map((p) => `${p.user}:${p.command.type}${'node' in p.command ? `:${p.command.node}` : ''}`),
        rounds: ROUNDS,
        sqlite: { journalMode: schema.journalMode, synchronous: sync.full ? 'FULL' : 'unconfirmed' },
        rawPeer: rawName,
        rawGroupCommit: 'one BEGIN…COMMIT for all pending steps (≤256) written with multi-row statements, as server/src/db/knex.ts writeIn + services/case-store.ts writeCaseChanges; per-step reference: one SAVEPOINT and single-row statements per step',
        helloSeconds: helloMs / 1000,
        logLevel: 'warn',
        profiled: PROFILE,
        scale,
      },
      metrics,
      notes,
    }
  } finally {
    for (const c of children) await c.stop(2000)
    rmSync(tmp, { recursive: true, force: true })
  }
}
