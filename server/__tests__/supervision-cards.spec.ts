import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processDueCases } from '../src/services/scheduler-cases'
import { runSchedulerOnce } from '../src/services/scheduler'
import { issueDueCaseCards } from '../src/services/supervision-bulk'
import { startServer, type Client, type TestServer } from './harness'
import { materialsExcept, religiousForm } from './fixtures'

let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

const at = (s: string) => Date.parse(s)

async function as(username: string): Promise<Client> {
  const c = t.anonymous()
  const r = await c.login(username)
  expect(r.status).toBe(200)
  return c
}

async function command(c: Client, caseId: string, cmd: Record<string, unknown>) {
  const detail = await c.get(`/api/cases/${caseId}`)
  const r = await c.post(`/api/cases/${caseId}/commands`, { expectedVersion: detail.body.case.version, command: cmd })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r
}

async function acceptedCase(): Promise<string> {
  const window = await as('window')
  const r = await window.post('/api/cases', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  await command(window, r.body.caseId, { type: 'accept' })
  return r.body.caseId as string
}

const cardsOf = async (caseId: string) => (await t.deps.db.knex('cards').where({ case_id: caseId }).orderBy('level_rank')) as { id: string; rule_id: string; level: string; status: string; rule_version: number }[]

/** A case made overdue on its promised clock (黄牌) at 2026-03-25, with its cards raised. */
async function overdueCase(): Promise<{ caseId: string; yellowId: string }> {
  t.setNow(at('2026-03-02T09:00:00+08:00'))
  const caseId = await acceptedCase()
  t.setNow(at('2026-03-25T10:00:00+08:00'))
  await processDueCases(t.deps) // without the lease: the racing test above may have left it with another owner
  const yellow = (await cardsOf(caseId)).find((c) => c.rule_id === 'time.promised.yellow')
  expect(yellow).toBeDefined()
  return { caseId, yellowId: yellow?.id as string }
}

describe('server/supervision cards: rules fire once, the lifecycle and its guards', () => {
  it('should not card an online case accepted before its originals are seen (they are handed in later)', async () => {
    t.setNow(at('2026-03-02T09:00:00+08:00'))
    const applied = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: religiousForm, materials: materialsExcept() })
    expect(applied.status).toBe(201)
    await command(await as('window'), applied.body.caseId, { type: 'accept' })
    expect((await cardsOf(applied.body.caseId)).map((c) => c.rule_id)).not.toContain('flow.acceptedIncomplete')
  })

  it('should turn clock warnings into one card per case × rule × version even when two schedulers visit at once', async () => {
    t.setNow(at('2026-03-02T09:00:00+08:00'))
    const caseId = await acceptedCase()
    t.setNow(at('2026-03-25T10:00:00+08:00')) // past the promised limit (03-23): 预警 and 黄牌 are due
    const runs = await Promise.all([processDueCases(t.deps), processDueCases(t.deps), runSchedulerOnce(t.deps, 'owner-x'), runSchedulerOnce(t.deps, 'owner-y')])
    expect(runs.length).toBe(4)
    await runSchedulerOnce(t.deps, 'owner-x')
    const cards = await cardsOf(caseId)
    // Once per rule: the promised clock's two levels, the review step's three, the item's own point, the unchecked originals.
    expect(cards.map((c) => `${c.rule_id}:${c.level}:${c.status}`).sort()).toEqual([
      'flow.acceptedIncomplete:yellow:issued',
      'flow.point:yellow:issued',
      'time.promised.warning:warning:issued',
      'time.promised.yellow:yellow:issued',
      'time.step.red:red:issued',
      'time.step.warning:warning:issued',
      'time.step.yellow:yellow:issued',
    ])
    const row = (await t.deps.db.knex('case_card_levels').where({ case_id: caseId }).first()) as { level: string }
    expect(row.level).toBe('red')
  })

  it('should issue the cards of cases crossing a level in one set-based pass, and the per-case visit adds no duplicate', async () => {
    t.setNow(at('2026-03-02T09:00:00+08:00'))
    const caseId = await acceptedCase()
    const row = (await t.deps.db.knex('cases').where({ id: caseId }).first()) as { next_kind: string; next_level: string; next_case_at: string | number }
    expect(row).toMatchObject({ next_kind: 'promised', next_level: 'warning' })
    expect(new Date(Number(row.next_case_at)).toISOString()).toBe('2026-03-20T16:00:00.001Z') // two working days before the promised deadline
    t.setNow(Number(row.next_case_at))
    const bulk = await issueDueCaseCards(t.deps)
    expect(bulk.cards).toBeGreaterThanOrEqual(1)
    const [first] = (await cardsOf(caseId)).filter((c) => c.rule_id === 'time.promised.warning')
    expect(first).toBeDefined()
    await processDueCases(t.deps)
    expect((await issueDueCaseCards(t.deps)).cards).toBe(0)
    const after = (await cardsOf(caseId)).filter((c) => c.rule_id === 'time.promised.warning')
    expect(after.map((c) => c.id)).toEqual([first?.id])
    const w = await t.deps.db.knex('warnings').where({ case_id: caseId, kind: 'promised', level: 'warning' })
    expect(w).toHaveLength(1) // the chain event and warning row come from the per-case visit
  })

  it('should write the same message, card log and highest card in the set-based pass as the per-case visit would', async () => {
    t.setNow(at('2026-04-01T09:00:00+08:00'))
    const caseId = await acceptedCase()
    const row = (await t.deps.db.knex('cases').where({ id: caseId }).first()) as { case_no: string; next_case_at: string | number }
    // Acceptance with originals unchecked already gave the case a 黄牌; drop that mark here so the pass's own write shows.
    await t.deps.db.knex('case_card_levels').where({ case_id: caseId }).delete()
    t.setNow(Number(row.next_case_at))
    await issueDueCaseCards(t.deps)
    const card = (await t.deps.db.knex('cards').where({ case_id: caseId, rule_id: 'time.promised.warning' }).first()) as { id: string; message: string; status: string; issued_by: string }
    expect(card).toMatchObject({ status: 'issued', issued_by: 'system' })
    expect(card.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(card.message).toBe(`办件编号为${row.case_no}，项目名称为宗教活动场所筹备设立审批，承诺时限为2026-04-21，即将超过承诺时限，请速办理。`)
    const log = await t.deps.db.knex('card_events').where({ card_id: card.id })
    expect(log.map((e: { action: string; to_status: string }) => `${e.action}:${e.to_status}`)).toEqual(['issued:issued'])
    const list = await (await as('window')).get(`/api/cases?view=all&q=${row.case_no}`)
    expect(list.body.items.find((c: { id: string }) => c.id === caseId)?.cardLevel).toBe('warning')
    const notes = (await (await as('window')).get('/api/notifications?pageSize=200')).body.items as { cardId: string | null; kind: string }[]
    expect(notes.some((n) => n.cardId === card.id && n.kind === 'card')).toBe(true)
  })

  it('should tell a unit that got many cards in one pass how many, in one notification per rule instead of one per card', async () => {
    t.setNow(at('2026-05-06T09:00:00+08:00'))
    const ids = [await acceptedCase(), await acceptedCase(), await acceptedCase(), await acceptedCase(), await acceptedCase()]
    const row = (await t.deps.db.knex('cases').where({ id: ids[0] }).first()) as { next_case_at: string | number }
    t.setNow(Number(row.next_case_at))
    await issueDueCaseCards(t.deps)
    const cards = (await t.deps.db.knex('cards').whereIn('case_id', ids).andWhere({ rule_id: 'time.promised.warning' })) as { id: string }[]
    expect(cards).toHaveLength(5)
    const notes = (await (await as('window')).get('/api/notifications?pageSize=200')).body.items as { cardId: string | null; kind: string; title: string; body: string; createdAt: number }[]
    expect(notes.some((n) => cards.some((c) => c.id === n.cardId))).toBe(false)
    const summary = notes.find((n) => n.kind === 'cards' && n.createdAt === Number(row.next_case_at))
    expect(summary?.title).toBe('预警：承诺时限预警')
    expect(Number(/本单位新发(\d+)张预警/.exec(summary?.body ?? '')?.[1])).toBeGreaterThanOrEqual(5)
  })

  it("should notify the responsible unit's staff in the app, and nobody elsewhere", async () => {
    const { yellowId } = await overdueCase()
    const window = await as('window')
    const mine = await window.get('/api/notifications?unread=true&pageSize=200')
    expect(mine.status).toBe(200)
    const note = mine.body.items.find((n: { cardId: string }) => n.cardId === yellowId)
    expect(note.title).toBe('黄牌：承诺时限黄牌')
    expect(note.body).toMatch(/^办件编号为SL\d{14}，项目名称为宗教活动场所筹备设立审批，承诺时限为2026-03-23，已超过承诺时限/)
    const other = await (await as('cd-window')).get('/api/notifications?pageSize=200')
    expect(other.body.items.some((n: { cardId: string }) => n.cardId === yellowId)).toBe(false)
    const read = await window.post(`/api/notifications/${note.id}/read`)
    expect(read.status).toBe(200)
    expect((await (await as('cd-window')).post(`/api/notifications/${note.id}/read`)).status).toBe(404)
  })

  it('should show the card to the unit and its supervisors, and answer 404 to another department', async () => {
    const { yellowId } = await overdueCase()
    expect((await (await as('window')).get(`/api/supervision/cards/${yellowId}`)).status).toBe(200)
    expect((await (await as('supervisor')).get(`/api/supervision/cards/${yellowId}`)).status).toBe(200)
    expect((await (await as('cd-window')).get(`/api/supervision/cards/${yellowId}`)).status).toBe(404)
    expect((await (await as('cd-window')).post(`/api/supervision/cards/${yellowId}/feedback`, { content: '已办理' })).status).toBe(404)
    const list = await (await as('cd-window')).get('/api/supervision/cards?pageSize=200')
    expect(list.body.items.some((c: { id: string }) => c.id === yellowId)).toBe(false)
  })

  it('should run issued → feedback → appeal → rejected → 督办 → feedback → closed, logging every step', async () => {
    const { yellowId } = await overdueCase()
    const window = await as('window')
    const sup = await as('supervisor')
    const fb = await window.post(`/api/supervision/cards/${yellowId}/feedback`, { content: '因申请人补充材料延误，已于当日办结' })
    expect(fb.status, JSON.stringify(fb.body)).toBe(200)
    expect(fb.body.card.status).toBe('answered')
    expect(fb.body.actions).toEqual(['appeal'])
    const appeal = await window.post(`/api/supervision/cards/${yellowId}/appeal`, { reason: '超期系系统停机所致' })
    expect(appeal.body.card.status).toBe('appealed')
    const reject = await sup.post(`/api/supervision/cards/${yellowId}/appeal-decision`, { accept: false, reason: '停机不影响线下办理' })
    expect(reject.body.card).toMatchObject({ status: 'answered', appealStatus: 'rejected' })
    const again = await window.post(`/api/supervision/cards/${yellowId}/appeal`, { reason: '再次申诉' })
    expect(again.status).toBe(409)
    const order = await sup.post(`/api/supervision/cards/${yellowId}/order`, { content: '请于期限内整改并报送整改报告', dueDay: '2026-04-03' })
    expect(order.body.card).toMatchObject({ status: 'ordered', orderDueDay: '2026-04-03' })
    const notes = await window.get('/api/notifications?pageSize=200')
    expect(notes.body.items.some((n: { cardId: string; kind: string }) => n.cardId === yellowId && n.kind === 'order')).toBe(true)
    const fb2 = await window.post(`/api/supervision/cards/${yellowId}/feedback`, { content: '已整改，报告已报送' })
    expect(fb2.body.card.status).toBe('answered')
    const close = await sup.post(`/api/supervision/cards/${yellowId}/close`, { note: '整改到位，予以办结' })
    expect(close.body.card.status).toBe('closed')
    expect(close.body.events.map((e: { action: string }) => e.action)).toEqual(['issued', 'feedback', 'appealed', 'appealRejected', 'ordered', 'feedback', 'closed'])
    expect((await sup.post(`/api/supervision/cards/${yellowId}/close`, { note: '再次办结' })).status).toBe(409)
  })

  it('should refuse the unit deciding and the supervisor giving feedback', async () => {
    const { yellowId } = await overdueCase()
    expect((await (await as('window')).post(`/api/supervision/cards/${yellowId}/close`, { note: '自行办结' })).status).toBe(403)
    expect((await (await as('supervisor')).post(`/api/supervision/cards/${yellowId}/feedback`, { content: '代为反馈' })).status).toBe(403)
    expect((await (await as('supervisor')).post(`/api/supervision/cards/${yellowId}/order`, { content: '督办', dueDay: '2026-03-01' })).status).toBe(400)
  })

  it("should revoke a card whose appeal is accepted and lower the case's highest card", async () => {
    const { caseId, yellowId } = await overdueCase()
    await (await as('window')).post(`/api/supervision/cards/${yellowId}/appeal`, { reason: '承诺时限计算有误' })
    const ok = await (await as('supervisor')).post(`/api/supervision/cards/${yellowId}/appeal-decision`, { accept: true, reason: '经核实，申诉成立' })
    expect(ok.body.card).toMatchObject({ status: 'revoked', appealStatus: 'accepted' })
    const level = async () => ((await t.deps.db.knex('case_card_levels').where({ case_id: caseId }).first()) as { level: string }).level
    expect(await level()).toBe('red') // the step's red card still stands
    for (const c of (await cardsOf(caseId)).filter((x) => x.level !== 'warning')) await t.deps.db.knex('cards').where({ id: c.id }).update({ status: 'appealed', appeal_status: 'open' })
    for (const c of (await cardsOf(caseId)).filter((x) => x.level !== 'warning'))
      await (await as('supervisor')).post(`/api/supervision/cards/${c.id}/appeal-decision`, { accept: true, reason: '经核实，申诉成立' })
    expect(await level()).toBe('warning')
    const summary = await (await as('supervisor')).get(`/api/supervision/dashboard/cases?cardLevel=warning&pageSize=200`)
    expect(summary.body.items.some((c: { id: string; cardLevel: string }) => c.id === caseId && c.cardLevel === 'warning')).toBe(true)
  })

  it('should hold cards of a manual rule as pending until a supervisor confirms, and fire a changed rule again under its new version', async () => {
    const sup = await as('supervisor')
    const rules = (await sup.get('/api/supervision/rules')).body.rules as { id: string; mode: string; version: number }[]
    const changed = rules.map(({ version: _v, updatedAt: _u, updatedBy: _b, ...r }: any) => (r.id === 'time.promised.yellow' ? { ...r, mode: 'manual' } : r))
    const put = await sup.put('/api/supervision/rules', { rules: changed })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.rules.find((r: { id: string }) => r.id === 'time.promised.yellow')).toMatchObject({ mode: 'manual', version: 2 })
    expect(put.body.rules.find((r: { id: string }) => r.id === 'time.promised.warning').version).toBe(1)
    const { yellowId } = await overdueCase()
    const card = await sup.get(`/api/supervision/cards/${yellowId}`)
    expect(card.body.card).toMatchObject({ status: 'pending', ruleVersion: 2, issuedAt: null })
    expect((await (await as('window')).get('/api/notifications?pageSize=200')).body.items.some((n: { cardId: string }) => n.cardId === yellowId)).toBe(false)
    const confirmed = await sup.post(`/api/supervision/cards/${yellowId}/confirm`, { note: '核实无误' })
    expect(confirmed.body.card.status).toBe('issued')
    expect((await (await as('window')).get('/api/notifications?pageSize=200')).body.items.some((n: { cardId: string }) => n.cardId === yellowId)).toBe(true)
    const restore = rules.map(({ version: _v, updatedAt: _u, updatedBy: _b, ...r }: any) => r)
    expect((await sup.put('/api/supervision/rules', { rules: restore })).body.rules.find((r: { id: string }) => r.id === 'time.promised.yellow')).toMatchObject({ mode: 'auto', version: 3 })
  })

  it('should refuse an invalid rule with 400 naming the field (bad condition, unknown placeholder, time trigger not of kind time)', async () => {
    const sup = await as('supervisor')
    const base = { id: 'flow.custom', name: '自定义', kind: 'flow', level: 'warning', trigger: { type: 'count', counter: 'returnCount', threshold: 1 }, template: '办件{{case.caseNo}}' }
    const bad = await sup.put('/api/supervision/rules', { rules: [{ ...base, condition: 'case.returnCount >' }] })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('/body/rules/0/condition')
    const tpl = await sup.put('/api/supervision/rules', { rules: [{ ...base, template: '{{process.env}}' }] })
    expect(tpl.body.error.details.issues[0].path).toBe('/body/rules/0/template')
    const kind = await sup.put('/api/supervision/rules', { rules: [{ ...base, trigger: { type: 'clock', clock: 'promised', level: 'red' } }] })
    expect(kind.body.error.details.issues[0].path).toBe('/body/rules/0/kind')
    expect((await (await as('window')).get('/api/supervision/rules')).status).toBe(403)
  })

  it('should card a flow anomaly after the command that causes it (a third 补正 when more than two are allowed… here: a suspension when more than one)', async () => {
    t.setNow(at('2026-03-02T09:00:00+08:00'))
    const caseId = await acceptedCase()
    const handler = await as('handler')
    for (let i = 0; i < 2; i++) {
      await command(handler, caseId, { type: 'suspend', reason: '等待现场核查结果' })
      await command(handler, caseId, { type: 'resume', reason: '核查完毕' })
    }
    const cards = await cardsOf(caseId)
    expect(cards.filter((c) => c.rule_id === 'flow.suspensions')).toHaveLength(1)
    const card = await (await as('supervisor')).get(`/api/supervision/cards/${cards.find((c) => c.rule_id === 'flow.suspensions')?.id}`)
    expect(card.body.card.message).toMatch(/已暂停2次，请核查暂停理由是否充分。$/)
  })
})
