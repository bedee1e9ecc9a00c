import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyChain, type CaseEvent } from '@sunlight/engine'
import knex, { type Knex } from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../src/db/knex'
import { backupPostgres, backupSqlite, tableContent, tablesOf } from '../src/ops/backup'
import { runOps } from '../src/ops/cli'
import { materialsExcept, religiousForm } from './fixtures'
import { startServer, testPg, type TestServer } from './harness'

/**
 * Backup and restore (issue #8 item 8): an online backup taken while clients write, restored with
 * the operator command (`pnpm ops restore`) into a fresh database, compared table by table with the
 * source. SQLite: VACUUM INTO; PostgreSQL: pg_dump / pg_restore.
 */
let t: TestServer
let dir: string
beforeAll(async () => {
  t = await startServer()
  dir = mkdtempSync(join(tmpdir(), 'sunlight-backup-'))
})
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

const db = testPg ? 'PostgreSQL' : 'SQLite'

async function applyAndAccept(): Promise<void> {
  const a = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
  expect(a.status).toBe(201)
  const r = await (await t.as('window')).post(`/api/cases/${a.body.caseId}/commands`, { expectedVersion: a.body.version, command: { type: 'accept', opinion: '材料齐全' } })
  expect(r.status).toBe(200)
}

async function compare(source: Db, restored: Db): Promise<{ tables: number; rows: number }> {
  const tables = await tablesOf(source)
  expect(await tablesOf(restored)).toEqual(tables)
  let rows = 0
  for (const table of tables) {
    const [a, b] = [await tableContent(source.knex, table), await tableContent(restored.knex, table)]
    expect(b, table).toEqual(a)
    rows += a.length
  }
  return { tables: tables.length, rows }
}

/** Every case in a database is whole: version = events, chain verifies. */
async function everyCaseWhole(k: Knex): Promise<number> {
  const cases = (await k('cases').select('id', 'version')) as { id: string; version: number }[]
  for (const c of cases) {
    const events = ((await k('case_events').where({ case_id: c.id }).orderBy('seq')) as { event: string }[]).map((r) => JSON.parse(r.event) as CaseEvent)
    expect(events.length).toBe(c.version)
    expect(verifyChain(events).ok).toBe(true)
  }
  return cases.length
}

describe.skipIf(!!testPg)('server/backup: SQLite online backup (VACUUM INTO) and restore', () => {
  let file: string
  beforeAll(async () => {
    file = ((await t.deps.db.knex.raw('PRAGMA database_list')) as { name: string; file: string }[]).find((d) => d.name === 'main')?.file as string
  })

  it('should take a consistent backup while clients keep writing', async () => {
    for (let i = 0; i < 5; i++) await applyAndAccept()
    let writing = true
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) await applyAndAccept()
    })
    await new Promise((r) => setTimeout(r, 100))
    const dest = join(dir, 'online.sqlite')
    const code = await runOps(['backup', dest], { SUNLIGHT_DB: file }, () => undefined)
    writing = false
    await Promise.all(writers)
    expect(code).toBe(0)
    const copy = createDb({ sqliteFile: dest })
    try {
      expect(await everyCaseWhole(copy.knex)).toBeGreaterThanOrEqual(5)
    } finally {
      await copy.close()
    }
  })

  it('should restore with `pnpm ops restore` into a fresh file equal to the source, table by table', async () => {
    for (let i = 0; i < 3; i++) await applyAndAccept()
    const dest = join(dir, 'quiet.sqlite')
    const lines: string[] = []
    expect(await runOps(['backup', dest], { SUNLIGHT_DB: file }, (l) => lines.push(l))).toBe(0)
    expect(lines.join()).toMatch(/integrity ok/)
    const target = join(dir, 'restored.sqlite')
    expect(await runOps(['restore', dest], { SUNLIGHT_DB: target }, () => undefined)).toBe(0)
    const restored = createDb({ sqliteFile: target })
    try {
      const r = await compare(t.deps.db, restored)
      expect(r.tables).toBeGreaterThan(15)
      expect(r.rows).toBeGreaterThan(100)
    } finally {
      await restored.close()
    }
  })

  it('should refuse to overwrite a backup, and to restore over a database without --force', async () => {
    const dest = join(dir, 'once.sqlite')
    expect(await runOps(['backup', dest], { SUNLIGHT_DB: file }, () => undefined)).toBe(0)
    await expect(backupSqlite(t.deps.db.knex, dest)).rejects.toThrow(/never overwrites/)
    await expect(runOps(['restore', dest], { SUNLIGHT_DB: file }, () => undefined)).rejects.toThrow(/--force/)
    expect(existsSync(dest)).toBe(true)
  })
})

describe.skipIf(!testPg)('server/backup: PostgreSQL pg_dump and pg_restore', () => {
  it('should dump the schema while clients write, restore it into a new database with `pnpm ops restore`, and compare equal', { timeout: 120_000 }, async () => {
    const url = testPg as string
    const schema = ((await t.deps.db.knex.raw('select current_schema() as s')) as { rows: { s: string }[] }).rows[0]?.s as string
    for (let i = 0; i < 5; i++) await applyAndAccept()
    // Online: the dump runs while four clients write; pg_dump reads one snapshot.
    let writing = true
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) await applyAndAccept()
    })
    const online = join(dir, 'online.dump')
    await backupPostgres(url, online, { schema })
    writing = false
    await Promise.all(writers)
    // Quiet: the comparison needs a source that no longer moves.
    const dump = join(dir, 'quiet.dump')
    await backupPostgres(url, dump, { schema })
    const admin = knex({ client: 'pg', connection: url })
    const names = [`sl_restore_${process.pid}_${Date.now()}`, `sl_restore_online_${process.pid}_${Date.now()}`]
    try {
      for (const n of names) await admin.raw(`create database "${n}"`)
      const target = (n: string) => {
        const u = new URL(url)
        u.pathname = `/${n}`
        return u.toString()
      }
      expect(await runOps(['restore', dump], { DATABASE_URL: target(names[0] as string) }, () => undefined)).toBe(0)
      expect(await runOps(['restore', online], { DATABASE_URL: target(names[1] as string) }, () => undefined)).toBe(0)
      const restored = createDb({ databaseUrl: target(names[0] as string), schema })
      const restoredOnline = createDb({ databaseUrl: target(names[1] as string), schema })
      try {
        const r = await compare(t.deps.db, restored)
        expect(r.tables).toBeGreaterThan(15)
        expect(r.rows).toBeGreaterThan(100)
        expect(await everyCaseWhole(restoredOnline.knex)).toBeGreaterThanOrEqual(5)
      } finally {
        await restored.close()
        await restoredOnline.close()
      }
    } finally {
      for (const n of names) await admin.raw(`drop database if exists "${n}"`)
      await admin.destroy()
    }
  })
})

describe(`server/backup: the operator command (${db})`, () => {
  it('should print its usage and exit 2 for an unknown command', async () => {
    const lines: string[] = []
    expect(await runOps(['frobnicate'], {}, (l) => lines.push(l))).toBe(2)
    expect(lines.join('\n')).toMatch(/backup <file>[\s\S]*archive --years N/)
  })
})
