/**
 * Injection sweep in Chromium (issue #8 item 5). Through the real API, the designer creates an item
 * whose every administrator-authored text carries XSS payloads (xss-payloads.ts) and whose linkage,
 * gateway and monitoring expressions carry payloads in string literals; the legal reviewer looks at
 * the review diff and approves; a citizen applies, staff accept and issue a document. Then every
 * page that shows those texts is visited: hall home, guide, apply, track with the issued document,
 * workbench case page, case file, window acceptance, the document's HTML, the designer's editor
 * tabs (on a draft that also holds expressions the safe language refuses) and the review view.
 *
 * On every page: `window.__xss` is never set, no dialog opens, no element carries an inline event
 * handler or a javascript: link, and every HTML document response carries a CSP without
 * 'unsafe-eval'. The browser contexts bypass the CSP (bypassCSP) so that the escaping of the
 * apps is what is tested, not only the header; the header is checked separately on each response.
 *
 *   pnpm test:e2e xss            (builds the apps, boots the server, runs this script)
 * Screenshots: test/artifacts/xss/*.png
 */
import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { baseUrl, launch, shot } from './browser'
import { injectExpressions, injectTexts } from './xss-payloads'

const ORIGIN = new URL(baseUrl()).origin
const KEY = `xss-${Date.now().toString(36)}`
const PASSWORD = 'Sunlight2026'
const template = JSON.parse(readFileSync(new URL('../../templates/religious-venue-preparation.json', import.meta.url), 'utf8')) as Record<string, unknown>

function check(cond: unknown, message: string): void {
  if (!cond) throw new Error(`check failed: ${message}`)
  console.log(`  ✓ ${message}`)
}

/** A signed-in API session (cookie + CSRF header), as the apps' typed client holds one. */
class Api {
  private cookie = ''
  private csrf = ''
  async login(username: string): Promise<this> {
    const r = await fetch(`${ORIGIN}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })
    if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`)
    this.cookie = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ')
    this.csrf = ((await r.json()) as { csrfToken: string }).csrfToken
    return this
  }
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', cookie: this.cookie }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf
    const r = await fetch(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 2000)}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
}

interface Diagnostic {
  severity: string
  path: string
  message: string
}
type Version = { version: number; definition: Record<string, unknown>; diagnostics?: Diagnostic[] }

/** Everything the sweep watched, over all pages. */
const seen = { documents: 0, pages: 0, dialogs: [] as string[], badCsp: [] as string[] }

let browser: Browser
async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
  ctx.on('page', watch)
  return ctx
}

/** Every HTML document response must carry a CSP without 'unsafe-eval'; any dialog is a finding. */
function watch(page: Page): void {
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()} on ${page.url()}`)
    void d.dismiss()
  })
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document') return
    const type = r.headers()['content-type'] ?? ''
    if (!type.includes('text/html')) return
    seen.documents++
    const csp = r.headers()['content-security-policy'] ?? ''
    if (!csp || /unsafe-eval/.test(csp) || !/script-src 'self'(;|$)/.test(csp)) seen.badCsp.push(`${r.url()}: ${csp || '(none)'}`)
  })
}

async function newPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage()
  return page
}

/** After a page settled: nothing ran, and no injected markup reached the DOM as elements. */
async function assertClean(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(500)
  const found = await page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown }
    const handlers: string[] = []
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) if (/^on[a-z]+$/i.test(a.name)) handlers.push(`<${el.tagName.toLowerCase()} ${a.name}>`)
    }
    const jsLinks = Array.from(document.querySelectorAll('a[href], area[href], iframe[src], form[action]'))
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '')
      .filter((h) => /^\s*(javascript|data|vbscript):/i.test(h))
    const scripts = Array.from(document.scripts).filter((s) => /__xss/.test(s.textContent ?? '')).length
    const imgs = document.querySelectorAll('img[src="x"]').length
    return { xss: w.__xss, handlers, jsLinks, scripts, imgs }
  })
  seen.pages++
  const problems = [
    found.xss !== undefined && 'window.__xss was set',
    found.handlers.length > 0 && `inline event handlers ${found.handlers.slice(0, 5).join(' ')}`,
    found.jsLinks.length > 0 && `javascript:/data: links ${found.jsLinks.slice(0, 3).join(' ')}`,
    (found.scripts > 0 || found.imgs > 0) && 'an injected <script> or <img src=x> element',
    seen.dialogs.length > 0 && `a dialog opened: ${seen.dialogs.join('; ')}`,
  ].filter(Boolean)
  check(problems.length === 0, `${what}: nothing executed, no injected element, handler or script link, no dialog${problems.length ? ` — ${problems.join('; ')}` : ''}`)
}

async function visit(page: Page, path: string, what: string, ready?: string): Promise<void> {
  await page.goto(`${ORIGIN}${path}`)
  if (ready) await page.locator(ready).first().waitFor({ timeout: 20_000 })
  else await page.waitForLoadState('networkidle')
  await assertClean(page, what)
}

/** The payloads reached the page as text (so the page really shows the authored strings). */
async function showsPayloadText(page: Page, what: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText)
  check(/<img src=x onerror=window\.__xss=1>|<script>window\.__xss=1<\/script>|<svg onload=window\.__xss=1>/.test(text), `${what}: the payloads are shown as text`)
}

async function designerSignIn(page: Page, user: string): Promise<void> {
  await page.goto(`${ORIGIN}/designer/login`)
  await page.fill('[data-test=login-username]', user)
  await page.fill('[data-test=login-password]', PASSWORD)
  await page.click('[data-test=login-submit]')
  await page.waitForSelector('[data-test=current-user]')
}

async function main(): Promise<void> {
  browser = await launch()
  try {
    console.log(`▶ designer creates ${KEY} with payloads in every authored text, submits it`)
    const designer = await new Api().login('designer')
    await designer.call('POST', '/api/items', { source: 'template', key: KEY, templateKey: 'religious-venue-preparation' })
    const hostile = injectTexts({ ...template, key: KEY } as never)
    const saved = await designer.call<Version>('PUT', `/api/items/${KEY}/draft`, { definition: hostile })
    const errors = (saved.diagnostics ?? []).filter((d) => d.severity === 'error')
    check(errors.length === 0, `the hostile definition is valid (${errors.map((e) => `${e.path}: ${e.message}`).join('; ')})`)
    await designer.call('POST', `/api/items/${KEY}/submit`, { type: 'add', reason: '注入测试：新增事项<img src=x onerror=window.__xss=1>', legalBasis: '《宗教事务条例》<script>window.__xss=1</script>' })

    console.log('▶ the legal reviewer opens the review diff (every part), then approves')
    const reviewerCtx = await context()
    const rp = await newPage(reviewerCtx)
    await designerSignIn(rp, 'reviewer')
    await visit(rp, `/designer/review/${KEY}/${saved.version}`, 'review view', '[data-test=review-view]')
    await showsPayloadText(rp, 'review diff')
    for (const part of ['basicInfo', 'publicFlow', 'internalFlow', 'discretion']) {
      await rp.click(`[data-test=part-${part}]`)
      await rp.waitForTimeout(800)
      await assertClean(rp, `review part ${part}`)
      if (part === 'basicInfo' || part === 'publicFlow') await shot(rp, 'xss', `review-${part}`)
    }
    const reviewer = await new Api().login('reviewer')
    await reviewer.call('POST', `/api/items/${KEY}/versions/${saved.version}/review`, { basicInfo: { decision: 'confirm' }, publicFlow: { decision: 'confirm' } })
    const catalog = await (await fetch(`${ORIGIN}/api/catalog/${KEY}`)).json() as { key?: string }
    check(catalog.key === KEY || JSON.stringify(catalog).includes(KEY), 'the hostile item is published')

    console.log('▶ hall: the item pages as the server fills them (heading and inline entry in the HTML)')
    const entry = (await (await fetch(`${ORIGIN}/api/catalog/${KEY}`)).json()) as Record<string, unknown>
    for (const path of [`/items/${KEY}`, `/apply/${KEY}`]) {
      const html = await (await fetch(`${ORIGIN}${path}`)).text()
      const markup = html.replace(/<script type="application\/json" id="sl-page-data">[^<]*<\/script>/, '')
      check(!/<(img|svg|iframe)[\s/][^>]*(src=x|onload|onerror)|<script>window|javascript:/i.test(markup), `${path} HTML: no payload as markup outside the data block`)
      const tags = html.match(/<script\b[^>]*>/gi) ?? []
      check(tags.length > 0 && tags.every((t) => /^<script type="module" crossorigin src="\/assets\/[\w.-]+\.js">$/.test(t) || t === '<script type="application/json" id="sl-page-data">'), `${path} HTML: only the app's module script and the JSON data block (${tags.length} script tags)`)
      const data = /<script type="application\/json" id="sl-page-data">([^<]*)<\/script>/.exec(html)
      check(data && JSON.stringify((JSON.parse(data[1] as string) as { entry: unknown }).entry) === JSON.stringify(entry), `${path} HTML: the inline entry holds no '<' and equals GET /api/catalog/:key`)
      check(/<h1>[^<]*&lt;[^<]*<\/h1>/.test(html), `${path} HTML: the heading shows the hostile name escaped`)
    }

    console.log('▶ hall: home, guide, apply')
    const citizenCtx = await context()
    const cp = await newPage(citizenCtx)
    await visit(cp, '/', 'hall home')
    await cp.getByLabel('搜索办事事项').fill('宗教活动场所筹备')
    await cp.waitForTimeout(800)
    await assertClean(cp, 'hall search')
    await visit(cp, `/items/${KEY}`, 'item guide', '.flowchart svg')
    await cp.waitForTimeout(800)
    await showsPayloadText(cp, 'item guide')
    await shot(cp, 'xss', 'hall-guide')
    await visit(cp, `/apply/${KEY}`, 'apply form', '.formily-element-plus-form-item')
    await showsPayloadText(cp, 'apply form')
    // Open the select with tainted options, hover the help icons, flip the linkage switch.
    await cp.locator('.formily-element-plus-form-item .el-select').first().click().catch(() => undefined)
    await cp.waitForTimeout(400)
    for (const icon of await cp.locator('.formily-element-plus-form-item-label-tooltip, .formily-element-plus-form-item .el-icon').all().then((l) => l.slice(0, 4))) await icon.hover().catch(() => undefined)
    await cp.locator('.formily-element-plus-form-item .el-switch').first().click().catch(() => undefined)
    await assertClean(cp, 'apply form after opening options, tooltips and the linkage')
    await shot(cp, 'xss', 'hall-apply')

    console.log('▶ a citizen applies; the window accepts and issues the acceptance notice')
    const application = await (
      await fetch(`${ORIGIN}/api/hall/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          itemKey: KEY,
          applicant: { name: '成都市佛教协会<img src=x onerror=window.__xss=1>', idType: '01', idNumber: '91510100MA6C11111E', phone: '13800000000' },
          form: { orgName: '成都市佛教协会', orgCreditCode: '11510000008231760L', legalRep: '释某某', contactPhone: '028-86001234', venueName: '某某寺<svg onload=window.__xss=1>', venueType: 'temple', religion: '佛教', address: '成都市锦江区某某路1号', area: 1200 },
          materials: Object.fromEntries(['application', 'need-statement', 'clergy', 'funding', 'planning', 'lower-opinions'].map((m) => [m, { provided: true }])),
        }),
      })
    ).json() as { caseId: string; caseNo: string; queryCode: string; version: number }
    check(/^SL\d{14}$/.test(application.caseNo), `application ${application.caseNo} submitted`)
    const window = await new Api().login('window')
    await window.call('POST', `/api/cases/${application.caseId}/commands`, { expectedVersion: application.version, command: { type: 'accept', opinion: '材料齐全，予以受理' } })
    const docs = await window.call<{ templates: { id: string; issuedDocumentId?: string | null }[] }>('GET', `/api/cases/${application.caseId}/documents`)
    let docId = docs.templates.find((t) => t.id === 'acceptance-notice')?.issuedDocumentId ?? undefined
    if (!docId) docId = (await window.call<{ id: string }>('POST', `/api/cases/${application.caseId}/documents`, { templateId: 'acceptance-notice' })).id
    check(typeof docId === 'string', `acceptance notice ${docId} issued`)

    console.log('▶ workbench: case page, documents, case file, window acceptance, document HTML')
    const staffCtx = await context()
    const sp = await newPage(staffCtx)
    await sp.goto(`${ORIGIN}/workbench/login`)
    await sp.getByLabel('用户名').fill('window')
    await sp.getByLabel('密码').fill(PASSWORD)
    await sp.getByRole('button', { name: '登录' }).click()
    await sp.waitForURL(/\/workbench\/cases/)
    await assertClean(sp, 'workbench todo list')
    await visit(sp, `/workbench/cases/${application.caseId}`, 'workbench case page', '.case-page')
    await sp.waitForTimeout(1000)
    await showsPayloadText(sp, 'case page')
    await shot(sp, 'xss', 'workbench-case')
    await visit(sp, `/workbench/cases/${application.caseId}/file`, 'case file (案卷)')
    await shot(sp, 'xss', 'workbench-case-file')
    await visit(sp, '/workbench/window', 'window acceptance')
    await visit(sp, `/api/documents/${docId}?format=html`, 'document HTML', 'main.page')
    await showsPayloadText(sp, 'document HTML')
    await shot(sp, 'xss', 'document-html')

    console.log('▶ hall: track the case, open the issued document')
    await visit(cp, `/track?caseNo=${application.caseNo}`, 'track form', '#track-code')
    await cp.fill('#track-code', application.queryCode)
    await cp.locator('button[type=submit]').click()
    await cp.locator('[data-test=chain]').waitFor()
    await cp.waitForTimeout(800)
    await assertClean(cp, 'track result')
    await shot(cp, 'xss', 'hall-track')
    const html = await cp.locator('a', { hasText: '在线查看' }).first().getAttribute('href')
    if (html) {
      await visit(cp, new URL(html, ORIGIN).pathname + new URL(html, ORIGIN).search, 'document HTML via the hall link', 'main.page')
    }

    console.log('▶ designer: a draft that also holds refused expressions, every editor tab')
    await designer.call('POST', `/api/items/${KEY}/draft`)
    const published = await designer.call<Version>('GET', `/api/items/${KEY}/versions/${saved.version}`)
    const worse = await designer.call<Version>('PUT', `/api/items/${KEY}/draft`, { definition: injectExpressions(published.definition as never) })
    const refused = (worse.diagnostics ?? []).filter((d) => d.severity === 'error').map((d) => d.path)
    check(refused.length >= 4, `the validator refuses the constructor/this expressions (${refused.join(', ')})`)
    const designerCtx = await context()
    const dp = await newPage(designerCtx)
    await designerSignIn(dp, 'designer')
    await visit(dp, `/designer/items/${KEY}`, 'designer editor', '[data-test=basic-form]')
    await showsPayloadText(dp, 'designer basic info')
    for (const tab of ['basic', 'materials', 'form', 'flow', 'limits', 'monitoring', 'discretion', 'documents', 'responsibilities', 'simulation']) {
      await dp.click(`[data-test=tab-${tab}]`)
      await dp.waitForTimeout(900)
      if (tab === 'form') {
        await dp.locator('[data-test=form-canvas] [data-field]').first().click().catch(() => undefined)
        await dp.waitForTimeout(400)
        await dp.locator('[data-test=form-mode]').getByText('预览').click()
        await dp.waitForTimeout(900)
        await dp.locator('.el-switch').first().click().catch(() => undefined)
        await shot(dp, 'xss', 'designer-form-preview')
      }
      if (tab === 'simulation') {
        await dp.click('[data-test=sim-run]').catch(() => undefined)
        await dp.waitForTimeout(1500)
      }
      await assertClean(dp, `designer tab ${tab}`)
      if (['materials', 'flow', 'documents', 'simulation'].includes(tab)) await shot(dp, 'xss', `designer-${tab}`)
    }
    await visit(dp, '/designer/items', 'designer catalog', '[data-test=catalog-table]')
    await visit(dp, `/designer/items/${KEY}/history`, 'designer history')

    check(seen.documents >= 10, `${seen.documents} HTML documents loaded, every one with a CSP without 'unsafe-eval' (${seen.badCsp.join('; ') || 'none failed'})`)
    check(seen.badCsp.length === 0, 'no HTML response without a strict CSP')
    check(seen.dialogs.length === 0, 'no dialog opened anywhere')
    console.log(`xss: ${seen.pages} page states checked, ${seen.documents} HTML documents with a strict CSP, nothing executed`)
  } catch (e) {
    for (const ctx of browser.contexts()) for (const p of ctx.pages()) await p.screenshot({ path: `${process.cwd()}/test/artifacts/xss-failure-${ctx.pages().indexOf(p)}.png` }).catch(() => undefined)
    throw e
  } finally {
    await browser.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
