/**
 * The supervision platform end to end in Chromium, under a controlled server clock (issue 7 §6):
 * cases of 省民宗委 are accepted on 2026-03-02 → the clock moves to 2026-03-25 and the scheduler
 * ticks → a case is past its promised limit: a 黄牌 appears on the dashboard and the unit is
 * notified (the workbench bell) → the unit gives feedback → the supervisor issues a 督办 → the
 * department's score for 2026-03 is lower than before the card. Also: drill-down from a figure to
 * its list and to the case timeline, CSV/XLSX export, rule configuration, published scores in the hall,
 * and the apply page still within its JS budget (the supervision chunks are lazy).
 *
 *   pnpm --filter @sunlight/runtime build && npx tsx runtime/e2e/supervision.e2e.ts
 *
 * The clock is global to a server, so this script starts its own server (fresh SQLite, demo data,
 * SUNLIGHT_CLOCK_CONTROL=1) serving the built apps, and never moves the clock of the shared one.
 * Screenshots go to test/artifacts/supervision/ (viewport 1366 × 900).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'
import { launch, watchScripts } from './browser'

const root = fileURLToPath(new URL('../../', import.meta.url))
const SHOTS = join(root, 'test/artifacts/supervision/')
mkdirSync(SHOTS, { recursive: true })
for (const f of readdirSync(SHOTS)) if (f.endsWith('.png')) rmSync(join(SHOTS, f))
const PASSWORD = 'Sunlight2026'
const ITEM = 'religious-venue-preparation'
const at = (s: string) => Date.parse(s)

let base = ''
const url = (path: string) => new URL(path.replace(/^\//, ''), base).href

function step(title: string): void {
  console.log(`▶ ${title}`)
}
function check(cond: unknown, message: string): void {
  if (!cond) throw new Error(`check failed: ${message}`)
  console.log(`  ✓ ${message}`)
}
let shot = 0
async function snap(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(500) // charts draw, messages fade in
  const file = join(SHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log(`  📸 ${file.replace(/.*test\//, 'test/')}`)
}

// ── our own server ────────────────────────────────────────────────────────────────────────────
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function startServer(): Promise<ChildProcess> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'sunlight-sv-e2e-'))
  base = `http://127.0.0.1:${port}/`
  const server = spawn(join(root, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SUNLIGHT_DB: join(dir, 'sv.sqlite'), SUNLIGHT_UPLOADS: join(dir, 'uploads'), LOG_LEVEL: 'warn', SUNLIGHT_CLOCK_CONTROL: '1', SUNLIGHT_SCHEDULER_MS: '3600000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url('/api/health'))).ok) break
    } catch {
      /* not up yet */
    }
    if (i > 600) throw new Error('the supervision e2e server did not start within 60 s')
    await new Promise((r) => setTimeout(r, 100))
  }
  console.log(`  server (controlled clock) at ${base}`)
  return server
}

// ── API actors (set up cases, move the clock) ─────────────────────────────────────────────────
/** A signed-in API session; signs in again whenever the clock move expired it. */
async function api(username: string) {
  const r = await fetch(url('/api/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`)
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] as string
  const { csrfToken } = (await r.json()) as { csrfToken: string }
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(url(path), { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path} as ${username}: ${res.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
  return { get: <T>(p: string) => call<T>('GET', p), post: <T>(p: string, b: unknown = {}) => call<T>('POST', p, b) }
}

async function setClock(iso: string): Promise<void> {
  const admin = await api('admin')
  await admin.post('/api/dev/clock', { now: at(iso) })
  const tick = await (await api('admin')).post<{ raised?: number; checked?: number }>('/api/dev/scheduler/tick')
  console.log(`  clock → ${iso}; scheduler tick: ${JSON.stringify(tick)}`)
}

const religiousForm = { orgName: '成都市佛教协会', orgCreditCode: '11510000008231760L', legalRep: '释某某', contactPhone: '028-86001234', venueName: '龙泉驿区某某寺', venueType: 'temple', religion: '佛教', address: '成都市龙泉驿区某某镇某某村', area: 1200 }
// Every mandatory material provided with its original checked at the window (else flow.acceptedIncomplete fires).
const materials = Object.fromEntries(['application', 'need-statement', 'clergy', 'funding', 'planning', 'lower-opinions'].map((m) => [m, { provided: true, originalChecked: true }]))

async function newCase(applicant: string, accept = true): Promise<{ id: string; caseNo: string; queryCode: string }> {
  const window = await api('window')
  const r = await window.post<{ caseId: string; caseNo: string; queryCode: string }>('/api/cases', { itemKey: ITEM, applicant: { name: applicant }, form: { ...religiousForm, orgName: applicant }, materials })
  if (accept) await command('window', r.caseId, { type: 'accept' })
  return { id: r.caseId, caseNo: r.caseNo, queryCode: r.queryCode }
}

/** The public's side: a bad rating of a concluded case and a complaint, without an account. */
async function publicFeedback(c: { caseNo: string; queryCode: string }): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const r = await fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  }
  await post('/api/hall/ratings', { caseNo: c.caseNo, queryCode: c.queryCode, stars: 2, comment: '办理时间比承诺的长，窗口答复不够清楚。', channel: 'pc' })
  await post('/api/hall/complaints', { name: '王某', phone: '13900000000', title: '审查环节迟迟没有进展', content: '申请已受理两周，电话询问无人答复。', itemKey: ITEM, category: 'delay' })
}

async function command(username: string, caseId: string, cmd: Record<string, unknown>): Promise<void> {
  const c = await api(username)
  const d = await c.get<{ case: { version: number } }>(`/api/cases/${caseId}`)
  await c.post(`/api/cases/${caseId}/commands`, { expectedVersion: d.case.version, command: cmd })
}

// ── browser actors ────────────────────────────────────────────────────────────────────────────
const contexts: BrowserContext[] = []
async function actor(): Promise<Page> {
  const ctx = await launch()
  contexts.push(ctx)
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  await page.setViewportSize({ width: 1366, height: 900 })
  page.on('pageerror', (e) => console.error('  [pageerror]', e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|Failed to load resource/.test(m.text())) console.error('  [console]', m.text())
  })
  return page
}

async function signIn(page: Page, username: string, next: string): Promise<void> {
  await page.goto(url(`/workbench/login?next=${encodeURIComponent(next)}`))
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((u) => u.pathname.startsWith(next.split('?')[0] as string))
}

async function departmentScore(page: Page): Promise<number> {
  await page.goto(url('/supervision/scores'))
  await page.locator('select[name="period"]').selectOption('2026-03')
  const row = page.locator('tr[data-subject="sc-mzw"]')
  await row.waitFor()
  await page.waitForTimeout(300)
  return Number(await row.locator('[data-test="score"]').innerText())
}

async function main(): Promise<void> {
  const server = await startServer()
  try {
    step('Apply page stays within its JS budget (supervision and ECharts are lazy)')
    {
      const page = await actor()
      const scripts = watchScripts(page)
      await page.goto(url(`/apply/${ITEM}`), { waitUntil: 'networkidle' })
      const files = await scripts.settle()
      const kb = files.reduce((n, f) => n + f.gzip, 0) / 1024
      check(!files.some((f) => /echarts|supervision|dashboard/i.test(f.url)), 'the apply page loads no ECharts or supervision chunk')
      check(kb <= 250, `apply page JS: ${kb.toFixed(1)} kB gzip in ${files.length} files (≤ 250)`)
    }

    step('2026-03-02: the supervisor configures the global rules (step-limit cards off for this run)')
    await setClock('2026-03-02T09:00:00+08:00')
    const supervisor = await actor()
    await signIn(supervisor, 'supervisor', '/supervision/rules')
    await supervisor.locator('[data-test="rules"] tbody tr').first().waitFor()
    const ruleCount = await supervisor.locator('[data-test="rules"] tbody tr').count()
    check(ruleCount >= 10, `the rules page lists ${ruleCount} global rules`)
    for (const id of ['time.step.warning', 'time.step.yellow', 'time.step.red']) await supervisor.locator(`tr[data-rule="${id}"] input[type="checkbox"]`).uncheck()
    await supervisor.locator('button[data-action="save-rules"]').click()
    await supervisor.getByRole('status').filter({ hasText: '规则已保存' }).waitFor()
    check(!(await supervisor.locator('tr[data-rule="time.step.yellow"] input[type="checkbox"]').isChecked()), 'the step-limit rules are saved as disabled (version + 1)')
    await snap(supervisor, 'rules')

    step('2026-03-02…06: 省民宗委 accepts three applications, concludes one; a fourth waits at the window')
    const late = await newCase('成都市佛教协会')
    const swift = await newCase('眉山市道教协会')
    const third = await newCase('乐山市佛教协会')
    await setClock('2026-03-04T10:00:00+08:00')
    await command('handler', swift.id, { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '建议批准' } })
    await command('checker', swift.id, { type: 'complete', node: 'verify', opinion: '同意' })
    await command('approver', swift.id, { type: 'complete', node: 'approve', opinion: '批准', form: { decision: 'approve' } })
    await setClock('2026-03-06T15:00:00+08:00')
    await command('handler', late.id, { type: 'complete', node: 'review', opinion: '材料齐全，建议批准', form: { reviewOpinion: '建议批准' } })
    await newCase('雅安市伊斯兰教协会', false)
    await publicFeedback(swift)
    console.log(`  cases: ${late.caseNo} (waits at 审核), ${third.caseNo} (waits at 审查), ${swift.caseNo} (concluded)`)

    step('The supervisor before anything is overdue: the dashboard and the department score')
    await signIn(supervisor, 'supervisor', '/supervision')
    await supervisor.locator('[data-kpi="overdue"]').waitFor()
    check((await supervisor.locator('[data-kpi="overdue"]').innerText()) === '0', 'no case is overdue on 2026-03-06')
    check((await supervisor.locator('[data-kpi="cards"]').innerText()) === '0', 'no card is open on 2026-03-06')
    await supervisor.locator('.dash-chart canvas').first().waitFor()
    await snap(supervisor, 'dashboard-before')
    const before = await departmentScore(supervisor)
    check(before > 0, `省民宗委's score for 2026-03 before any card: ${before}`)
    await snap(supervisor, 'scores-before')

    step('2026-03-25: past the promised limit; the scheduler raises the cards')
    await setClock('2026-03-25T10:00:00+08:00')
    // The clock move ended the 8-hour sessions: sign in again.
    await signIn(supervisor, 'supervisor', '/supervision')
    const overdueKpi = supervisor.locator('[data-kpi="overdue"]')
    await overdueKpi.waitFor()
    check(Number(await overdueKpi.innerText()) >= 2, `the dashboard counts ${await overdueKpi.innerText()} overdue cases`)
    const lateRow = supervisor.locator(`[data-test="overdue"] tr[data-case-no="${late.caseNo}"]`)
    await lateRow.waitFor()
    check((await lateRow.locator('[data-card-level]').getAttribute('data-card-level')) === 'yellow', `${late.caseNo} shows a 黄牌 in the overdue list`)
    check(Number(await supervisor.locator('[data-kpi="cards"]').innerText()) >= 2, 'open cards are counted')
    await supervisor.locator('[data-figure="cards"] .link-btn').click()
    const cardsTable = supervisor.locator('[data-figure="cards"] .dash-table')
    check((await cardsTable.innerText()).includes('四川省民族宗教事务委员会'), `the cards figure lists 省民宗委: ${(await cardsTable.innerText()).replace(/\s+/g, ' ')}`)
    await snap(supervisor, 'dashboard-yellow-card')
    await supervisor.locator('.locale-switch').click()
    await supervisor.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await snap(supervisor, 'dashboard-english')
    await supervisor.locator('.locale-switch').click()
    await supervisor.getByRole('heading', { name: '监察大屏' }).waitFor()

    step('Drill down: a click on the 预警 part of the cards bar → the card list')
    const canvas = supervisor.locator('[data-figure="cards"] .dash-chart__canvas')
    await canvas.scrollIntoViewIfNeeded()
    const box = (await canvas.boundingBox()) as { x: number; y: number; width: number; height: number }
    await supervisor.mouse.click(box.x + box.width / 2 + 10, box.y + box.height - 40)
    await supervisor.waitForURL(/\/supervision\/cards\?/)
    check(/cardLevel=warning/.test(supervisor.url()) && /departmentId=sc-mzw/.test(supervisor.url()), `the click opened ${new URL(supervisor.url()).search}`)
    await supervisor.locator('[data-test="cards"] tbody tr [data-card-level="warning"]').first().waitFor()
    check((await supervisor.locator('[data-test="cards"] tbody tr [data-card-level]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card-level')))).every((l) => l === 'warning'), 'the card list holds only 预警 cards')
    await snap(supervisor, 'drill-cards-warning')

    step('Drill down: the ratings figure → the bad ratings of the department')
    await supervisor.goto(url('/supervision/interactions?kind=ratings&departmentId=sc-mzw&bad=1'))
    await supervisor.locator('[data-test="ratings"] tbody tr', { hasText: swift.caseNo }).waitFor()
    check(true, `the 差评 of ${swift.caseNo} is listed`)
    await supervisor.goto(url('/supervision'))
    await overdueKpi.waitFor()

    step('Drill down: the overdue figure → its list → the case timeline')
    await overdueKpi.click()
    await supervisor.waitForURL(/\/supervision\/cases\?/)
    const drilled = supervisor.locator(`[data-test="drill"] tr[data-case-no="${late.caseNo}"]`)
    await drilled.waitFor()
    check(true, `the drilled list (level=overdue) holds ${late.caseNo}`)
    await snap(supervisor, 'drill-overdue-list')
    const csvHref = (await supervisor.locator('[data-export="cases-csv"]').getAttribute('href')) as string
    const csv = await supervisor.request.get(url(csvHref))
    const csvText = await csv.text()
    check(csv.ok() && csvText.includes(late.caseNo), `CSV export of the list: ${csv.status()} ${csv.headers()['content-type']}, holds ${late.caseNo}`)
    const xlsx = await supervisor.request.get(url((await supervisor.locator('[data-export="cases-xlsx"]').getAttribute('href')) as string))
    const body = await xlsx.body()
    check(xlsx.ok() && body.subarray(0, 2).toString() === 'PK', `XLSX export: ${xlsx.status()}, ${body.length} bytes, a zip (PK)`)
    await drilled.locator('a').first().click()
    await supervisor.locator('.case-page .timeline').waitFor()
    await supervisor.locator('.card-row [data-card-level="yellow"]').first().waitFor()
    check(true, 'the case view shows its timeline and its 黄牌')
    await supervisor.locator('form.issue select[name="level"]').selectOption('warning')
    await supervisor.locator('form.issue textarea').fill('审核环节停留过久，请说明原因。')
    await supervisor.locator('form.issue button[type="submit"]').click()
    await supervisor.locator('.card-row', { hasText: '人工发牌' }).waitFor()
    check(true, 'a supervisor issues a 预警 by hand (人工发牌) on the case view')
    await snap(supervisor, 'case-timeline')

    step('The unit (张窗口, 省民宗委) is notified in the workbench')
    const unit = await actor()
    await signIn(unit, 'window', '/workbench/cases')
    const badge = unit.locator('[data-test="bell-badge"]')
    await badge.waitFor()
    check(Number(await badge.innerText()) >= 1, `the bell shows ${await badge.innerText()} unread`)
    await unit.locator('[data-test="bell"]').click()
    const note = unit.locator('.bell__item', { hasText: late.caseNo }).filter({ hasText: '黄牌' }).first()
    await note.waitFor()
    await snap(unit, 'unit-bell')
    await note.locator('button').click()
    await unit.waitForURL(/\/workbench\/cards\//)
    await unit.locator('[data-test="card-message"]').waitFor()
    check((await unit.locator('[data-test="card-status"]').innerText()) === '已发牌', 'the unit opens its 黄牌 (已发牌)')

    step('The unit gives feedback')
    await unit.locator('button[data-action="feedback"]').click()
    await unit.locator('form[data-form="feedback"] textarea').fill('已督促承办人加快审核，预计3月27日前作出决定。')
    await unit.locator('form[data-form="feedback"] button[type="submit"]').click()
    await unit.locator('[data-test="card-status"]', { hasText: '已反馈' }).waitFor()
    check(true, 'the card is 已反馈 and the log records the feedback')
    await snap(unit, 'unit-feedback')
    const cardPath = new URL(unit.url()).pathname.replace('/workbench/', '/supervision/')

    step('The supervisor issues a 督办 with a deadline')
    await supervisor.goto(url(cardPath))
    await supervisor.locator('[data-test="feedback"]').waitFor()
    await supervisor.locator('button[data-action="order"]').click()
    await supervisor.locator('form[data-form="order"] input[type="date"]').fill('2026-04-01')
    await supervisor.locator('form[data-form="order"] textarea').fill('请于2026年4月1日前办结并书面报告超期原因。')
    await supervisor.locator('form[data-form="order"] button[type="submit"]').click()
    await supervisor.locator('[data-test="card-status"]', { hasText: '督办中' }).waitFor()
    check((await supervisor.locator('[data-test="order-due"]').innerText()).startsWith('2026-04-01'), 'the card is 督办中 until 2026-04-01')
    await snap(supervisor, 'supervisor-order')

    step('The unit appeals the other 黄牌; the supervisor rejects the appeal')
    await unit.goto(url(`/workbench/cards?cardLevel=yellow`))
    await unit.locator(`[data-test="cards"] tr[data-case-no="${third.caseNo}"]`).filter({ hasText: '承诺时限黄牌' }).locator('a.btn').click()
    await unit.locator('button[data-action="appeal"]').click()
    await unit.locator('form[data-form="appeal"] textarea').fill('该件审查期间申请人补充说明材料，属特殊情形，申请撤销黄牌。')
    await unit.locator('form[data-form="appeal"] button[type="submit"]').click()
    await unit.locator('[data-test="card-status"]', { hasText: '申诉中' }).waitFor()
    const appealPath = new URL(unit.url()).pathname.replace('/workbench/', '/supervision/')
    await supervisor.goto(url(appealPath))
    await supervisor.locator('button[data-action="decideAppeal"]').click()
    await supervisor.locator('form[data-form="decideAppeal"] input[type="radio"]').nth(1).check()
    await supervisor.locator('form[data-form="decideAppeal"] textarea').fill('补充说明不属于法定扣除时限的情形，申诉不成立。')
    await supervisor.locator('form[data-form="decideAppeal"] button[type="submit"]').click()
    await supervisor.locator('[data-test="card-status"]', { hasText: '已发牌' }).waitFor()
    check((await supervisor.locator('[data-test="card-log"]').innerText()).includes('申诉驳回'), 'the rejected appeal returns the card to 已发牌 and is logged')
    await snap(supervisor, 'appeal-rejected')

    step("The department's score changed")
    const after = await departmentScore(supervisor)
    check(after < before, `省民宗委's 2026-03 score went from ${before} to ${after}`)
    await supervisor.locator('form[data-form="adjust"] select[name="subjectId"]').selectOption('sc-mzw')
    await supervisor.locator('form[data-form="adjust"] input[name="points"]').fill('2')
    await supervisor.locator('form[data-form="adjust"] textarea[name="reason"]').fill('主动公开整改情况，群众来信表扬')
    await supervisor.locator('form[data-form="adjust"] button[type="submit"]').click()
    await supervisor.locator('tr[data-subject="sc-mzw"] [data-test="score"]', { hasText: (after + 2).toFixed(1) }).waitFor()
    check(true, `a manual adjustment of +2 with its reason makes it ${(after + 2).toFixed(1)}`)
    await supervisor.locator('tr[data-subject="sc-mzw"] .link-btn').click()
    await snap(supervisor, 'scores-after')
    await supervisor.locator('button[data-action="publish"]').click()
    await supervisor.locator('[data-test="published"]', { hasText: '已向大厅公开' }).waitFor()

    step("The department's own view: the unit opens the supervision platform")
    await unit.goto(url('/supervision'))
    await unit.locator('[data-kpi="overdue"]').waitFor()
    check((await unit.locator('[data-test="scope"]').innerText()).includes('四川省民族宗教事务委员会'), 'staff see their own department (本部门) only')
    check((await unit.locator('.sv-nav__link', { hasText: '监察规则' }).count()) === 0, 'staff are not offered the rules page')
    await snap(unit, 'unit-own-dashboard')

    step('The unit sees the 督办 and the highest card on its case page')
    await unit.goto(url('/workbench/cases?view=all'))
    await unit.locator('[data-test="bell-badge"]').waitFor()
    await unit.goto(url(`/workbench/cases/${late.id}`))
    await unit.locator('[data-test="case-card"] [data-card-level="yellow"]').waitFor()
    check(true, 'the workbench case page shows the highest card (黄牌)')
    await snap(unit, 'unit-case-card')

    step('The published scores in the hall')
    const citizen = await actor()
    await citizen.goto(url('/scores'))
    await citizen.locator('[data-test="hall-scores"]').waitFor()
    check((await citizen.locator('[data-test="hall-scores"]').innerText()).includes('四川省民族宗教事务委员会'), 'the hall shows the published 2026-03 scores')
    await snap(citizen, 'hall-scores')
  } catch (e) {
    // What each actor saw when it failed.
    for (const c of contexts) for (const p of c.pages()) await snap(p, 'failure').catch(() => undefined)
    throw e
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined)
    server.kill('SIGTERM')
  }
}

main().then(
  () => console.log('supervision e2e: passed'),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
