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
  close(): Promise<void>
}

/**
 * SQLite (embedded default) or PostgreSQL (scale-out). On SQLite: WAL, a busy timeout, foreign keys,
 * `synchronous=FULL`, and ONE connection, so transactions are serialised inside the process and a
 * read-then-write transaction can never fail on lock upgrade (a second process must use PostgreSQL).
 */
export function createDb(config: DbConfig): Db {
  if (config.databaseUrl?.startsWith('postgres')) {
    const k = knex({
      client: 'pg',
      connection: config.databaseUrl,
      searchPath: config.schema ? [config.schema] : undefined,
      pool: { min: 0, max: 10 },
    })
    return { knex: k, kind: 'postgres', close: () => k.destroy() }
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
        conn.exec(`PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=${sync}; PRAGMA foreign_keys=ON;`, (err) => done(err, conn))
      },
    },
  })
  return { knex: k, kind: 'sqlite', close: () => k.destroy() }
}
