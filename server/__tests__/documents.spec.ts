import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDefinition, type PowerItemDefinition } from '@sunlight/definition'
import { BLANK, formatDocNo, renderContent, renderHtml } from '../src/services/document-render'
import { missingGlyphs, pdfDefinition, renderPdf } from '../src/services/document-pdf'
import { startServer, templatesDir, type Client, type TestServer } from './harness'
import { materialsExcept, religiousForm } from './fixtures'

const form = religiousForm
const allMaterials = materialsExcept()

async function apply(t: TestServer, overrides: Record<string, unknown> = {}) {
  const r = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form: { ...form, ...overrides }, materials: allMaterials })
  expect(r.status).toBe(201)
  return r.body as { caseId: string; caseNo: string; queryCode: string; version: number }
}

async function command(c: Client, caseId: string, cmd: Record<string, unknown>) {
  const detail = await c.get(`/api/cases/${caseId}`)
  const r = await c.post(`/api/cases/${caseId}/commands`, { expectedVersion: detail.body.case.version, command: cmd })
  expect(r.status).toBe(200)
  return r
}

const issue = (c: Client, caseId: string, body: Record<string, unknown>) => c.post(`/api/cases/${caseId}/documents`, body)
const pdftotextWorks = spawnSync('pdftotext', ['-v']).error === undefined
// CI installs poppler-utils and sets this, so there the PDF text is always read back, never skipped.
if (!pdftotextWorks && process.env.SUNLIGHT_REQUIRE_PDFTOTEXT === '1') throw new Error('pdftotext (poppler-utils) is required here (SUNLIGHT_REQUIRE_PDFTOTEXT=1)')

describe('server/documents: 法律文书 issued, numbered, rendered and delivered', () => {
  let t: TestServer
  let accepted: { caseId: string; caseNo: string; queryCode: string }
  let noticeId: string
  beforeAll(async () => {
    t = await startServer()
  })
  afterAll(async () => t.close())

  it('should refuse the 受理通知书 before acceptance and number it 川宗受〔2026〕0001号 after', async () => {
    accepted = await apply(t)
    const window = await t.as('window')
    const early = await issue(window, accepted.caseId, { templateId: 'acceptance-notice' })
    expect(early.status).toBe(422)
    expect(early.body.error.details.refusal).toBe('document.actNotDone')
    await command(window, accepted.caseId, { type: 'accept' })
    const r = await issue(window, accepted.caseId, { templateId: 'acceptance-notice' })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ docNo: '川宗受〔2026〕0001号', kind: 'acceptanceNotice', title: '受理通知书', year: 2026, seq: 1, status: 'issued', toApplicant: true, issuedBy: '张窗口（省民宗委）', missingGlyphs: '' })
    noticeId = r.body.id
    const list = await window.get(`/api/cases/${accepted.caseId}/documents`)
    expect(list.body.documents.map((d: { id: string }) => d.id)).toEqual([noticeId])
    expect(list.body.templates.find((x: { id: string }) => x.id === 'acceptance-notice')).toMatchObject({ actDone: true, issuedDocumentId: noticeId, post: 'window' })
    expect(list.body.templates.find((x: { id: string }) => x.id === 'approval-decision')).toMatchObject({ actDone: false, issuedDocumentId: null })
  })

  it('should serve the notice as a printable A4 HTML page under the strict CSP', async () => {
    const r = await (await t.as('window')).get(`/api/documents/${noticeId}?format=html`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/^text\/html/)
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = r.body as string
    for (const s of ['<h1>受理通知书</h1>', '<p class="doc-no">川宗受〔2026〕0001号</p>', '<p class="addressee">成都市佛教协会：</p>', accepted.caseNo, '2026年3月2日', '宗教活动场所筹备设立审批', '@media print', 'size:A4'])
      expect(html).toContain(s)
    expect(html).toMatch(/<div class="sign"><div>四川省民族宗教事务委员会<\/div><div>2026年3月2日<\/div><\/div>/)
    expect(html).not.toContain(BLANK)
    expect(html).not.toMatch(/<script/i)
  })

  it('should serve the notice as a PDF with the embedded Chinese font', async () => {
    const r = await fetch(`${t.url}/api/documents/${noticeId}?format=pdf`, { headers: { cookie: (await t.as('window')).cookie } })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await r.arrayBuffer())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(10_000)
    const raw = bytes.toString('latin1')
    expect(raw).toMatch(/\/FontFile3/)
    expect(raw).toMatch(/\+NotoSansCJKsc-Regular/)
    if (pdftotextWorks) {
      const file = join(mkdtempSync(join(tmpdir(), 'sunlight-doc-')), 'notice.pdf')
      writeFileSync(file, bytes)
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf-8' }).stdout
      for (const s of ['受理通知书', '川宗受〔2026〕0001号', accepted.caseNo, '四川省民族宗教事务委员会']) expect(text).toContain(s)
    }
  })

  it('should issue once per act: a second issue is 409, a reissue needs a reason and supersedes with a new number', async () => {
    const window = await t.as('window')
    const again = await issue(window, accepted.caseId, { templateId: 'acceptance-notice' })
    expect(again.status).toBe(409)
    expect(again.body.error.details).toMatchObject({ documentId: noticeId, docNo: '川宗受〔2026〕0001号' })
    const noReason = await issue(window, accepted.caseId, { templateId: 'acceptance-notice', reissue: true })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['/body/reason'])
    const re = await issue(window, accepted.caseId, { templateId: 'acceptance-notice', reissue: true, reason: '送达地址有误，重新制发' })
    expect(re.status).toBe(201)
    expect(re.body).toMatchObject({ docNo: '川宗受〔2026〕0002号', revision: 2, status: 'issued', reissueReason: '送达地址有误，重新制发' })
    const old = await window.get(`/api/documents/${noticeId}`)
    expect(old.body).toMatchObject({ status: 'superseded', supersededBy: re.body.id, docNo: '川宗受〔2026〕0001号' })
    expect((await window.get(`/api/documents/${noticeId}?format=html`)).body).toContain('本文书已被重新制发的 川宗受〔2026〕0002号 替代')
    const fresh = await apply(t)
    const nothing = await issue(window, fresh.caseId, { templateId: 'refusal-notice', reissue: true, reason: '无' })
    expect(nothing.status).toBe(422)
  })

  it('should escape a malicious <script> in a form field, keep the decision to its post and to the case\'s result', async () => {
    const a = await apply(t, { venueName: '某某寺<script>alert(1)</script>' })
    await command(await t.as('window'), a.caseId, { type: 'accept' })
    await command(await t.as('handler'), a.caseId, { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } })
    await command(await t.as('checker'), a.caseId, { type: 'complete', node: 'verify', opinion: '同意' })
    const approver = await t.as('approver')
    await command(approver, a.caseId, { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } })
    const wrongPost = await issue(await t.as('handler'), a.caseId, { templateId: 'approval-decision' })
    expect(wrongPost.status).toBe(403)
    expect(wrongPost.body.error.details.post).toBe('approver')
    const r = await issue(approver, a.caseId, { templateId: 'approval-decision' })
    expect(r.status).toBe(201)
    expect(r.body.docNo).toBe('川宗批〔2026〕001号')
    const denial = await issue(approver, a.caseId, { templateId: 'denial-decision' })
    expect(denial.status).toBe(422)
    expect(denial.body.error.details.refusal).toBe('document.resultMismatch')
    const templates = (await approver.get(`/api/cases/${a.caseId}/documents`)).body.templates
    expect(templates.find((x: { id: string }) => x.id === 'denial-decision')).toMatchObject({ actDone: true, available: false })
    const html = (await approver.get(`/api/documents/${r.body.id}?format=html`)).body as string
    expect(html).toContain('某某寺&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<script/i)
    const pdf = await fetch(`${t.url}/api/documents/${r.body.id}?format=pdf`, { headers: { cookie: approver.cookie } })
    expect(pdf.status).toBe(200)
  })

  it('should hide documents from another department (404) and let the supervisor read but not issue', async () => {
    const other = await t.as('cd-window')
    expect((await issue(other, accepted.caseId, { templateId: 'acceptance-notice' })).status).toBe(404)
    expect((await other.get(`/api/cases/${accepted.caseId}/documents`)).status).toBe(404)
    expect((await other.get(`/api/documents/${noticeId}?format=pdf`)).status).toBe(404)
    const supervisor = await t.as('supervisor')
    expect((await supervisor.get(`/api/cases/${accepted.caseId}/documents`)).status).toBe(200)
    expect((await supervisor.get(`/api/documents/${noticeId}?format=html`)).status).toBe(200)
    expect((await issue(supervisor, accepted.caseId, { templateId: 'acceptance-notice' })).status).toBe(403)
    expect((await t.anonymous().get(`/api/documents/${noticeId}`)).status).toBe(401)
  })

  it('should answer bad input with 4xx naming the fields, never 500', async () => {
    const window = await t.as('window')
    const unknown = await issue(window, accepted.caseId, { templateId: 'no-such-template' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.issues[0].path).toBe('/body/templateId')
    expect(unknown.body.error.message).toContain('acceptance-notice')
    const extra = await issue(window, accepted.caseId, { templateId: 'acceptance-notice', docNo: '伪造' })
    expect(extra.status).toBe(400)
    expect((await issue(window, accepted.caseId, {})).body.error.details.issues[0].path).toBe('/body/templateId')
    expect((await issue(window, 'not-a-uuid', { templateId: 'acceptance-notice' })).body.error.details.issues[0].path).toBe('/params/id')
    expect((await window.get(`/api/documents/${noticeId}?format=docx`)).body.error.details.issues[0].path).toBe('/query/format')
    expect((await window.get('/api/documents/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('should give the applicant their documents with case number + query password, through short-lived links', async () => {
    const anon = t.anonymous()
    const wrong = await anon.post('/api/hall/documents', { caseNo: accepted.caseNo, queryCode: accepted.queryCode === '000000' ? '000001' : '000000' })
    expect(wrong.status).toBe(404)
    const r = await anon.post('/api/hall/documents', { caseNo: accepted.caseNo, queryCode: accepted.queryCode })
    expect(r.status).toBe(200)
    expect(r.body.documents.map((d: { docNo: string }) => d.docNo)).toEqual(['川宗受〔2026〕0002号'])
    const doc = r.body.documents[0]
    expect(doc.pdfUrl).not.toContain(accepted.queryCode)
    const pdf = await fetch(t.url + doc.pdfUrl)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('%PDF')
    const html = await anon.get(doc.htmlUrl)
    expect(html.status).toBe(200)
    expect(html.body).toContain(accepted.caseNo)
    const token = new URL(t.url + doc.pdfUrl).searchParams.get('token') as string
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
    expect((await anon.get(`/api/hall/documents/file?format=pdf&token=${forged}`)).status).toBe(404)
    expect((await anon.get('/api/hall/documents/file?format=pdf&token=x')).status).toBe(400)
    t.setNow(t.deps.now() + 11 * 60_000)
    expect((await anon.get(doc.pdfUrl)).status).toBe(404)
  })
})

describe('server/documents: numbers under concurrency', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startServer()
  })
  afterAll(async () => t.close())

  it('should give 20 concurrent issues the numbers 1..20, and leave no gap when a racing duplicate is rolled back', async () => {
    const window = await t.as('window')
    const cases = []
    for (let i = 0; i < 23; i++) {
      const a = await apply(t)
      await command(window, a.caseId, { type: 'accept' })
      cases.push(a)
    }
    const burst = await Promise.all(cases.slice(0, 20).map((a) => issue(window, a.caseId, { templateId: 'acceptance-notice' })))
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(201))
    expect(burst.map((r) => r.body.seq).sort((x: number, y: number) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(new Set(burst.map((r) => r.body.docNo)).size).toBe(20)
    for (const r of burst) expect(r.body.docNo).toBe(`川宗受〔2026〕${String(r.body.seq).padStart(4, '0')}号`)
    const same = cases[20] as { caseId: string }
    const race = await Promise.all(Array.from({ length: 5 }, () => issue(window, same.caseId, { templateId: 'acceptance-notice' })))
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409])
    expect(race.find((r) => r.status === 201)?.body.seq).toBe(21)
    const next = await issue(window, (cases[21] as { caseId: string }).caseId, { templateId: 'acceptance-notice' })
    expect(next.body.docNo).toBe('川宗受〔2026〕0022号')

    // A failed issue after the counter moved (here: a row squatting number 23) rolls the counter back too.
    const k = t.deps.db.knex
    const model = (await k('documents').where({ seq: 22 }).first()) as Record<string, unknown>
    const squatter = { ...model, id: randomUUID(), seq: 23, event_seq: 9999 }
    await k('documents').insert(squatter)
    const last = cases[22] as { caseId: string }
    const failed = await issue(window, last.caseId, { templateId: 'acceptance-notice' })
    expect(failed.status).toBe(409)
    expect((await k('counters').where({ scope: 'doc:sc-mzw:2026:acceptanceNotice' }).first()).value).toBe(22)
    await k('documents').where({ id: squatter.id }).delete()
    expect((await issue(window, last.caseId, { templateId: 'acceptance-notice' })).body.docNo).toBe('川宗受〔2026〕0023号')
  }, 120_000)
})

describe('server/documents: rendering', () => {
  const def = parseDefinition(JSON.parse(readFileSync(join(templatesDir, 'religious-venue-preparation.json'), 'utf-8'))).definition as PowerItemDefinition
  const template = { ...(def.documents[0] as PowerItemDefinition['documents'][number]), body: '{{form.orgName}}：\n类型：{{form.venueType}}；缺：{{form.nope}}、{{case.noSuchFact}}、{{evil.constructor}}、{{form.__proto__}}\n原样：{{case.reason}}\n{{item.department}}\n{{doc.date}}' }
  const facts = { form: { orgName: '协会\u0007<b>', venueType: 'temple' }, case: { reason: '{{case.queryCode}} 不再展开' }, item: { department: '某委' } }

  it('should substitute as text once, label enums, print ____ for unknown values and move the signature lines to the signature block', () => {
    const c = renderContent(def, template, facts, { docNo: 'X〔2026〕1号', date: '2026年3月2日' })
    expect(c.paragraphs).toEqual([
      { text: '协会<b>：', addressee: true },
      { text: `类型：寺观教堂；缺：${BLANK}、${BLANK}、${BLANK}、${BLANK}` },
      { text: '原样：{{case.queryCode}} 不再展开' },
    ])
    expect(c.department).toBe('四川省民族宗教事务委员会')
    expect(renderHtml(c)).toContain('<p class="addressee">协会&lt;b&gt;：</p>')
  })

  it('should format numbers with {dept}, {year}, {seq} and {seq:N}', () => {
    expect(formatDocNo('川宗受〔{year}〕{seq:4}号', { dept: 'sc-mzw', year: 2026, seq: 7 })).toBe('川宗受〔2026〕0007号')
    expect(formatDocNo('{dept}〔{year}〕{seq}号{other}', { dept: 'sc-mzw', year: 2026, seq: 12345 })).toBe('sc-mzw〔2026〕12345号{other}')
  })

  it('should report characters outside the font subset and draw them as 〓 in the PDF without failing', async () => {
    const c = { title: '通知', docNo: '1号', department: '某委', date: '2026年3月2日', paragraphs: [{ text: '王𠀾、李堃😀' }] }
    expect(missingGlyphs(c)).toEqual(['𠀾', '😀'])
    expect(pdfDefinition(c, 0).content).toContainEqual(expect.objectContaining({ text: '王〓、李堃〓' }))
    const pdf = await renderPdf(c, 0)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })
})
