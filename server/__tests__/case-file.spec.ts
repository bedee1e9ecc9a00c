import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from './harness'
import { applyReligious, command, decideReligious, enterFoodCase, foodCaseToDecision, signedIn } from './penalty-fixtures'

const pdfText = (bytes: Buffer): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'sunlight-file-')), 'x.pdf')
  writeFileSync(file, bytes)
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf-8' })
  if (r.error) throw new Error('pdftotext (poppler-utils) is needed to read the PDF text')
  return r.stdout
}
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined
// CI installs poppler-utils and sets this, so there the PDF text is always read back, never skipped.
if (!hasPdftotext && process.env.SUNLIGHT_REQUIRE_PDFTOTEXT === '1') throw new Error('pdftotext (poppler-utils) is required here (SUNLIGHT_REQUIRE_PDFTOTEXT=1)')

async function pdfOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/pdf')
  const bytes = Buffer.from(await res.arrayBuffer())
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  return bytes
}

describe('server/case file and receipt PDFs, colleagues, documents that follow the decision', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startServer()
  })
  afterAll(async () => t.close())

  it('should print the receipt PDF with the case number and the query password the applicant sends', async () => {
    const a = await applyReligious(t)
    const res = await fetch(`${t.url}/api/hall/receipt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseNo: a.caseNo, queryCode: a.queryCode }) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    const bytes = await pdfOf(res)
    if (hasPdftotext) {
      const text = pdfText(bytes)
      for (const s of ['申请回执', a.caseNo, a.queryCode, '宗教活动场所筹备设立审批', '四川省民族宗教事务委员会', '成都市佛教协会', '2026-03-02']) expect(text).toContain(s)
      expect(text, 'every character drawn (line breaks included)').not.toContain('〓')
    }
  })

  it('should refuse the receipt with a wrong password exactly like an unknown case (404)', async () => {
    const a = await applyReligious(t)
    const wrong = String((Number(a.queryCode) + 1) % 1_000_000).padStart(6, '0')
    const r1 = await t.anonymous().post('/api/hall/receipt', { caseNo: a.caseNo, queryCode: wrong })
    const r2 = await t.anonymous().post('/api/hall/receipt', { caseNo: 'SL20260302999999', queryCode: wrong })
    expect(r1.status).toBe(404)
    expect(r1.body).toEqual(r2.body)
    const bad = await t.anonymous().post('/api/hall/receipt', { caseNo: a.caseNo, queryCode: '12' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('/body/queryCode')
  })

  it('should never store the plain query password (only its hash)', async () => {
    const a = await applyReligious(t)
    const row = await t.deps.db.knex('cases').where({ id: a.caseId }).first()
    expect(JSON.stringify(row)).not.toContain(`"${a.queryCode}"`)
    expect(row.state).not.toContain(a.queryCode)
  })

  it('should print the whole 案卷 as one PDF: cover, contents, materials, every opinion, every document', async () => {
    const a = await applyReligious(t)
    await command(await signedIn(t, 'window'), a.caseId, { type: 'accept', opinion: '材料齐全，予以受理' })
    expect((await (await signedIn(t, 'window')).post(`/api/cases/${a.caseId}/documents`, { templateId: 'acceptance-notice' })).status).toBe(201)
    await decideReligious(t, a.caseId, 'approve')
    expect((await (await signedIn(t, 'approver')).post(`/api/cases/${a.caseId}/documents`, { templateId: 'approval-decision' })).status).toBe(201)
    const handler = await signedIn(t, 'handler')
    const res = await fetch(`${t.url}/api/cases/${a.caseId}/file.pdf`, { headers: { cookie: handler.cookie } })
    expect(res.status).toBe(200)
    const bytes = await pdfOf(res)
    if (process.env.SUNLIGHT_KEEP_PDF) writeFileSync(process.env.SUNLIGHT_KEEP_PDF, bytes)
    expect(bytes.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(6)
    if (hasPdftotext) {
      const text = pdfText(bytes).replace(/[ \t]+/g, ' ')
      for (const s of ['行政权力事项办理案卷', a.caseNo, '卷内目录', '申请材料清单', '各环节办理意见', '材料齐全，予以受理', '符合条件', '同意批准', '赵批准', '受理通知书', '准予筹备设立宗教活动场所决定书', '川宗批〔2026〕'])
        expect(text, s).toContain(s)
      expect(text).not.toContain('〓')
    }
    const audit = await t.deps.db.knex('audit_log').where({ action: 'case.filePrinted', target: a.caseId })
    expect(audit).toHaveLength(1)
  })

  it('should hide the 案卷 of another department (404) and let the supervisor print it', async () => {
    const a = await applyReligious(t)
    const other = await signedIn(t, 'cd-window')
    expect((await other.get(`/api/cases/${a.caseId}/file.pdf`)).status).toBe(404)
    const sup = await signedIn(t, 'supervisor')
    expect((await fetch(`${t.url}/api/cases/${a.caseId}/file.pdf`, { headers: { cookie: sup.cookie } })).status).toBe(200)
  })

  it('should list the colleagues of the own department holding a post, and nobody else\'s', async () => {
    const inv = await signedIn(t, 'jn-investigator')
    const r = await inv.get('/api/colleagues?post=investigator')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      departmentId: 'cd-jn-scj',
      colleagues: [
        { id: 'jn-investigator', name: '冯执法（金牛区市场监管局）', posts: ['investigator'], self: true },
        { id: 'jn-investigator2', name: '陈执法（金牛区市场监管局）', posts: ['investigator'], self: false },
      ],
    })
    const all = await inv.get('/api/colleagues')
    expect(all.body.colleagues.map((c: { id: string }) => c.id)).toEqual(['jn-head', 'jn-investigator', 'jn-investigator2', 'jn-legal'])
    expect(JSON.stringify(all.body)).not.toContain('username')
    const other = await (await signedIn(t, 'window')).get('/api/colleagues?post=investigator')
    expect(other.body).toEqual({ departmentId: 'sc-mzw', colleagues: [] })
  })

  it('should refuse a malformed post filter with 400 naming the field', async () => {
    const r = await (await signedIn(t, 'window')).get('/api/colleagues?post=%27%20or%201%3D1')
    expect(r.status).toBe(400)
    expect(r.body.error.details.issues[0].path).toBe('/query/post')
  })

  it('should transfer a penalty investigation to a listed colleague', async () => {
    const p = await enterFoodCase(t)
    await command(await signedIn(t, 'jn-head'), p.caseId, { type: 'accept' })
    const inv = await signedIn(t, 'jn-investigator')
    const target = (await inv.get('/api/colleagues?post=investigator')).body.colleagues.find((c: { self: boolean }) => !c.self)
    const r = await command(inv, p.caseId, { type: 'transfer', node: 'investigate', toUserId: target.id, reason: '回避：与当事人有亲属关系' })
    expect(r.body.events[0].type).toBe('step:transferred')
  })

  it('should offer the penalty decision only when the chief decided to penalise (before the case concludes)', async () => {
    const yes = await enterFoodCase(t)
    await foodCaseToDecision(t, yes.caseId, 'penalise')
    const no = await enterFoodCase(t)
    await foodCaseToDecision(t, no.caseId, 'noPenalty')
    const chief = await signedIn(t, 'jn-head')
    const tpl = async (caseId: string) => (await chief.get(`/api/cases/${caseId}/documents`)).body.templates.find((x: { id: string }) => x.id === 'penalty-decision')
    expect(await tpl(yes.caseId)).toMatchObject({ actDone: true, available: true })
    expect(await tpl(no.caseId)).toMatchObject({ actDone: true, available: false })
    const refused = await chief.post(`/api/cases/${no.caseId}/documents`, { templateId: 'penalty-decision' })
    expect(refused.status).toBe(422)
    expect(refused.body.error.details).toMatchObject({ refusal: 'document.resultMismatch', messageZh: '《行政处罚决定书》与本案已作出的决定不一致，不能制发' })
    expect((await chief.post(`/api/cases/${yes.caseId}/documents`, { templateId: 'penalty-decision' })).status).toBe(201)
  })

  it('should stop offering the approval decision once the approver denied', async () => {
    const a = await applyReligious(t)
    await command(await signedIn(t, 'window'), a.caseId, { type: 'accept' })
    await decideReligious(t, a.caseId, 'deny')
    const list = (await (await signedIn(t, 'approver')).get(`/api/cases/${a.caseId}/documents`)).body.templates
    expect(list.find((x: { id: string }) => x.id === 'approval-decision')).toMatchObject({ actDone: true, available: false })
    expect(list.find((x: { id: string }) => x.id === 'denial-decision')).toMatchObject({ actDone: true, available: true })
  })
})
