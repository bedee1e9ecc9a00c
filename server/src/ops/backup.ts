import { spawn } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import knex, { type Knex } from 'knex'
import type { Db } from '../db/knex'

/**
 * Backups for operators (issue #8 item 8; 等保 L3-CES1-29: local backup and restore, with a
 * restore test — backup.spec.ts restores and compares every table).
 *
 * SQLite: `VACUUM INTO` — an online, transactionally consistent copy taken on a read snapshot
 * while the server keeps writing (WAL), then checked with `PRAGMA integrity_check`. Restore: stop
 * the server, `pnpm ops restore <file>` copies the backup into place (SUNLIGHT_DB), start again.
 * PostgreSQL: `pg_dump --format=custom` (consistent snapshot, online); restore with `pg_restore`
 * into an empty database (`pnpm ops restore <file>` with DATABASE_URL pointing at it).
 */

export interface BackupResult {
  file: string
  bytes: number
  ms: number
}

/** Runs a program, rejecting with its stderr when it fails. */
function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    p.stderr.on('data', (c: Buffer) => (err += c.toString()))
    p.on('error', reject)
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.trim()}`))))
  })
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Checks a SQLite file with `PRAGMA integrity_check`; throws if it is not ok. */
export async function checkSqliteFile(file: string): Promise<void> {
  const k = knex({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true, pool: { min: 1, max: 1 } })
  try {
    const r = (await k.raw('PRAGMA integrity_check')) as { integrity_check: string }[]
    if (r[0]?.integrity_check !== 'ok') throw new Error(`${file} failed the integrity check: ${JSON.stringify(r)}`)
  } finally {
    await k.destroy()
  }
}

/** An online copy of a SQLite database (VACUUM INTO), durable on disk and integrity-checked. */
export async function backupSqlite(k: Knex, dest: string): Promise<BackupResult> {
  const t0 = performance.now()
  if (existsSync(dest)) throw new Error(`${dest} exists; a backup never overwrites a file`)
  await k.raw('VACUUM INTO ?', [dest])
  fsyncFile(dest)
  await checkSqliteFile(dest)
  return { file: dest, bytes: statSync(dest).size, ms: performance.now() - t0 }
}

/**
 * Puts a SQLite backup in place of the database file. The server must be stopped. Refuses to
 * replace an existing database unless `force`; the old file's -wal and -shm are removed with it
 * (a stale WAL must never be replayed onto the restored file).
 */
export async function restoreSqlite(backup: string, target: string, opts: { force?: boolean } = {}): Promise<BackupResult> {
  const t0 = performance.now()
  await checkSqliteFile(backup)
  if (existsSync(target) && !opts.force) throw new Error(`${target} exists; stop the server and pass --force to replace it`)
  const tmp = `${target}.restoring`
  copyFileSync(backup, tmp)
  fsyncFile(tmp)
  for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true })
  renameSync(tmp, target)
  fsyncFile(dirname(target))
  return { file: target, bytes: statSync(target).size, ms: performance.now() - t0 }
}

/** `pg_dump --format=custom` of the database (or one schema of it) at `url`. */
export async function backupPostgres(url: string, dest: string, opts: { schema?: string } = {}): Promise<BackupResult> {
  const t0 = performance.now()
  if (existsSync(dest)) throw new Error(`${dest} exists; a backup never overwrites a file`)
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', ...(opts.schema ? ['--schema', opts.schema] : []), '--file', dest, '--dbname', url])
  fsyncFile(dest)
  return { file: dest, bytes: statSync(dest).size, ms: performance.now() - t0 }
}

/** `pg_restore` of a dump into the (empty) database at `url`, in one transaction: all or nothing. */
export async function restorePostgres(url: string, dump: string): Promise<BackupResult> {
  const t0 = performance.now()
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', url, dump])
  return { file: dump, bytes: statSync(dump).size, ms: performance.now() - t0 }
}

/** Every table of the database (or of the PostgreSQL search path's first schema). */
export async function tablesOf(db: Pick<Db, 'knex' | 'kind'>): Promise<string[]> {
  if (db.kind === 'sqlite') {
    const rows = (await db.knex.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")) as { name: string }[]
    return rows.map((r) => r.name)
  }
  const r = (await db.knex.raw("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")) as { rows: { name: string }[] }
  return r.rows.map((x) => x.name)
}

/**
 * A table's content as sorted canonical lines (keys sorted, numbers and bigints as text), so two
 * databases of the same kind can be compared row for row after a restore.
 */
export async function tableContent(k: Knex, table: string): Promise<string[]> {
  const rows = (await k(table).select('*')) as Record<string, unknown>[]
  const norm = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : v instanceof Date ? v.toISOString() : v)
  return rows.map((r) => JSON.stringify(Object.keys(r).sort().map((key) => [key, norm(r[key])]))).sort()
}
