import type { Page } from 'playwright-core'
import { check, fillFormItem, chooseFormItem, formItem, snap, step, url } from './steps'

/** 咨询 and 投诉 from the hall, each tracked by its number; the transparency page; English; a phone screen. */
export async function hallExtras(citizen: Page): Promise<void> {
  step('Hall: ask a question and track it')
  await citizen.goto(url('/consult?item=religious-venue-preparation'))
  await citizen.getByLabel('姓名').fill('王某')
  await citizen.getByLabel('联系电话').fill('13900000000')
  await citizen.getByLabel('标题').fill('筹备设立需要哪些县级意见？')
  await citizen.getByLabel('内容').fill('请问县级、市级宗教事务部门的审核意见是否需要原件？')
  await citizen.getByRole('button', { name: '提交' }).click()
  await citizen.getByText(/已收到，编号 ZX\d{14}/).waitFor()
  const codes = await citizen.locator('.receipt .big-code').allInnerTexts()
  await citizen.getByLabel('编号').fill(codes[0] ?? '')
  await citizen.getByLabel('查询密码').fill(codes[1] ?? '')
  await citizen.getByRole('button', { name: '查询' }).click()
  await citizen.getByText('待答复').waitFor()
  check(true, `consultation ${codes[0]} submitted and tracked`)
  await snap(citizen, 'hall-consult')

  step('Hall: complain about a case')
  await citizen.goto(url('/complain'))
  await citizen.getByLabel('相关事项').selectOption('religious-venue-preparation')
  await citizen.getByLabel('投诉类别').selectOption('delay')
  await citizen.getByLabel('姓名').fill('王某')
  await citizen.getByLabel('联系电话').fill('13900000000')
  await citizen.getByLabel('标题').fill('窗口答复不清楚')
  await citizen.getByLabel('内容').fill('咨询材料要求时，窗口未一次性告知。')
  await citizen.getByRole('button', { name: '提交' }).click()
  await citizen.getByText(/已收到，编号 TS\d{14}/).waitFor()
  await snap(citizen, 'hall-complain')

  step('Hall: transparency, English, a phone screen')
  await citizen.goto(url('/transparency'))
  await citizen.locator('.figures tbody tr').first().waitFor()
  await snap(citizen, 'hall-transparency')
  await citizen.goto(url('/'))
  await citizen.getByRole('button', { name: 'English' }).click()
  await citizen.getByText('Online Government Service Hall').first().waitFor()
  check((await citizen.evaluate(() => document.documentElement.lang)) === 'en-US', 'the page language follows the UI language')
  await snap(citizen, 'hall-home-en')
  await citizen.getByRole('button', { name: '中文' }).click()
  await citizen.setViewportSize({ width: 390, height: 844 })
  await citizen.goto(url('/apply/religious-venue-preparation'))
  await formItem(citizen, '宗教团体名称').waitFor()
  await snap(citizen, 'hall-apply-phone')
  await citizen.setViewportSize({ width: 1280, height: 900 })
}

/** Window acceptance: the walk-in applicant's application entered with the same form, originals ticked. */
export async function windowAcceptance(window: Page): Promise<void> {
  step('Window: enter a walk-in application, tick received originals')
  await window.goto(url('/workbench/window'))
  // The department may hold several items (the designer's e2e publishes one more): pick it by key.
  await window.locator('#window-item option[value="religious-venue-preparation"]').waitFor({ state: 'attached' })
  await window.locator('#window-item').selectOption('religious-venue-preparation')
  await formItem(window, '宗教团体名称').waitFor()
  await window.getByLabel('申请人（单位）名称').fill('乐山市道教协会')
  await fillFormItem(window, '宗教团体名称', '乐山市道教协会')
  await fillFormItem(window, '统一社会信用代码', '91510100MA6C11111E')
  await fillFormItem(window, '法定代表人', '张某')
  await fillFormItem(window, '联系电话', '13700000000')
  await fillFormItem(window, '拟设立场所名称', '某某观')
  await chooseFormItem(window, '场所类型', '寺观教堂')
  await chooseFormItem(window, '所属宗教', '道教')
  await fillFormItem(window, '拟设立地址', '乐山市市中区某某街2号')
  await fillFormItem(window, '建筑面积', '800')
  for (const slot of await window.locator('.slot').all()) {
    if ((await slot.getAttribute('data-material')) === 'neighbour-opinions') continue
    await slot.getByLabel('已收取纸质材料').check()
    await slot.getByLabel('已验原件').check()
  }
  await snap(window, 'wb-window-intake')
  await window.getByRole('button', { name: '收件登记' }).click()
  await window.getByText(/已登记办件 SL\d{14}/).waitFor()
  await snap(window, 'wb-window-receipt')
}
