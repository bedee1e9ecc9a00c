import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runOps } from '../src/ops/cli'
import { archiveConcluded, CASE_TABLES, retentionCutoff, verifyArchive, verifyArchives } from '../src/ops/retention'
import { materialsExcept, religiousForm } from './fixtures'
import { startServer, testPg, type Client, type TestServer } from './harness'

/**
 * Retention (issue #8 item 8): cases concluded more than N ≥ 3 years ago are archived to gzip JSON
 * lines and removed from the hot tables one transaction per batch; the archives still verify.
 */
let t: TestServer
let dir: string
beforeAll(async () => {
  t = await startServer()
  dir = mkdtempSync(join(tmpdir(), 'sunlight-archive-'))
})
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

const db = testPg ? 'PostgreSQL' : 'SQLite'
const at = (s: string) => Date.parse(s)

async function as(username: string): Promise<Client> {
  const c = t.anonymous()
  expect((await c.login(username)).status).toBe(200)
  return c
}

/** A case applied for and, unless `open`, taken to conclusion (approved) at the server's current time. */
async function caseAt(when: string, open = false): Promise<string> {
  t.setNow(at(when))
  const a = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
  expect(a.status).toBe(201)
  let version = a.body.version as number
  const steps = [
    ['window', { type: 'accept', opinion: '材料齐全' }],
    ['handler', { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } }],
    ['checker', { type: 'complete', node: 'verify', opinion: '同意' }],
    ['approver', { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } }],
  ] as const
  for (const [user, command] of open ? steps.slice(0, 1) : steps) {
    const r = await (await as(user)).post(`/api/cases/${a.body.caseId}/commands`, { expectedVersion: version, command })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    version = r.body.version
  }
  return a.body.caseId as string
}

const k = () => t.deps.db.knex
async function rowsOf(id: string): Promise<number> {
  let n = Number(((await k()('cases').where({ id }).count({ n: '*' }).first()) as { n: number | string }).n)
  for (const table of CASE_TABLES) n += Number(((await k()(table).where({ case_id: id }).count({ n: '*' }).first()) as { n: number | string }).n)
  return n
}

describe(`server/retention: archiving concluded cases (${db})`, () => {
  let old: string[]
  let recent: string
  let openOld: string
  beforeAll(async () => {
    old = [await caseAt('2026-03-02T09:00:00+08:00'), await caseAt('2026-03-03T09:00:00+08:00'), await caseAt('2026-03-04T09:00:00+08:00'), await caseAt('2026-03-05T09:00:00+08:00'), await caseAt('2026-03-06T09:00:00+08:00')]
    openOld = await caseAt('2026-03-02T10:00:00+08:00', true)
    recent = await caseAt('2026-11-02T09:00:00+08:00')
  })

  it('should refuse a retention shorter than 3 years', async () => {
    await expect(archiveConcluded(t.deps.db, { years: 2, outDir: dir, now: at('2030-01-01T00:00:00+08:00') })).rejects.toThrow(/at least 3/)
    await expect(runOps(['archive', '--years', '1', '--out', dir], {}, () => undefined)).rejects.toThrow(/at least 3/)
    expect(await rowsOf(old[0] as string)).toBeGreaterThan(0)
  })

  it('should know every table that holds rows of a case (a new one must be added to CASE_TABLES)', async () => {
    const withCaseId =
      t.deps.db.kind === 'sqlite'
        ? ((await k().raw("select m.name from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table' and c.name = 'case_id'")) as { name: string }[]).map((r) => r.name)
        : ((await k().raw("select table_name as name from information_schema.columns where table_schema = current_schema() and column_name = 'case_id'")) as { rows: { name: string }[] }).rows.map((r) => r.name)
    expect(withCaseId.sort()).toEqual([...CASE_TABLES].sort())
  })

  it('should compute the cutoff in calendar years', () => {
    expect(new Date(retentionCutoff(at('2030-03-06T12:00:00+08:00'), 4)).toISOString()).toBe('2026-03-06T04:00:00.000Z')
  })

  it('should archive only cases concluded before the cutoff, in batches, and remove every row of them', async () => {
    const out = join(dir, 'run1')
    // 2030-03-05 12:00 minus 4 years: cases concluded on 03-02 … 03-05 (09:00) qualify, 03-06 does not.
    const r = await archiveConcluded(t.deps.db, { years: 4, outDir: out, batch: 3, now: at('2030-03-05T12:00:00+08:00') })
    expect(r.cases).toBe(4)
    expect(r.files).toHaveLength(2)
    expect(r.events).toBeGreaterThanOrEqual(4 * 5)
    for (const id of old.slice(0, 4)) expect(await rowsOf(id)).toBe(0)
    for (const id of [old[4] as string, openOld, recent]) expect(await rowsOf(id)).toBeGreaterThan(0)
    const { verdicts, duplicates } = verifyArchives(out)
    expect(verdicts.map((v) => v.problems)).toEqual([[], []])
    expect(verdicts.flatMap((v) => v.caseIds).sort()).toEqual(old.slice(0, 4).sort())
    expect(duplicates).toEqual([])
    // The still-open case of the same week is untouched; the hall no longer finds archived cases.
    const detail = await (await as('supervisor')).get(`/api/cases/${old[0]}`)
    expect(detail.status).toBe(404)
    expect((await (await as('supervisor')).get(`/api/cases/${openOld}`)).status).toBe(200)
  })

  it('should keep in the archive every event with its hash, the projection and the related rows', () => {
    const file = verifyArchives(join(dir, 'run1')).verdicts[0]?.file as string
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n')
    const header = JSON.parse(lines[0] as string)
    expect(header).toMatchObject({ format: 'sunlight-case-archive', version: 1, years: 4, cases: 3 })
    const rec = JSON.parse(lines[1] as string)
    expect(rec.case.status).toBe('concluded')
    expect(rec.events.map((e: { seq: number }) => e.seq)).toEqual(rec.events.map((_: unknown, i: number) => i + 1))
    expect(rec.events[0].hash).toMatch(/^[0-9a-f]{64}$/)
    expect(rec.related.outbox.length).toBe(rec.events.length)
    expect(rec.related.case_acts.length).toBeGreaterThan(0)
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ end: true, cases: 3 })
  })

  it('should report an edited or truncated archive with the verify command', async () => {
    const file = verifyArchives(join(dir, 'run1')).verdicts[0]?.file as string
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n')
    const rec = JSON.parse(lines[1] as string)
    rec.events[1].event.opinion = '材料不全'
    const edited = join(dir, 'edited.jsonl.gz')
    writeFileSync(edited, gzipSync([lines[0], JSON.stringify(rec), ...lines.slice(2)].join('\n') + '\n'))
    const v = verifyArchive(edited)
    expect(v.problems.join('\n')).toMatch(/chain broken at seq 2 \(hash\)/)
    expect(v.problems.join('\n')).toMatch(/do not match the trailer/)
    const truncated = join(dir, 'truncated.jsonl.gz')
    writeFileSync(truncated, gzipSync(lines.slice(0, -2).join('\n') + '\n'))
    expect(verifyArchive(truncated).problems.join()).toMatch(/truncated/)
    const out: string[] = []
    expect(await runOps(['verify-archive', edited], {}, (l) => out.push(l))).toBe(1)
    expect(out.join('\n')).toMatch(/BROKEN/)
    expect(await runOps(['verify-archive', join(dir, 'run1')], {}, () => undefined)).toBe(0)
  })

  it('should do nothing on a second run and archive the next case once it is old enough', async () => {
    const again = await archiveConcluded(t.deps.db, { years: 4, outDir: join(dir, 'run2'), now: at('2030-03-05T12:00:00+08:00') })
    expect(again).toMatchObject({ cases: 0, files: [] })
    const later = await archiveConcluded(t.deps.db, { years: 4, outDir: join(dir, 'run3'), now: at('2030-03-07T12:00:00+08:00') })
    expect(later.cases).toBe(1)
    expect(await rowsOf(old[4] as string)).toBe(0)
    expect(await rowsOf(recent)).toBeGreaterThan(0)
    expect(existsSync(later.files[0] as string)).toBe(true)
  })
})
