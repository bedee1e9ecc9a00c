/** Helpers of the designer's Chromium proof: real mouse drags, Element Plus selects, screenshots. */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const BASE = process.env.E2E_URL ?? 'http://127.0.0.1:5174/designer/'
export const ORIGIN = new URL(BASE).origin
export const OUT = resolve(here, '../../test/artifacts/designer')
const PASSWORD = process.env.E2E_PASSWORD ?? 'Sunlight2026'
mkdirSync(OUT, { recursive: true })

let step = 0
export function log(message: string): void {
  step++
  console.log(`${String(step).padStart(2, '0')} ${message}`)
}
export async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  await page.waitForTimeout(400)
  if (target) await target.screenshot({ path: `${OUT}/${name}.png` })
  else await page.screenshot({ path: `${OUT}/${name}.png` })
  console.log(`   ↳ ${name}.png`)
}
export function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(`check failed: ${message}`)
}

/** Presses at the centre of `from`, moves in small steps to `to` (+offset), releases: a real drag. */
export async function drag(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  await from.scrollIntoViewIfNeeded()
  const a = await from.boundingBox()
  if (!a) throw new Error('drag source not visible')
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  const steps = 12
  for (let i = 1; i <= steps; i++) {
    const x = a.x + a.width / 2 + ((to.x - (a.x + a.width / 2)) * i) / steps
    const y = a.y + a.height / 2 + ((to.y - (a.y + a.height / 2)) * i) / steps
    await page.mouse.move(x, y)
    await page.waitForTimeout(15)
  }
  await page.mouse.up()
  await page.waitForTimeout(250)
}
export async function centerOf(locator: Locator, dx = 0, dy = 0): Promise<{ x: number; y: number }> {
  const b = await locator.boundingBox()
  if (!b) throw new Error('target not visible')
  return { x: b.x + b.width / 2 + dx, y: b.y + b.height / 2 + dy }
}
export async function bottomOf(locator: Locator, inset = 12): Promise<{ x: number; y: number }> {
  const b = await locator.boundingBox()
  if (!b) throw new Error('target not visible')
  return { x: b.x + b.width / 2, y: b.y + b.height - inset }
}

export async function login(page: Page, username: string): Promise<void> {
  await page.goto(BASE)
  if (await page.locator('[data-test=current-user]').count()) {
    await page.click('text=退出')
    await page.waitForSelector('[data-test=login-username]')
  }
  await page.fill('[data-test=login-username]', username)
  await page.fill('[data-test=login-password]', PASSWORD)
  await page.click('[data-test=login-submit]')
  await page.waitForSelector('[data-test=current-user]')
}
export async function openTab(page: Page, tab: string): Promise<void> {
  await page.click(`[data-test=tab-${tab}]`)
  await page.waitForTimeout(600)
}
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-test=save-state]')?.textContent ?? ''
    return s.includes('已自动保存') || s.includes('草稿已保存')
  }, undefined, { timeout: 15_000 })
}
/** Picks an option of an Element Plus select by its visible text. */
export async function choose(page: Page, select: Locator, text: string, exact = false): Promise<void> {
  await select.click()
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: exact ? new RegExp(`^\\s*${escaped}\\s*$`) : text }).first()
  await option.click()
  await page.waitForTimeout(350)
}

/** Draws an edge the way a person does: hover the node, press on its anchor, drop on the other node. */
export async function connectNodes(page: Page, from: Locator, side: 'right' | 'bottom', to: Locator): Promise<void> {
  const box = await from.boundingBox()
  const target = await to.boundingBox()
  if (!box || !target) throw new Error('nodes not drawn')
  await page.mouse.move(box.x - 60, box.y - 60)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 })
  await page.waitForTimeout(250)
  const anchors = (
    await page.locator('[data-test=flow-canvas] .lf-node-anchor').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect()
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
      }),
    )
  ).filter((p) => p.x >= box.x - 8 && p.x <= box.x + box.width + 8 && p.y >= box.y - 8 && p.y <= box.y + box.height + 8)
  const pick = anchors.sort((p, q) => (side === 'right' ? q.x - p.x : q.y - p.y))[0]
  if (!pick) throw new Error(`no anchors shown on hover (box ${JSON.stringify(box)}, anchors ${await page.locator('.lf-node-anchor').count()})`)
  await page.mouse.move(pick.x, pick.y, { steps: 3 })
  await page.waitForTimeout(200)
  await page.mouse.down()
  const goal = { x: target.x + target.width / 2, y: target.y + target.height / 2 }
  for (let i = 1; i <= 16; i++) {
    await page.mouse.move(pick.x + ((goal.x - pick.x) * i) / 16, pick.y + ((goal.y - pick.y) * i) / 16)
    await page.waitForTimeout(16)
  }
  await page.waitForTimeout(250)
  await page.mouse.up()
  await page.waitForTimeout(400)
}
