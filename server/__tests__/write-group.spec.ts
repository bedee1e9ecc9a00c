import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import knex from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db, type Outcome, type WriteGroup } from '../src/db/knex'
import { testPg } from './harness'

/**
 * The group commit's grouped jobs (db.writeIn): on SQLite, pending jobs of one group are written by
 * one `run` call in one transaction; a job that fails writes nothing and the others are kept; a
 * run that throws loses only its own stretch. On PostgreSQL every job is its own transaction.
 */
let db: Db
let schema: string | undefined
beforeAll(async () => {
  if (testPg) {
    schema = `wg_${process.pid}_${Date.now()}`
    const admin = knex({ client: 'pg', connection: testPg })
    await admin.raw(`create schema "${schema}"`)
    await admin.destroy()
  }
  db = createDb({ databaseUrl: testPg, schema, sqliteFile: join(mkdtempSync(join(tmpdir(), 'sunlight-wg-')), 'wg.sqlite') })
  await db.knex.schema.createTable('notes', (t) => {
    t.string('id', 20).primary()
    t.string('text', 100)
  })
})
afterAll(async () => {
  await db.close()
  if (schema && testPg) {
    const admin = knex({ client: 'pg', connection: testPg })
    await admin.raw(`drop schema "${schema}" cascade`)
    await admin.destroy()
  }
})

interface NoteJob {
  id: string
  fail?: boolean
}

/** Writes every job's note in one multi-row insert; a job marked `fail` is refused and writes nothing. */
function notesGroup(calls: number[], opts: { throwWhen?: (jobs: readonly NoteJob[]) => boolean } = {}): WriteGroup<NoteJob, string> {
  return {
    name: 'notes',
    async run(trx, jobs) {
      calls.push(jobs.length)
      const outcomes: Outcome<string>[] = jobs.map((j) => (j.fail ? { ok: false, error: new Error(`refused ${j.id}`) } : { ok: true, value: j.id }))
      const rows = jobs.filter((j) => !j.fail).map((j) => ({ id: j.id, text: `note ${j.id}` }))
      if (rows.length) await trx('notes').insert(rows)
      if (opts.throwWhen?.(jobs)) throw new Error('run failed after writing')
      return outcomes
    },
  }
}

const ids = async (prefix: string) =>
  ((await db.knex('notes').where('id', 'like', `${prefix}%`).orderBy('id')) as { id: string }[]).map((r) => r.id)

describe('server/db: grouped writes (db.writeIn)', () => {
  it('should hand jobs that wait behind a commit to one run call on SQLite, and one each on PostgreSQL', async () => {
    const calls: number[] = []
    const group = notesGroup(calls)
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => db.writeIn(group, { id: `a${i}` })))
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`))
    // The first job starts a transaction at once; the nine that arrive meanwhile share the next.
    expect(calls).toEqual(db.kind === 'sqlite' ? [1, 9] : Array.from({ length: 10 }, () => 1))
    expect(await ids('a')).toHaveLength(10)
  })

  it('should reject only the refused job and keep the others of its run', async () => {
    const group = notesGroup([])
    const settled = await Promise.allSettled(['b0', 'b1', 'b2', 'b3'].map((id) => db.writeIn(group, { id, fail: id === 'b2' })))
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect(await ids('b')).toEqual(['b0', 'b1', 'b3'])
  })

  it('should roll back a run that throws, failing its jobs, and keep a plain write of the same transaction', async () => {
    const group = notesGroup([], { throwWhen: (jobs) => jobs.some((j) => j.id === 'c2') })
    const first = db.writeIn(group, { id: 'c0' }) // commits alone
    const plain = db.write(async (trx) => {
      await trx('notes').insert({ id: 'c1', text: 'plain' })
      return 'c1'
    })
    const grouped = [db.writeIn(group, { id: 'c2' }), db.writeIn(group, { id: 'c3' })]
    const settled = await Promise.allSettled([first, plain, ...grouped])
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', db.kind === 'sqlite' ? 'rejected' : 'fulfilled'])
    expect(await ids('c')).toEqual(db.kind === 'sqlite' ? ['c0', 'c1'] : ['c0', 'c1', 'c3'])
  })

  it('should fail a lone job whose run throws and leave nothing of it', async () => {
    const group = notesGroup([], { throwWhen: () => true })
    await expect(db.writeIn(group, { id: 'd0' })).rejects.toThrow('run failed after writing')
    expect(await ids('d')).toEqual([])
  })
})
