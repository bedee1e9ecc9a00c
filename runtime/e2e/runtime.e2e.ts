/**
 * The runtime end to end in Chromium: a member of the public applies for the religious-venue
 * item with one material missing → the window requests a supplement → the applicant supplements
 * online → the window accepts → each step is handled, including a return and a stale click →
 * the decision is issued → the applicant tracks the case, downloads the decision and rates.
 *
 *   E2E_URL=http://127.0.0.1:5173/ npx tsx runtime/e2e/runtime.e2e.ts
 *
 * Needs the server on :3000 behind the Vite dev or preview server. Screenshots go to
 * test/artifacts/runtime/.
 */
import { readFileSync } from 'node:fs'
import { watchScripts } from './browser'
import { hallExtras, windowAcceptance } from './extras'
import { actor, check, chooseFormItem, closeAll, done, fillFormItem, formItem, openCase, operate, pdf, signIn, snap, step, url } from './steps'

const ITEM = 'religious-venue-preparation'

/** What a first visit to the apply page downloads: every script, gzip-compressed as a server would send it. */
async function measureApplyPage(): Promise<void> {
  step('Apply page weight (issue budget: ≤ 250 kB gzip JS)')
  const page = await actor()
  const scripts = watchScripts(page)
  await page.goto(url(`/apply/${ITEM}`), { waitUntil: 'networkidle' })
  await formItem(page, '宗教团体名称').waitFor()
  const files = await scripts.settle()
  const kb = files.reduce((n, f) => n + f.gzip, 0) / 1024
  check(!files.some((f) => /logicflow/i.test(f.url)), 'LogicFlow is not loaded by the apply page')
  // The Vite dev server sends unbundled modules: only a build (vite preview) has a meaningful weight.
  if (files.some((f) => f.url.includes('/@vite/'))) console.log(`  (dev server: ${files.length} unbundled modules, weight not checked)`)
  else check(kb <= 250, `apply page JS: ${kb.toFixed(1)} kB gzip in ${files.length} files`)
}

async function main(): Promise<void> {
  await measureApplyPage()
  const citizen = await actor()

  step('Hall: home, search, guide with the public flowchart')
  await citizen.goto(url('/'))
  await citizen.getByLabel('搜索办事事项').fill('宗教活动场所')
  await citizen.locator('.item-card').first().waitFor()
  await snap(citizen, 'hall-home-search')
  await citizen.getByRole('link', { name: '宗教活动场所筹备设立审批' }).first().click()
  await citizen.locator('.flowchart svg').first().waitFor()
  check((await citizen.locator('.flowchart g.lf-node').count()) >= 4, 'the public flowchart draws start, steps and end')
  await snap(citizen, 'hall-guide')

  step('Hall: apply with uploads, one mandatory material missing, draft saved')
  await citizen.getByRole('link', { name: '在线申请' }).first().click()
  await formItem(citizen, '宗教团体名称').waitFor()
  await citizen.locator('#applicant-name').fill('成都市佛教协会')
  await citizen.locator('#applicant-id-type').selectOption('01')
  await citizen.locator('#applicant-id').fill('91510100MA6C11111E')
  await citizen.locator('#applicant-phone').fill('13800000000')
  await fillFormItem(citizen, '宗教团体名称', '成都市佛教协会')
  await fillFormItem(citizen, '统一社会信用代码', '91510100MA6C11111E')
  await fillFormItem(citizen, '法定代表人', '释某某')
  await fillFormItem(citizen, '联系电话', '13800000000')
  await fillFormItem(citizen, '拟设立场所名称', '某某寺')
  await chooseFormItem(citizen, '场所类型', '寺观教堂')
  await chooseFormItem(citizen, '所属宗教', '佛教')
  await fillFormItem(citizen, '拟设立地址', '成都市锦江区某某路1号')
  await fillFormItem(citizen, '建筑面积', '1200')
  for (const id of ['application', 'need-statement', 'clergy', 'planning']) await citizen.locator(`#file-${id}`).setInputFiles(pdf(`${id}.pdf`))
  await citizen.locator('.slot[data-material="lower-opinions"] input[type=checkbox]').check()
  await citizen.waitForFunction(() => document.querySelectorAll('.file .ok').length === 4)
  check(await citizen.getByText('尚缺必要材料：资金来源渠道合法的证明材料').isVisible(), 'the page names the missing mandatory material')
  await citizen.getByRole('button', { name: '保存草稿' }).click()
  check(await citizen.getByText('草稿已保存在本机浏览器').isVisible(), 'draft saved in localStorage')
  await snap(citizen, 'hall-apply-filled')
  await citizen.reload()
  await citizen.getByText('已恢复上次保存的草稿').waitFor()
  check((await citizen.locator('.file .ok').count()) === 4, 'the draft restores the form and the uploaded files after a reload')
  check(await citizen.locator('.slot[data-material="lower-opinions"] input[type=checkbox]').isChecked(), 'and the paper choice')
  check((await formItem(citizen, '拟设立场所名称').locator('input').inputValue()) === '某某寺', 'and the form values')
  await citizen.getByRole('button', { name: '提交申请' }).click()
  await citizen.waitForURL(/\/receipt/)
  const caseNo = (await citizen.locator('[data-test=case-no]').innerText()).trim()
  const queryCode = (await citizen.locator('[data-test=query-code]').innerText()).trim()
  check(/^SL\d{14}$/.test(caseNo) && /^\d{6}$/.test(queryCode), `receipt shows case ${caseNo} and a query password`)
  await snap(citizen, 'hall-receipt')
  const receiptDownload = citizen.waitForEvent('download')
  await citizen.locator('[data-test=receipt-pdf]').click()
  const receiptFile = await receiptDownload
  const receiptBytes = readFileSync(await receiptFile.path())
  check(receiptFile.suggestedFilename() === `申请回执-${caseNo}.pdf` && receiptBytes.subarray(0, 5).toString('latin1') === '%PDF-', `the receipt downloads as a server PDF (${receiptFile.suggestedFilename()}, ${receiptBytes.length} bytes)`)

  step('Window: sign in, todo list, acceptance refused for the missing material, 补正 requested')
  const window = await actor()
  await signIn(window, 'window')
  await window.locator(`tr[data-case-no="${caseNo}"]`).waitFor()
  await snap(window, 'wb-todo-window')
  await openCase(window, caseNo)
  const refusal = await operate(window, 'accept', 'accept')
  check(refusal.includes('缺少必须提交的材料'), `acceptance refused in Chinese: ${refusal}`)
  await snap(window, 'wb-accept-refused')
  await window.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click()
  const supplementError = await operate(window, 'accept', 'requestSupplement', async (d) => {
    await d.getByLabel('资金来源渠道合法的证明材料').check()
  })
  check(supplementError === '', '补正 requested for the missing material')
  await window.getByText('告知补正：操作成功').waitFor()
  await snap(window, 'wb-supplement-requested')

  step('Hall: the applicant tracks the case and supplements online')
  await citizen.goto(url(`/track?caseNo=${caseNo}`))
  await citizen.getByLabel('查询密码').fill(queryCode)
  await citizen.getByRole('button', { name: '查询' }).click()
  await citizen.locator('.supplement').waitFor()
  check((await citizen.locator('[data-test=status]').innerText()).includes('待补正'), 'status 待补正 with the pending list')
  await citizen.locator('#file-funding').setInputFiles(pdf('funding.pdf'))
  await citizen.locator('.supplement .file .ok').waitFor()
  await snap(citizen, 'hall-track-supplement')
  await citizen.getByRole('button', { name: '提交补正材料' }).click()
  await citizen.locator('.supplement').waitFor({ state: 'detached' })
  check((await citizen.locator('[data-test=status]').innerText()).includes('待受理'), 'after the supplement the case waits for acceptance again')

  step('Window: accept, issue the acceptance notice')
  await window.getByRole('button', { name: '刷新' }).click()
  await window.waitForTimeout(500)
  const accepted = await operate(window, 'accept', 'accept', async (d) => d.locator('#op-opinion').fill('材料齐全，予以受理'))
  check(accepted === '', `accepted ${accepted}`)
  await window.locator('.tpl[data-template="acceptance-notice"] button[data-op="issue"]').click()
  await window.locator('.tpl[data-template="acceptance-notice"] .ok').waitFor()
  await snap(window, 'wb-accepted')

  step('Handler: review with the writable field, in two tabs (the second click is stale)')
  const handler = await actor()
  await signIn(handler, 'handler')
  await openCase(handler, caseNo)
  // 关注: the handler follows the case; it shows in the watched list
  await handler.locator('[data-test="watch"]').click()
  await handler.locator('[data-test="watch"][aria-pressed="true"]').waitFor()
  await handler.goto(url('/workbench/cases?view=watched'))
  await handler.locator(`tr[data-case-no="${caseNo}"]`).waitFor()
  check((await handler.locator('tbody tr[data-case-no]').count()) === 1, 'the watched list holds the one case the handler follows')
  await snap(handler, 'wb-watched')
  await handler.locator(`tr[data-case-no="${caseNo}"] a`).click()
  await handler.locator('.case-page').waitFor()
  const staleTab = await handler.context().newPage()
  await staleTab.goto(handler.url())
  await staleTab.locator('.case-page').waitFor()
  const missingOpinion = await operate(handler, 'review', 'complete')
  check(missingOpinion.includes('请填写'), `the dialog asks for the required opinion: ${missingOpinion}`)
  await handler.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click()
  await fillFormItem(handler, '审查意见', '经审查，申请材料齐全，符合《宗教事务条例》第二十条规定的条件。')
  await snap(handler, 'wb-review-form')
  done(await operate(handler, 'review', 'complete', async (d) => d.locator('#op-opinion').fill('符合条件，建议批准')), 'review completed')
  const stale = await operate(staleTab, 'review', 'complete', async (d) => d.locator('#op-opinion').fill('重复提交'))
  check(stale.includes('已被他人处理，请刷新'), `a stale version says: ${stale}`)
  await snap(staleTab, 'wb-stale-409')
  await staleTab.close()

  step('Checker: return to review with a reason')
  const checker = await actor()
  await signIn(checker, 'checker')
  await openCase(checker, caseNo)
  done(await operate(checker, 'verify', 'return', async (d) => d.locator('#op-reason').fill('请补充实地核查情况后再报')), 'returned to 审查')
  await snap(checker, 'wb-returned')

  step('Handler again, then checker, then approver decides')
  await openCase(handler, caseNo)
  done(
    await operate(handler, 'review', 'specialProcedure', async (d) => {
      await d.locator('#op-proc').selectOption('fieldCheck')
      await d.locator('#op-reason').fill('拟设立地点需现场核查布局')
    }),
    'special procedure 现场核查 started (excluded from the time limit)',
  )
  await handler.locator('.clock .warn', { hasText: '已暂停计时' }).first().waitFor()
  await snap(handler, 'wb-special-procedure')
  done(await operate(handler, 'review', 'endSpecialProcedure', async (d) => d.locator('#op-outcome').fill('现场核查：布局合理，不妨碍周边')), 'special procedure ended')
  await fillFormItem(handler, '审查意见', '经实地核查，拟设立地点布局合理，符合条件。')
  done(await operate(handler, 'review', 'complete', async (d) => d.locator('#op-opinion').fill('已补充实地核查，符合条件')), 'review completed again')
  await openCase(checker, caseNo)
  done(await operate(checker, 'verify', 'complete', async (d) => d.locator('#op-opinion').fill('同意')), 'verified')
  const approver = await actor()
  await signIn(approver, 'approver')
  await openCase(approver, caseNo)
  await formItem(approver, '审批结论').getByText('批准', { exact: true }).click()
  await snap(approver, 'wb-approve-step')
  done(await operate(approver, 'approve', 'complete', async (d) => d.locator('#op-opinion').fill('同意批准筹备设立')), 'decided')
  await approver.getByText('已办结').first().waitFor()
  await approver.locator('.tpl[data-template="approval-decision"] button[data-op="issue"]').click()
  await approver.locator('.tpl[data-template="approval-decision"] .ok').waitFor()
  await snap(approver, 'wb-concluded-documents')
  await approver.goto(url(`${new URL(approver.url()).pathname}/file`))
  await approver.getByRole('heading', { name: '案卷' }).waitFor()
  await snap(approver, 'wb-case-file')

  step('Hall: track the concluded case, download the decision, rate the service')
  await citizen.goto(url(`/track?caseNo=${caseNo}`))
  await citizen.getByLabel('查询密码').fill(queryCode)
  await citizen.getByRole('button', { name: '查询' }).click()
  await citizen.locator('[data-test=status]', { hasText: '已办结' }).waitFor()
  check((await citizen.locator('[data-test=chain]').innerText()).includes('历史记录未被篡改 ✓'), '历史记录未被篡改 ✓')
  const pdfLink = citizen.locator('[data-test=doc-pdf]').last()
  const href = await pdfLink.getAttribute('href')
  const res = await citizen.request.get(url(href ?? ''))
  check(res.status() === 200 && (res.headers()['content-type'] ?? '').includes('pdf'), `the decision downloads as PDF (${(await res.body()).length} bytes)`)
  await snap(citizen, 'hall-track-concluded')
  await citizen.locator('.star', { hasText: '非常满意' }).click()
  await citizen.getByLabel('评价内容').fill('办理高效，窗口服务热情。')
  await citizen.getByRole('button', { name: '提交评价' }).click()
  await citizen.locator('[data-test=rated]').waitFor()
  await snap(citizen, 'hall-rated')

  await windowAcceptance(window)
  await hallExtras(citizen)
}

try {
  await main()
  console.log('✅ runtime e2e passed')
} catch (e) {
  console.error('❌', e)
  process.exitCode = 1
} finally {
  await closeAll()
}
