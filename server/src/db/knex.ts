import knex, { type Knex } from 'knex'

export type DbKind = 'sqlite' | 'postgres'

export interface DbConfig {
  /** postgres://… to use PostgreSQL; otherwise the SQLite file. */
  databaseUrl?: string
  sqliteFile?: string
  /** PostgreSQL schema to work in (tests use one per run). */
  schema?: string
  /** SQLite `synchronous` pragma: FULL (default, an acknowledged write survives power loss) or NORMAL. */
  synchronous?: 'FULL' | 'NORMAL'
}

export interface Db {
  knex: Knex
  kind: DbKind
  /**
   * Runs `work` in a write transaction. On SQLite, writes that arrive while one is committing are
   * grouped into the next transaction (group commit: one fsync for many commands), each in its own
   * savepoint so one command's failure undoes only itself; every caller is answered only after the
   * commit, so an acknowledged command is durable. On PostgreSQL each call is its own transaction.
   */
  write<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>
  /**
   * Like `write`, for jobs that a `WriteGroup` can run together: on SQLite, consecutive pending jobs
   * of one group run in ONE call of `group.run` (one savepoint), so N commands cost a few multi-row
   * statements instead of N × several round trips to the database thread. On PostgreSQL each job is
   * its own transaction with a group of one.
   */
  writeIn<J, R>(group: WriteGroup<J, R>, job: J): Promise<R>
  close(): Promise<void>
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown }

/**
 * Jobs that can be written together. `run` gets the jobs in arrival order and returns one outcome
 * per job; a job that fails must have written nothing (decide in memory, then write), because the
 * others' writes in the same call are kept. If `run` throws, every job in the call fails and its
 * writes are rolled back.
 */
export interface WriteGroup<J, R> {
  readonly name: string
  run(trx: Knex.Transaction, jobs: readonly J[]): Promise<Outcome<R>[]>
}

type Job =
  | { work: (trx: Knex.Transaction) => Promise<unknown>; group?: undefined; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  | { work?: undefined; group: WriteGroup<unknown, unknown>; input: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }

/** Runs a stretch of one group's jobs, in a savepoint unless it is the whole transaction. */
async function runGroupJobs(trx: Knex.Transaction, jobs: readonly Job[], alone: boolean): Promise<Outcome<unknown>[]> {
  const group = jobs[0]?.group as WriteGroup<unknown, unknown>
  const inputs = jobs.map((j) => (j.group ? j.input : undefined))
  const check = (outcomes: Outcome<unknown>[]) => {
    if (outcomes.length !== jobs.length) throw new Error(`write group ${group.name} returned ${outcomes.length} outcomes for ${jobs.length} jobs`)
    return outcomes
  }
  if (alone) return check(await group.run(trx, inputs))
  try {
    return check(await trx.transaction((sp) => group.run(sp, inputs)))
  } catch (error) {
    return jobs.map(() => ({ ok: false, error }))
  }
}

/** Group commit for a single-connection database (see Db.write). */
function groupCommit(k: Knex, maxBatch = 256): Pick<Db, 'write' | 'writeIn'> {
  const queue: Job[] = []
  let draining = false
  async function drain(): Promise<void> {
    draining = true
    while (queue.length) {
      const batch = queue.splice(0, maxBatch)
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
      try {
        await k.transaction(async (trx) => {
          for (let i = 0; i < batch.length; ) {
            const job = batch[i] as Job
            if (job.group) {
              // the stretch of consecutive jobs of this group
              let end = i + 1
              while (end < batch.length && batch[end]?.group === job.group) end++
              const run = await runGroupJobs(trx, batch.slice(i, end), batch.length === end - i)
              // A lone group whose run failed: let the transaction roll back what it wrote.
              if (batch.length === end - i && run.length === 1 && run[0] && !run[0].ok) throw run[0].error
              outcomes.push(...run)
              i = end
              continue
            }
            try {
              outcomes.push({ ok: true, value: batch.length === 1 ? await job.work(trx) : await trx.transaction((sp) => job.work(sp)) })
            } catch (error) {
              if (batch.length === 1) throw error
              outcomes.push({ ok: false, error })
            }
            i++
          }
        })
        batch.forEach((job, i) => {
          const o = outcomes[i] as (typeof outcomes)[number]
          if (o.ok) job.resolve(o.value)
          else job.reject(o.error)
        })
      } catch (error) {
        // The commit itself failed (or a lone job threw): nobody in the batch was acknowledged.
        for (const job of batch) job.reject(error)
      }
    }
    draining = false
  }
  const enqueue = (job: Job) => {
    queue.push(job)
    if (!draining) void drain()
  }
  return {
    write: <T>(work: (trx: Knex.Transaction) => Promise<T>) =>
      new Promise<T>((resolve, reject) => enqueue({ work, resolve: resolve as (v: unknown) => void, reject })),
    writeIn: <J, R>(group: WriteGroup<J, R>, input: J) =>
      new Promise<R>((resolve, reject) =>
        enqueue({ group: group as unknown as WriteGroup<unknown, unknown>, input, resolve: resolve as (v: unknown) => void, reject }),
      ),
  }
}

/** One transaction per job, for databases with real concurrent transactions (PostgreSQL). */
const ownTransaction =
  (k: Knex) =>
  <J, R>(group: WriteGroup<J, R>, job: J): Promise<R> =>
    k.transaction(async (trx) => {
      const [o] = await group.run(trx, [job])
      if (!o) throw new Error(`write group ${group.name} returned no outcome`)
      if (!o.ok) throw o.error
      return o.value
    })

/**
 * SQLite (embedded default) or PostgreSQL (scale-out). On SQLite: WAL, a busy timeout, foreign keys,
 * `synchronous=FULL`, and ONE connection, so transactions are serialised inside the process and a
 * read-then-write transaction can never fail on lock upgrade (a second process must use PostgreSQL).
 * A 64 MB page cache (PRAGMA cache_size) keeps big scheduler transactions from spilling.
 */
export function createDb(config: DbConfig): Db {
  if (config.databaseUrl?.startsWith('postgres')) {
    const k = knex({
      client: 'pg',
      connection: config.databaseUrl,
      searchPath: config.schema ? [config.schema] : undefined,
      pool: { min: 0, max: 10 },
    })
    return { knex: k, kind: 'postgres', write: (work) => k.transaction(work), writeIn: ownTransaction(k), close: () => k.destroy() }
  }
  const filename = config.sqliteFile ?? 'data/sunlight.sqlite'
  const sync = config.synchronous ?? 'FULL'
  const k = knex({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
        // cache_size: 64 MB of pages (default 2 MB); a transaction touching 100 k rows of a million-case
        // table otherwise spills dirty pages to the WAL again and again.
        conn.exec(`PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=${sync}; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;`, (err) => done(err, conn))
      },
    },
  })
  return { knex: k, kind: 'sqlite', ...groupCommit(k), close: () => k.destroy() }
}
