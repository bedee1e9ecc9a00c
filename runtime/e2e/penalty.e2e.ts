/**
 * A penalty case in Chromium (对未取得食品经营许可从事食品经营活动的行政处罚, 金牛区市场监管局):
 * two cases entered at the window with the server's PDF receipt → both filed (立案) → the
 * investigator sees the transfer dialog list the colleagues holding the post → merges the second
 * case into the first (并案) with the discretion range shown → chooses a grade and sees its range →
 * a fine outside the band is refused without a reason (the engine's refusal in Chinese) → accepted
 * with a reason (a monitoring warning is raised) → the 案卷 prints as one PDF from the server → the
 * hall's transparency page and the item guide show the case figures.
 *
 *   E2E_URL=http://127.0.0.1:3000/ npx tsx runtime/e2e/penalty.e2e.ts   (or: pnpm test:e2e penalty)
 *
 * Screenshots go to test/artifacts/penalty/ (the PDFs are rendered to PNG there with pdftoppm).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { actor, check, chooseFormItem, closeAll, done, fillFormItem, formItem, openCase, operate, SHOTS, signIn, snap, step, url } from './steps'

const ITEM = 'food-business-unlicensed-penalty'

/** Renders a PDF's first pages to PNG next to the screenshots (poppler's pdftoppm), to look at. */
function pdfToPng(bytes: Buffer, name: string, pages = 1): string[] {
  const file = join(SHOTS, `${name}.pdf`)
  writeFileSync(file, bytes)
  const r = spawnSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', String(pages), file, join(SHOTS, name)])
  if (r.error) {
    console.log(`  (pdftoppm missing: ${file} kept as PDF only)`)
    return []
  }
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf-8' }).stdout ?? ''
  console.log(`  📄 ${file.replace(/.*test\//, 'test/')} (${bytes.length} bytes) → PNG`)
  return [text]
}

async function enterAtWindow(page: Page, party: { name: string; code: string }): Promise<string> {
  await page.goto(url('/workbench/window'))
  await page.locator(`#window-item option[value="${ITEM}"]`).waitFor({ state: 'attached' })
  await page.locator('#window-item').selectOption(ITEM)
  await formItem(page, '当事人姓名（名称）').waitFor()
  await page.locator('#applicant-name').fill(party.name)
  await page.locator('#applicant-id-type').selectOption('01')
  await page.locator('#applicant-id').fill(party.code)
  await formItem(page, '当事人类型').getByText('法人或者其他组织').click()
  await fillFormItem(page, '当事人姓名（名称）', party.name)
  await fillFormItem(page, '身份证件号码（统一社会信用代码）', party.code)
  await fillFormItem(page, '住所（经营场所）', '成都市金牛区某某路88号')
  await chooseFormItem(page, '经营业态', '餐饮服务')
  await chooseFormItem(page, '许可情况', '从未取得食品经营许可')
  for (const slot of await page.locator('.slot').all()) {
    const id = await slot.getAttribute('data-material')
    if (id !== 'clue' && id !== 'party-id') continue
    await slot.getByLabel('已收取纸质材料').check()
  }
  await page.getByRole('button', { name: '收件登记' }).click()
  await page.getByText(/已登记办件 SL\d{14}/).waitFor()
  return ((await page.getByText(/已登记办件 SL\d{14}/).innerText()).match(/SL\d{14}/) ?? [''])[0]
}

async function main(): Promise<void> {
  step('Window of 金牛区市场监管局: two cases against one company, the receipt PDF from the server')
  const head = await actor()
  await signIn(head, 'jn-head')
  const first = await enterAtWindow(head, { name: '成都市金牛区某某餐饮管理有限公司', code: '91510106MA6CXXXX1K' })
  await snap(head, 'window-receipt')
  const download = head.waitForEvent('download')
  await head.locator('[data-test=receipt-pdf]').click()
  const receipt = await download
  const receiptBytes = readFileSync(await receipt.path())
  check(receiptBytes.subarray(0, 5).toString('latin1') === '%PDF-' && receipt.suggestedFilename() === `申请回执-${first}.pdf`, `receipt PDF downloaded as ${receipt.suggestedFilename()}`)
  const [receiptText] = pdfToPng(receiptBytes, 'receipt-pdf')
  if (receiptText !== undefined) check(receiptText.includes(first) && receiptText.includes('查询密码') && receiptText.includes('成都市金牛区市场监督管理局'), 'the receipt PDF carries the case number, the query password line and the department')
  const second = await enterAtWindow(head, { name: '成都市金牛区某某餐饮管理有限公司', code: '91510106MA6CXXXX1K' })
  check(/^SL\d{14}$/.test(first) && /^SL\d{14}$/.test(second) && first !== second, `cases ${first} and ${second} entered`)

  step('立案: the head files both cases')
  for (const no of [first, second]) {
    await openCase(head, no)
    done(await operate(head, 'accept', 'accept', async (d) => d.locator('#op-opinion').fill('经核查，涉嫌无证经营，予以立案')), `${no} filed`)
  }
  await snap(head, 'filed')

  step('Investigator: the transfer dialog lists the colleagues holding the post')
  const inv = await actor()
  await signIn(inv, 'jn-investigator')
  await openCase(inv, first)
  await inv.locator('.ops__group[data-node="investigate"] button[data-op="transfer"]').click()
  const transfer = inv.locator('.el-dialog:visible')
  await transfer.locator('#op-user option', { hasText: '陈执法' }).waitFor({ state: 'attached' })
  const options = await transfer.locator('#op-user option:not([disabled])').allInnerTexts()
  check(options.length === 1 && options[0] === '陈执法（金牛区市场监管局）', `the colleagues offered: ${options.join('、')} (not oneself, only the investigator post)`)
  await snap(inv, 'transfer-colleagues')
  await transfer.getByRole('button', { name: '取消' }).click()

  step('并案: the second case merged into the first, with the discretion range of the grade')
  await fillFormItem(inv, '违法经营食品货值金额（元）', '5000')
  const merged = await operate(inv, 'investigate', 'merge', async (d) => {
    await d.locator('#op-cases').fill(second)
    await d.locator('#op-grade').selectOption('low-general')
    await d.locator('.band').waitFor()
    check((await d.locator('.band').innerText()).includes('65,000–85,000'), `merge dialog shows the range: ${await d.locator('.band').innerText()}`)
    await d.locator('#op-reason').fill('同一当事人同一违法行为，合并处理，一事不再罚')
    await snap(inv, 'merge-dialog')
  })
  done(merged, `${second} merged into ${first}`)
  await inv.goto(url('/workbench/cases?view=all'))
  await inv.locator(`tr[data-case-no="${second}"]`).waitFor()
  check((await inv.locator(`tr[data-case-no="${second}"]`).innerText()).includes('已办结'), `${second} is concluded as merged`)
  await snap(inv, 'merged-list')

  step('Investigation: grade chosen, its range shown; a fine outside the band is refused without a reason')
  await openCase(inv, first)
  await fillFormItem(inv, '违法经营食品货值金额（元）', '5000')
  await formItem(inv, '调查结论').getByText('违法事实成立，拟予处罚').click()
  await chooseFormItem(inv, '裁量等级', '货值不足一万元·一般')
  await fillFormItem(inv, '违法事实', '当事人未取得食品经营许可，在金牛区某某路88号从事餐饮服务。')
  await inv.locator('.ops__group[data-node="investigate"] button[data-op="complete"]').click()
  const dialog = inv.locator('.el-dialog:visible')
  await dialog.locator('#op-grade').waitFor()
  check((await dialog.locator('#op-grade').inputValue()) === 'low-general', 'the dialog starts from the grade recorded in the form')
  check((await dialog.locator('.band').innerText()).includes('65,000–85,000'), `range for 一般: ${await dialog.locator('.band').innerText()}`)
  await dialog.locator('#op-grade').selectOption('low-heavy')
  check((await dialog.locator('.band').innerText()).includes('85,000–100,000'), `range for 从重 follows the choice: ${await dialog.locator('.band').innerText()}`)
  await snap(inv, 'grade-heavy-range')
  await dialog.locator('#op-grade').selectOption('low-general')
  await dialog.locator('#op-opinion').fill('违法事实清楚，证据确凿，建议按一般情形处罚')
  await dialog.locator('#op-amount').fill('90000')
  await dialog.locator('p.danger', { hasText: '金额超出裁量幅度' }).waitFor()
  await snap(inv, 'outside-band-warning')
  await dialog.getByRole('button', { name: '确定' }).click()
  const refusal = dialog.locator('.server-error')
  await refusal.waitFor()
  const text = await refusal.innerText()
  check(text.includes('罚款金额 90000 超出') && text.includes('必须说明理由'), `refused without a reason: ${text}`)
  await snap(inv, 'outside-band-refused')

  step('…and accepted with a reason; the engine raises a monitoring warning')
  await dialog.locator('#op-reason').fill('当事人经营场所紧邻小学，社会影响较大，在一般情形幅度上限以上处罚')
  await dialog.getByRole('button', { name: '确定' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await inv.getByText('提交办理：操作成功').waitFor()
  await inv.reload()
  await inv.locator('.case-page').waitFor()
  const timeline = await inv.locator('.case-page').innerText()
  check(timeline.includes('监察提示'), 'the timeline shows the monitoring warning (罚款超出裁量幅度)')
  await snap(inv, 'investigation-done')

  step('案卷 as one PDF from the server')
  const href = await inv.locator('[data-test=case-file-pdf]').getAttribute('href')
  const res = await inv.request.get(url(href ?? ''))
  const bytes = Buffer.from(await res.body())
  check(res.status() === 200 && bytes.subarray(0, 5).toString('latin1') === '%PDF-', `案卷 PDF (${bytes.length} bytes)`)
  const [fileText] = pdfToPng(bytes, 'case-file-pdf', 4)
  const flat = (fileText ?? '').replace(/\s+/g, '')
  if (fileText !== undefined) check(['行政权力事项办理案卷', first, '各环节办理意见', '经营场所紧邻小学', '罚款90000元', '并案'].every((s) => flat.includes(s)), 'the 案卷 has the cover, the case number, every step with the merge and the reason given for the fine')

  step('Hall: transparency figures and the item guide')
  const citizen = await actor()
  await citizen.goto(url('/transparency'))
  const row = citizen.locator('[data-test=dept-figures] tr', { hasText: '成都市金牛区市场监督管理局' })
  await row.waitFor()
  const cells = await row.locator('td').allInnerTexts()
  check(cells[0] === '2' && cells[1] === '1', `金牛区: received ${cells[0]}, concluded ${cells[1]} (the merged case)`)
  await snap(citizen, 'transparency')
  await citizen.goto(url(`/items/${ITEM}`))
  await citizen.locator('[data-test=item-figures]').waitFor()
  check((await citizen.locator('[data-test=item-figures]').innerText()).includes('收件量'), 'the item guide shows its case figures')
  await snap(citizen, 'item-guide-figures')
}

try {
  await main()
  console.log('✅ penalty e2e passed')
} catch (e) {
  console.error('❌', e)
  process.exitCode = 1
} finally {
  await closeAll()
}
