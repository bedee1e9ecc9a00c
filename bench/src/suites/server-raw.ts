import { createRequire } from 'node:module'
import { Latencies } from './server-http'

/**
 * The raw-driver peer of the server suite: the `sqlite3` package alone (resolved from server/,
 * bench adds no dependency) writing the same rows per step as the server — the case row updated
 * with a version check, one event into case_events, the same payload into outbox, an upsert into
 * case_acts — with group commit: the pending steps of all clients go into one BEGIN … COMMIT and
 * every caller is answered only after the COMMIT (so an answered step is durable under
 * synchronous=FULL). Two ways to write a batch:
 * - `batched` (the peer the goal is measured against, shaped like the server's commandGroup and
 *   writeCaseChanges): one read of the batch's case rows, one `UPDATE … FROM (VALUES …)` with
 *   RETURNING, one multi-row INSERT each for events and outbox, one multi-row upsert of case_acts;
 * - `per-step` (the server's write path before the grouped commands, kept as a second reference):
 *   prepared single-row statements, each step in its own SAVEPOINT.
 */
export type RawMode = 'batched' | 'per-step'

/** The part of node-sqlite3's API used here (its own types do not resolve from bench/). */
interface RunResult {
  changes: number
}
interface Statement {
  run(params: unknown[], cb: (this: RunResult, err: Error | null) => void): void
  finalize(cb?: (err: Error | null) => void): void
}
export interface SqliteDb {
  run(sql: string, params: unknown[], cb: (this: RunResult, err: Error | null) => void): void
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: Record<string, unknown>[]) => void): void
  exec(sql: string, cb: (err: Error | null) => void): void
  prepare(sql: string, cb?: (err: Error | null) => void): Statement
  close(cb: (err: Error | null) => void): void
}
interface SqliteModule {
  Database: new (file: string, mode: number, cb: (err: Error | null) => void) => SqliteDb
  OPEN_READONLY: number
  OPEN_READWRITE: number
  OPEN_CREATE: number
  VERSION: string
}

export function loadSqlite(serverPackageJson: string): { sqlite: SqliteModule; version: string } {
  const req = createRequire(serverPackageJson)
  const sqlite = req('sqlite3') as SqliteModule
  const pkg = req('sqlite3/package.json') as { version: string }
  return { sqlite, version: `sqlite3 ${pkg.version} (SQLite ${sqlite.VERSION})` }
}

export function open(sqlite: SqliteModule, file: string, readOnly = false): Promise<SqliteDb> {
  return new Promise((resolve, reject) => {
    const db = new sqlite.Database(file, readOnly ? sqlite.OPEN_READONLY : sqlite.OPEN_READWRITE | sqlite.OPEN_CREATE, (err) => (err ? reject(err) : resolve(db)))
  })
}
export const all = (db: SqliteDb, sql: string, params: unknown[] = []) =>
  new Promise<Record<string, unknown>[]>((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))))
export const exec = (db: SqliteDb, sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())))
export const close = (db: SqliteDb) => new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())))
const runStmt = (s: Statement, params: unknown[]) =>
  new Promise<number>((resolve, reject) =>
    s.run(params, function (err) {
      if (err) reject(err)
      else resolve(this.changes)
    }),
  )
const runSql = (db: SqliteDb, sql: string) =>
  new Promise<void>((resolve, reject) =>
    db.run(sql, [], (err) => {
      if (err) reject(err)
      else resolve()
    }),
  )

/** One step's writes, taken from what the server actually wrote for the same step. */
export interface RawStep {
  caseId: string
  seq: number
  type: string
  at: number
  actorId: string
  event: string
  hash: string
  departmentId: string
  state: string
  status: string
  level: string
  posts: string
  nextCheckAt: number | null
  concludedAt: number | null
}

export interface RawResult {
  steps: number
  ms: number
  batches: number
  maxBatch: number
  synchronous: number
  journalMode: string
}

/**
 * Runs `cases` (each a list of steps, in order) with `clients` concurrent async loops against the
 * database in `db` (already holding the schema and the cases at version = first seq − 1); each
 * step's latency (queued → committed) goes into `latency`.
 */
export async function runRawPeer(
  db: SqliteDb,
  cases: RawStep[][],
  clients: number,
  latency: Latencies,
  onProgress?: (done: number) => void,
  mode: RawMode = 'batched',
): Promise<RawResult> {
  const [sync] = await all(db, 'PRAGMA synchronous')
  const [jm] = await all(db, 'PRAGMA journal_mode')
  const update = db.prepare(
    'update `cases` set `status` = ?, `level` = ?, `posts` = ?, `next_check_at` = ?, `concluded_at` = ?, `state` = ?, `version` = ?, `updated_at` = ? where `id` = ? and `version` = ?',
  )
  const insertEvent = db.prepare('insert into `case_events` (`actor_id`, `at`, `case_id`, `event`, `hash`, `seq`, `type`) values (?, ?, ?, ?, ?, ?, ?)')
  const insertOutbox = db.prepare('insert into `outbox` (`case_id`, `created_at`, `department_id`, `payload`, `seq`, `type`) values (?, ?, ?, ?, ?, ?)')
  const upsertAct = db.prepare('insert into `case_acts` (`at`, `case_id`, `user_id`) values (?, ?, ?) on conflict (`case_id`, `user_id`) do update set `at` = excluded.`at`')

  async function writeStep(s: RawStep, now: number): Promise<void> {
    const changed = await runStmt(update, [s.status, s.level, s.posts, s.nextCheckAt, s.concludedAt, s.state, s.seq, now, s.caseId, s.seq - 1])
    if (changed !== 1) throw new Error(`raw peer: case ${s.caseId} was not at version ${s.seq - 1}`)
    await runStmt(insertEvent, [s.actorId, s.at, s.caseId, s.event, s.hash, s.seq, s.type])
    await runStmt(insertOutbox, [s.caseId, s.at, s.departmentId, s.event, s.seq, s.type])
    await runStmt(upsertAct, [now, s.caseId, s.actorId])
  }

  /** All of a batch's steps with a few multi-row statements (one step per case per batch). */
  async function writeBatch(steps: readonly RawStep[], now: number): Promise<void> {
    const ids = steps.map((s) => s.caseId)
    if (new Set(ids).size !== ids.length) throw new Error('raw peer: two steps of one case in one batch')
    const rows = await all(db, 'SELECT * FROM cases WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])
    if (rows.length !== steps.length) throw new Error(`raw peer: read ${rows.length} of ${steps.length} cases`)
    const cols = ['status', 'level', 'posts', 'next_check_at', 'concluded_at', 'state', 'version', 'updated_at']
    const names = ['id', 'expected', ...cols].map((c, i) => `column${i + 1} AS "${c}"`).join(', ')
    const tuple = `(${new Array(cols.length + 2).fill('?').join(',')})`
    const updated = await all(
      db,
      `UPDATE cases SET ${cols.map((c) => `"${c}" = v."${c}"`).join(', ')} FROM (SELECT ${names} FROM (VALUES ${steps.map(() => tuple).join(',')})) AS v WHERE cases.id = v.id AND cases.version = v.expected RETURNING cases.id`,
      steps.flatMap((s) => [s.caseId, s.seq - 1, s.status, s.level, s.posts, s.nextCheckAt, s.concludedAt, s.state, s.seq, now]),
    )
    if (updated.length !== steps.length) throw new Error(`raw peer: updated ${updated.length} of ${steps.length} cases`)
    const values = (n: number, width: number) => new Array(n).fill(`(${new Array(width).fill('?').join(',')})`).join(',')
    await all(db, `insert into case_events (actor_id, at, case_id, event, hash, seq, type) values ${values(steps.length, 7)}`, steps.flatMap((s) => [s.actorId, s.at, s.caseId, s.event, s.hash, s.seq, s.type]))
    await all(db, `insert into outbox (case_id, created_at, department_id, payload, seq, type) values ${values(steps.length, 6)}`, steps.flatMap((s) => [s.caseId, s.at, s.departmentId, s.event, s.seq, s.type]))
    await all(db, `insert into case_acts (at, case_id, user_id) values ${values(steps.length, 3)} on conflict (case_id, user_id) do update set at = excluded.at`, steps.flatMap((s) => [now, s.caseId, s.actorId]))
  }

  // Group commit, shaped like server/src/db/knex.ts: a queue drained one transaction at a time.
  interface Job {
    step: RawStep
    resolve: () => void
    reject: (e: unknown) => void
  }
  const queue: Job[] = []
  let draining = false
  let batches = 0
  let maxBatch = 0
  async function drain(): Promise<void> {
    draining = true
    while (queue.length) {
      const batch = queue.splice(0, 256)
      batches++
      maxBatch = Math.max(maxBatch, batch.length)
      const outcomes: (unknown | null)[] = []
      try {
        await runSql(db, 'BEGIN')
        try {
          const now = Date.now()
          if (mode === 'batched') {
            await writeBatch(
              batch.map((j) => j.step),
              now,
            )
            for (let i = 0; i < batch.length; i++) outcomes.push(null)
          } else {
            for (const job of batch) {
              if (batch.length === 1) {
                await writeStep(job.step, now)
                outcomes.push(null)
                continue
              }
              await runSql(db, 'SAVEPOINT s')
              try {
                await writeStep(job.step, now)
                await runSql(db, 'RELEASE s')
                outcomes.push(null)
              } catch (error) {
                await runSql(db, 'ROLLBACK TO s')
                await runSql(db, 'RELEASE s')
                outcomes.push(error)
              }
            }
          }
          await runSql(db, 'COMMIT')
        } catch (error) {
          await runSql(db, 'ROLLBACK').catch(() => undefined)
          throw error
        }
        batch.forEach((job, i) => (outcomes[i] === null ? job.resolve() : job.reject(outcomes[i])))
      } catch (error) {
        for (const job of batch) job.reject(error)
      }
    }
    draining = false
  }
  const write = (step: RawStep) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ step, resolve, reject })
      if (!draining) void drain()
    })

  let next = 0
  let steps = 0
  const progressTimer = onProgress ? setInterval(() => onProgress(steps), 2000) : undefined
  const t0 = performance.now()
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = next++; i < cases.length; i = next++)
          for (const step of cases[i] as RawStep[]) {
            const s0 = performance.now()
            await write(step)
            latency.add(performance.now() - s0)
            steps++
          }
      }),
    )
  } finally {
    if (progressTimer) clearInterval(progressTimer)
  }
  const ms = performance.now() - t0
  for (const s of [update, insertEvent, insertOutbox, upsertAct]) await new Promise<void>((r) => s.finalize(() => r()))
  return { steps, ms, batches, maxBatch, synchronous: Number(sync?.synchronous), journalMode: String(jm?.journal_mode) }
}
