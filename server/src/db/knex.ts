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
  close(): Promise<void>
}

interface Job {
  work: (trx: Knex.Transaction) => Promise<unknown>
  resolve: (v: unknown) => void
  reject: (e: unknown) => void
}

/** Group commit for a single-connection database (see Db.write). */
function groupCommit(k: Knex, maxBatch = 256): Db['write'] {
  const queue: Job[] = []
  let draining = false
  async function drain(): Promise<void> {
    draining = true
    while (queue.length) {
      const batch = queue.splice(0, maxBatch)
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
      try {
        await k.transaction(async (trx) => {
          for (const job of batch) {
            try {
              outcomes.push({ ok: true, value: batch.length === 1 ? await job.work(trx) : await trx.transaction((sp) => job.work(sp)) })
            } catch (error) {
              if (batch.length === 1) throw error
              outcomes.push({ ok: false, error })
            }
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
  return <T>(work: (trx: Knex.Transaction) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject })
      if (!draining) void drain()
    })
}

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
    return { knex: k, kind: 'postgres', write: (work) => k.transaction(work), close: () => k.destroy() }
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
  return { knex: k, kind: 'sqlite', write: groupCommit(k), close: () => k.destroy() }
}
