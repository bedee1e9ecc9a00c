/**
 * Chromium proof of the designer, driven by real mouse drags:
 *
 *   designer builds a new item (form fields and flow nodes dragged in), sets the limits and a
 *   monitoring point, runs the simulation and submits → the legal reviewer rejects the public
 *   flowchart with a reason → the designer sees the reason, fixes it and resubmits → the reviewer
 *   approves → the item is published and listed in the public catalog.
 *
 * Run against a running server (the API on /api and the designer on /designer/):
 *   E2E_URL=http://127.0.0.1:5174/designer/ npx tsx designer/e2e/designer.e2e.ts
 * Screenshots go to test/artifacts/designer/*.png.
 */
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { BASE, bottomOf, centerOf, check, choose, connectNodes, drag, log, login, openTab, ORIGIN, OUT, shot, waitSaved } from './helpers'

// playwright-core is installed for the e2e workspace (test/); resolve it from there.
const here = dirname(fileURLToPath(import.meta.url))
const { chromium } = createRequire(resolve(here, '../../test/package.json'))('playwright-core') as typeof import('playwright-core')

const KEY = `e2e-${Date.now().toString(36)}`
const NAME = '宗教活动场所内部设施改建备案（演示）'


async function designerBuildsItem(page: Page): Promise<void> {
  await login(page, 'designer')
  log('designer signs in and creates a blank item')
  await page.waitForSelector('[data-test=catalog-table]')
  await shot(page, '01-catalog')
  await page.click('[data-test=create-item]')
  await page.fill('[data-test=create-key]', KEY)
  await page.fill('[data-test=create-name]', NAME)
  await page.click('[data-test=create-confirm]')
  await page.waitForSelector('[data-test=basic-form]')

  log('basic information: codes checked as typed')
  await page.fill('[data-test=basic-code]', 'XK00123')
  await page.waitForTimeout(300)
  check(await page.locator('text=基本编码格式应为').count(), 'a malformed basic code is flagged at once')
  await page.fill('[data-test=basic-code]', 'XK00123009')
  await page.click('text=按规则生成')
  const law = page.locator('.legal-basis input').first()
  await law.fill('宗教事务条例')
  await page.locator('.legal-basis input').nth(1).fill('第三十三条')
  await waitSaved(page)
  await shot(page, '02-basic-info')

  log('form designer: fields dragged from the palette onto the canvas')
  await openTab(page, 'form')
  const canvas = page.locator('[data-test=form-canvas]')
  await drag(page, page.locator('[data-palette=applicant]'), await centerOf(canvas))
  await drag(page, page.locator('[data-palette=grid]'), await bottomOf(canvas))
  const grid = page.locator('[data-test=form-canvas] > .cn.k-grid .cn-list')
  await drag(page, page.locator('[data-palette=text]'), await centerOf(grid))
  await drag(page, page.locator('[data-palette=money]'), await centerOf(grid, 60))
  await drag(page, page.locator('[data-palette=radio]'), await bottomOf(canvas, 8))
  await drag(page, page.locator('[data-palette=textarea]'), await bottomOf(canvas, 8))
  await drag(page, page.locator('[data-palette=date]'), await bottomOf(canvas, 8))
  await drag(page, page.locator('[data-palette=region]'), await bottomOf(canvas, 8))
  const names = await page.locator('[data-test=form-canvas] [data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))
  console.log('   fields:', names.join(', '))
  check(names.includes('applicantName') && names.includes('text') && names.includes('amount') && names.includes('radio'), 'dropped fields are on the canvas')
  check(names.indexOf('text') > names.indexOf('grid') && names.indexOf('amount') > names.indexOf('grid'), 'text and amount were dropped inside the grid')

  log('property panel: titles, keys, required; reorder by drag; undo/redo')
  await page.click('[data-test=form-canvas] [data-field=text]')
  await page.fill('[data-test=prop-title]', '改建项目名称')
  await page.fill('[data-test=prop-name]', 'projectName')
  await page.press('[data-test=prop-name]', 'Enter')
  await page.click('[data-test=prop-required]')
  await page.click('[data-test=form-canvas] [data-field=amount]')
  await page.fill('[data-test=prop-title]', '工程预算（元）')
  await page.fill('[data-test=prop-name]', 'budget')
  await page.press('[data-test=prop-name]', 'Enter')
  await page.click('[data-test=form-canvas] [data-field=radio]')
  await page.fill('[data-test=prop-title]', '是否涉及主体结构')
  await page.fill('[data-test=prop-name]', 'structural')
  await page.press('[data-test=prop-name]', 'Enter')
  await page.click('[data-test=form-canvas] [data-field=remark]')
  await page.fill('[data-test=prop-title]', '结构安全评估说明')
  await page.fill('[data-test=prop-name]', 'safetyNote')
  await page.press('[data-test=prop-name]', 'Enter')

  log('linkage built in the condition builder: show the note only when structural = 是')
  await page.locator('[data-test=link-visible] [data-test=cond-add-rule]').click()
  await choose(page, page.locator('[data-test=link-visible] [data-test=cond-left]'), '是否涉及主体结构')
  await choose(page, page.locator('[data-test=link-visible] [data-test=cond-value]'), '是', true)
  const expr = await page.locator('[data-test=link-visible] [data-test=cond-expression]').textContent()
  check(expr?.includes("structural === 'option1'"), `the builder writes a safe expression (got ${expr})`)
  await shot(page, '03-form-designer')

  // drag the date field above the radio (reorder), then undo and redo it
  const before = await page.locator('[data-test=form-canvas] > [data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))
  await drag(page, page.locator('[data-test=form-canvas] > [data-field=date]'), await centerOf(page.locator('[data-test=form-canvas] > [data-field=structural]'), 0, -10))
  const after = await page.locator('[data-test=form-canvas] > [data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))
  check(after.indexOf('date') < after.indexOf('structural'), `dragging reorders fields (${after.join(',')})`)
  await page.locator('[data-test=form-designer]').focus()
  await page.click('[data-test=form-undo]')
  const undone = await page.locator('[data-test=form-canvas] > [data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))
  check(JSON.stringify(undone) === JSON.stringify(before), 'undo restores the order')
  await page.click('[data-test=form-redo]')
  // keyboard: copy the date field and delete the copy
  await page.click('[data-test=form-canvas] [data-field=date]')
  await page.keyboard.press('Control+d')
  check(await page.locator('[data-test=form-canvas] [data-field=date2]').count(), 'Ctrl+D duplicates')
  await page.keyboard.press('Delete')
  check(!(await page.locator('[data-test=form-canvas] [data-field=date2]').count()), 'Delete removes')

  log('live preview with validation, desktop and mobile')
  await page.click('[data-test=form-mode] >> text=预览')
  await page.waitForSelector('[data-test=form-preview] .formily-element-plus-form-item, [data-test=form-preview] form, [data-test=form-preview] .el-input')
  await page.click('[data-test=preview-validate]')
  await page.waitForTimeout(700)
  check(await page.locator('[data-test=preview-errors]').count(), 'validation reports the empty required fields')
  await shot(page, '04-form-preview-desktop')
  // the region cascader offers every province (GB/T 2260), and Sichuan's cities and counties
  await page.locator('[data-test=form-preview] .el-cascader').first().click()
  await page.waitForSelector('.el-cascader-panel .el-cascader-node')
  const provinces = await page.locator('.el-cascader-menu').first().locator('.el-cascader-node').count()
  check(provinces >= 34, `every province is offered (${provinces})`)
  await page.locator('.el-cascader-menu').first().locator('.el-cascader-node', { hasText: '四川省' }).click()
  await page.locator('.el-cascader-menu').nth(1).locator('.el-cascader-node', { hasText: '成都市' }).click()
  await page.waitForSelector('.el-cascader-menu >> nth=2')
  await shot(page, '04b-region-cascader')
  await page.locator('.el-cascader-menu').nth(2).locator('.el-cascader-node', { hasText: '武侯区' }).click()
  await page.keyboard.press('Escape')
  await page.click('[data-test=preview-device] >> text=手机端')
  await page.click('[data-test=preview-validate]')
  await shot(page, '05-form-preview-mobile')
  await page.click('[data-test=form-mode] >> text=设计')
  await waitSaved(page)

  log('flow designer: a step dragged from the LogicFlow panel and wired in by mouse')
  await openTab(page, 'flow')
  await page.waitForSelector('[data-test=flow-canvas] .lf-dnd-item')
  await page.waitForTimeout(800)
  const nodeAt = async (name: string) => page.locator('[data-test=flow-canvas] .lf-node', { hasText: name }).first()
  const approve = await nodeAt('审批决定')
  const accept = await nodeAt('受理')
  const a = await accept.boundingBox()
  const b = await approve.boundingBox()
  if (!a || !b) throw new Error('blank flow not drawn')
  // the new step goes below, between 受理 and 审批决定
  await drag(page, page.locator('.lf-dnd-item.sl-dnd-step'), { x: (a.x + b.x + b.width) / 2, y: a.y + a.height + 150 })
  const fresh = await nodeAt('新环节')
  check(await fresh.count(), 'the dropped step is on the canvas')
  // remove the direct edge 受理 → 审批决定: click it, press Delete
  const edges = page.locator('[data-test=flow-canvas] .lf-graph .lf-edge')
  const edgeCount = await edges.count()
  const mid = { x: (a.x + a.width + b.x) / 2, y: a.y + a.height / 2 }
  await page.mouse.click(mid.x, mid.y)
  await page.waitForTimeout(200)
  await page.keyboard.press('Backspace')
  await page.waitForTimeout(400)
  check((await edges.count()) === edgeCount - 1, 'the selected edge is deleted')
  // the broken flow is outlined on the canvas and listed; a click on a problem selects its node
  await page.waitForSelector('[data-test=flow-diagnostic]')
  await shot(page, '06a-flow-diagnostics')
  await page.locator('[data-test=flow-diagnostic]', { hasText: '定位' }).first().click()
  await page.waitForSelector('[data-test=step-panel], [data-test=node-panel]')
  // undo brings the edge back, redo removes it again
  await page.click('[data-test=flow-undo]')
  await page.waitForTimeout(400)
  check((await edges.count()) === edgeCount, 'undo restores the deleted edge')
  await page.click('[data-test=flow-redo]')
  await page.waitForTimeout(400)
  check((await edges.count()) === edgeCount - 1, 'redo deletes it again')
  // connect 受理 → 新环节 → 审批决定 by dragging from a node's anchor onto the other node
  const c = await page.locator('[data-test=flow-canvas]').boundingBox()
  if (c) await page.mouse.click(c.x + c.width - 260, c.y + 40) // blank canvas: clear the selection
  await connectNodes(page, accept, 'bottom', fresh)
  await connectNodes(page, fresh, 'right', approve)
  check((await edges.count()) === edgeCount + 1, `two edges drawn (${await edges.count()})`)

  log('step panel: name, post, limit, field permissions')
  await fresh.click()
  await page.waitForSelector('[data-test=step-panel]')
  await page.fill('[data-test=step-name]', '现场核查')
  await choose(page, page.locator('[data-test=step-post]'), '执法调查')
  await page.fill('[data-test=step-limit] input', '5')
  await page.locator('[data-test=field-permissions] tr', { hasText: '结构安全评估说明' }).locator('text=可写').click()
  await page.waitForTimeout(400)
  // the steps of the route must fit the promised limit (15 working days): 5 + 5 + 5
  await approve.click()
  await page.fill('[data-test=step-limit] input', '5')
  await page.locator('[data-test=step-limit] input').blur()
  await page.waitForTimeout(600)
  await page.click('[data-test=flow-layout]')
  await page.waitForTimeout(800)
  await shot(page, '06-flow-designer')
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click('[data-test=flow-snapshot]')])
  await download.saveAs(`${OUT}/06b-flow-snapshot.png`)
  console.log('   ↳ 06b-flow-snapshot.png (exported by the designer)')
  await waitSaved(page)
}

async function limitsMonitoringSimulation(page: Page): Promise<void> {
  log('time limits with the timeline on the legal calendar')
  await openTab(page, 'limits')
  await page.fill('[data-test=statutory-limit] input', '20')
  await page.fill('[data-test=promised-limit] input', '15')
  await page.locator('[data-test=promised-limit] input').blur()
  await page.locator('[data-test=timeline-start] input').fill('2026-09-28')
  await page.keyboard.press('Enter')
  await page.waitForTimeout(600)
  await shot(page, '07-limits-timeline', page.locator('[data-test=timeline-preview]'))

  log('a monitoring point built with the condition builder')
  await openTab(page, 'monitoring')
  await page.click('[data-test=add-monitoring]')
  const row = page.locator('[data-test^=mp-row-]').last()
  await row.locator('[data-test=mp-name]').fill('改建预算较大须重点监察')
  await row.locator('text=红牌').click()
  await row.locator('[data-test=mp-expression] >> text=以表达式编辑').click()
  await row.locator('[data-test=mp-expression] textarea').fill('')
  await row.locator('[data-test=mp-expression] >> text=切换为可视化').click().catch(() => undefined)
  await row.locator('[data-test=mp-expression] [data-test=cond-add-rule]').click()
  await choose(page, row.locator('[data-test=cond-left]').last(), '工程预算（元）')
  await choose(page, row.locator('[data-test=cond-op]').last(), '大于等于', true)
  await row.locator('[data-test=cond-value]').last().fill('1000000')
  await page.waitForTimeout(300)
  const mp = await row.locator('[data-test=cond-expression]').textContent()
  check(mp?.includes('form.budget >= 1000000'), `monitoring expression (${mp})`)
  await shot(page, '08-monitoring', row)

  log('simulation: happy path on the legal calendar')
  await openTab(page, 'simulation')
  await page.click('[data-test=sim-run]')
  await page.waitForSelector('[data-test=sim-entry]')
  const status = await page.locator('[data-test=sim-status]').textContent()
  check(status?.includes('已办结'), `simulated case concludes (${status})`)
  await shot(page, '09-simulation')
  await waitSaved(page)

  log('submit for legal review')
  await page.click('[data-test=submit-review]')
  await page.fill('[data-test=submit-reason]', '依据《宗教事务条例》第三十三条，新增宗教活动场所内部设施改建备案事项')
  await page.click('[data-test=submit-confirm]')
  await page.waitForSelector('[data-test=readonly-banner]', { timeout: 15_000 })
  await shot(page, '10-submitted')
}

async function reviewerDecides(page: Page, reject: boolean): Promise<void> {
  await login(page, 'reviewer')
  log(reject ? 'reviewer rejects the public flowchart with a reason' : 'reviewer confirms every part')
  if (reject) {
    // the catalog's department filter is the tree the reviewer oversees (GET /api/departments)
    await page.goto(`${BASE}items`)
    await page.waitForSelector('[data-test=catalog-table]')
    await page.click('[data-test=filter-department]')
    await page.waitForSelector('.el-select-dropdown__item')
    const departments = await page.locator('.el-select-dropdown__item:visible').count()
    check(departments > 5, `the reviewer's department tree (${departments} departments)`)
    await shot(page, '10b-department-filter')
    await page.keyboard.press('Escape')
  }
  await page.goto(`${BASE}review`)
  await page.waitForSelector('[data-test=review-queue]')
  await page.click(`[data-test=review-open-${KEY}]`)
  await page.waitForSelector('[data-test=review-view]')
  await page.click('[data-test=part-publicFlow]')
  await page.waitForSelector('[data-test=flow-compare]')
  if (reject) {
    await page.locator('[data-test=decision-publicFlow] >> text=退回').click()
    await page.fill('[data-test=reason-publicFlow]', '“现场核查”环节对外公开时应使用规范名称“实地核查”，并注明不计入承诺时限的情形。')
    await shot(page, '11-review-reject')
  } else {
    check(await page.locator('[data-test=review-effective-date]').count(), 'the reviewer can choose the effective date')
    await page.locator('[data-test=review-effective-date]').scrollIntoViewIfNeeded()
    await shot(page, '14-review-approve')
  }
  await page.click('[data-test=review-submit]')
  await page.waitForSelector('[data-test=review-queue]')
}

async function designerFixes(page: Page): Promise<void> {
  await login(page, 'designer')
  log('designer sees the reason, fixes the step and resubmits')
  await page.goto(`${BASE}items/${KEY}`)
  await page.waitForSelector('[data-test=review-outcome]')
  const text = await page.locator('[data-test=review-outcome]').textContent()
  check(text?.includes('实地核查'), 'the rejection reason is shown to the designer')
  await shot(page, '12-designer-sees-rejection')
  await openTab(page, 'flow')
  await page.waitForSelector('[data-test=flow-canvas] .lf-node')
  await page.waitForTimeout(600)
  await page.locator('[data-test=flow-canvas] .lf-node', { hasText: '现场核查' }).first().click()
  await page.fill('[data-test=step-name]', '实地核查')
  await page.waitForTimeout(500)
  await waitSaved(page)
  await page.click('[data-test=submit-review]')
  await page.fill('[data-test=submit-reason]', '按法制办意见将环节名称规范为“实地核查”')
  await page.click('[data-test=submit-confirm]')
  await page.waitForSelector('[data-test=readonly-banner]', { timeout: 15_000 })
  await shot(page, '13-resubmitted')
}

async function publishedInHall(page: Page): Promise<void> {
  log('the item is published and listed in the public catalog')
  const catalog = (await (await page.request.get(`${ORIGIN}/api/catalog`)).json()) as { items: { key: string; name: string }[] }
  check(catalog.items.some((i) => i.key === KEY), 'the published item is in /api/catalog')
  await login(page, 'designer')
  await page.goto(`${BASE}items`)
  await page.waitForSelector('[data-test=catalog-table]')
  await page.fill('[data-test=catalog-search]', KEY)
  await page.waitForTimeout(400)
  await shot(page, '15-published-in-catalog')
  // 文书: the server renders a template with the sample data to PDF (样稿, nothing issued)
  await page.goto(`${BASE}items/religious-venue-preparation`)
  await page.waitForSelector('[data-test=basic-form]')
  await openTab(page, 'documents')
  await page.waitForSelector('[data-test=document-preview]')
  const [pdf] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/draft/documents/') && r.url().endsWith('/preview'), { timeout: 30_000 }),
    page.click('[data-test=document-pdf]'),
  ])
  await pdf.finished()
  const size = Number(pdf.headers()['content-length'] ?? 0)
  check(pdf.status() === 200 && pdf.headers()['content-type'] === 'application/pdf' && size > 2000, `the PDF preview is a PDF (${pdf.status()} ${pdf.headers()['content-type']}, ${size} bytes)`)
  // the tab the designer opened shows the blob the server sent: its first bytes are a PDF header
  const popup = page.context().pages().find((p) => p !== page && p.url().startsWith('blob:'))
  const head = popup ? await popup.evaluate(async () => new TextDecoder().decode((await (await fetch(location.href)).arrayBuffer()).slice(0, 5))).catch(() => '') : ''
  console.log(`   PDF preview: ${size} bytes, opened in a new tab: ${popup ? popup.url().slice(0, 40) : 'no (downloaded)'}${head ? `, starts with ${head}` : ''}`)
  for (const p of page.context().pages()) if (p !== page) await p.close()
  await shot(page, '17-documents-pdf-preview')
  // the public hall (runtime app or the server's catalog page) lists the published item
  const hall = process.env.E2E_HALL_URL ?? 'http://127.0.0.1:3000/'
  const home = await page.request.get(hall).catch(() => null)
  if (home?.ok()) {
    await page.goto(hall)
    await page.waitForTimeout(1500)
    const found = await page.getByText(NAME).first().isVisible().catch(() => false)
    console.log(`   hall ${hall} lists the item on its first page: ${found}`)
    await shot(page, '16-public-hall')
  }
}

async function main(): Promise<void> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401|Unauthorized/.test(m.text())) problems.push(`console: ${m.text()}`)
  })
  try {
    await designerBuildsItem(page)
    await limitsMonitoringSimulation(page)
    await reviewerDecides(page, true)
    await designerFixes(page)
    await reviewerDecides(page, false)
    await publishedInHall(page)
    if (problems.length) console.log('browser reported:\n  ' + problems.join('\n  '))
    console.log(`ok: ${KEY} designed, reviewed, fixed, approved and published`)
  } catch (e) {
    await page.screenshot({ path: `${OUT}/failure.png` }).catch(() => undefined)
    if (problems.length) console.log('browser reported:\n  ' + problems.join('\n  '))
    throw e
  } finally {
    await browser.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
