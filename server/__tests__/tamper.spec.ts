import { hashEvent, type CaseEvent } from '@sunlight/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { materialsExcept, religiousForm } from './fixtures'
import { startServer, testPg, type TestServer } from './harness'

/**
 * Tamper evidence (issue #8 item 7): someone with write access to the database edits the event
 * rows of a case directly. The workbench's verification (GET /api/cases/:id → chain) and the hall's
 * check (POST /api/hall/track → historyIntact) must both flag it, on SQLite and PostgreSQL.
 * What the chain cannot catch — a rewrite of every event from the edit on AND of the projection —
 * needs a checkpoint of the chain heads kept outside the database (server/README.md).
 */
let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

const db = testPg ? 'PostgreSQL' : 'SQLite'

/** A case with four events: submitted, accepted, review completed, verify completed. */
async function caseWithHistory() {
  const a = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
  expect(a.status).toBe(201)
  let version = a.body.version as number
  for (const [user, command] of [
    ['window', { type: 'accept', opinion: '材料齐全' }],
    ['handler', { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } }],
    ['checker', { type: 'complete', node: 'verify', opinion: '同意' }],
  ] as const) {
    const r = await (await t.as(user)).post(`/api/cases/${a.body.caseId}/commands`, { expectedVersion: version, command })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    version = r.body.version
  }
  return { caseId: a.body.caseId as string, caseNo: a.body.caseNo as string, queryCode: a.body.queryCode as string, version }
}

const k = () => t.deps.db.knex
async function event(caseId: string, seq: number): Promise<CaseEvent> {
  const row = (await k()('case_events').where({ case_id: caseId, seq }).first()) as { event: string }
  return JSON.parse(row.event) as CaseEvent
}
async function write(caseId: string, seq: number, e: CaseEvent) {
  await k()('case_events').where({ case_id: caseId, seq }).update({ event: JSON.stringify(e), hash: e.hash })
}

/** Both checks: the workbench's chain verdict and the hall's historyIntact. */
async function verdicts(c: { caseId: string; caseNo: string; queryCode: string }) {
  const detail = await (await t.as('supervisor')).get(`/api/cases/${c.caseId}`)
  const track = await t.anonymous().post('/api/hall/track', { caseNo: c.caseNo, queryCode: c.queryCode })
  expect(detail.status).toBe(200)
  expect(track.status).toBe(200)
  return { chain: detail.body.chain as { ok: boolean; seq?: number; reason?: string }, historyIntact: track.body.historyIntact as boolean }
}

describe(`server/tamper: direct edits of the event rows are flagged by the workbench and the hall (${db})`, () => {
  it('should verify an untouched case in both places', async () => {
    const c = await caseWithHistory()
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: true }), historyIntact: true })
  })

  it('should flag an edited opinion (the event no longer matches its hash)', async () => {
    const c = await caseWithHistory()
    const e = await event(c.caseId, 2)
    await write(c.caseId, 2, { ...e, opinion: '材料不全' } as CaseEvent)
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: false, seq: 2, reason: 'hash' }), historyIntact: false })
  })

  it('should flag an edited event whose own hash was recomputed (the next event no longer links to it)', async () => {
    const c = await caseWithHistory()
    const { hash: _old, ...rest } = await event(c.caseId, 3)
    const forged = { ...rest, opinion: '不符合条件', at: rest.at - 86_400_000 }
    await write(c.caseId, 3, { ...forged, hash: hashEvent(forged) } as CaseEvent)
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: false, seq: 4, reason: 'link' }), historyIntact: false })
  })

  it('should flag a re-hashed last event (the chain head is no longer the one the case recorded)', async () => {
    const c = await caseWithHistory()
    const { hash: _old, ...rest } = await event(c.caseId, c.version)
    const forged = { ...rest, opinion: '不同意' }
    await write(c.caseId, c.version, { ...forged, hash: hashEvent(forged) } as CaseEvent)
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: false, reason: 'head' }), historyIntact: false })
  })

  it('should flag a deleted event in the middle (a gap in the sequence)', async () => {
    const c = await caseWithHistory()
    await k()('outbox').where({ case_id: c.caseId, seq: 2 }).delete()
    await k()('case_events').where({ case_id: c.caseId, seq: 2 }).delete()
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: false, reason: 'sequence' }), historyIntact: false })
  })

  it('should flag a deleted last event (the chain is shorter than the case says)', async () => {
    const c = await caseWithHistory()
    await k()('case_events').where({ case_id: c.caseId, seq: c.version }).delete()
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: false, reason: 'truncated' }), historyIntact: false })
  })

  it('should flag two events swapped in order', async () => {
    const c = await caseWithHistory()
    const [e2, e3] = [await event(c.caseId, 2), await event(c.caseId, 3)]
    await write(c.caseId, 2, { ...e3, seq: 2 })
    await write(c.caseId, 3, { ...e2, seq: 3 })
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: false, seq: 2 }), historyIntact: false })
  })

  it("should flag an event moved in from another case's chain", async () => {
    const [c, other] = [await caseWithHistory(), await caseWithHistory()]
    await write(c.caseId, 2, await event(other.caseId, 2))
    expect(await verdicts(c)).toEqual({ chain: expect.objectContaining({ ok: false, seq: 2 }), historyIntact: false })
  })
})
