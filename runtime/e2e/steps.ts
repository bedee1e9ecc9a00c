import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { launch } from './browser'

export const BASE = process.env.E2E_URL ?? 'http://127.0.0.1:5173/'
// One folder per script (runtime.e2e.ts → test/artifacts/runtime/, penalty.e2e.ts → …/penalty/), so scripts never wipe each other's shots.
const script = (process.argv[1] ?? 'runtime').replace(/^.*\//, '').replace(/\.e2e\.ts$/, '')
export const SHOTS = new URL(`../../test/artifacts/${script}/`, import.meta.url).pathname
mkdirSync(SHOTS, { recursive: true })
// Each run writes a fresh, numbered set.
for (const f of readdirSync(SHOTS)) if (f.endsWith('.png')) rmSync(join(SHOTS, f))

const contexts: BrowserContext[] = []

/** A person with their own browser profile (cookies are not shared between actors). */
export async function actor(): Promise<Page> {
  const ctx = await launch()
  contexts.push(ctx)
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  page.on('pageerror', (e) => console.error('  [pageerror]', e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|Failed to load resource/.test(m.text())) console.error('  [console]', m.text())
  })
  return page
}

export async function closeAll(): Promise<void> {
  for (const c of contexts) await c.close().catch(() => undefined)
}

export const url = (path: string) => new URL(path.replace(/^\//, ''), BASE).href

let shot = 0
/** A numbered full-page screenshot under test/artifacts/<script>/. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400) // messages fade in
  const file = join(SHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log(`  📸 ${file.replace(/.*test\//, 'test/')}`)
}

export function step(title: string): void {
  console.log(`▶ ${title}`)
}

export function check(cond: unknown, message: string): void {
  if (!cond) throw new Error(`check failed: ${message}`)
  console.log(`  ✓ ${message}`)
}

/** The input of a Formily form item by its label. */
export function formItem(page: Page, label: string) {
  return page.locator('.formily-element-plus-form-item').filter({ has: page.locator('.formily-element-plus-form-item-label', { hasText: label }) })
}

export async function fillFormItem(page: Page, label: string, value: string): Promise<void> {
  await formItem(page, label).locator('input, textarea').first().fill(value)
}

export async function chooseFormItem(page: Page, label: string, option: string): Promise<void> {
  await formItem(page, label).locator('.el-select').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(url('/workbench/login'))
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill('Sunlight2026')
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/workbench\/cases/)
}

/** A tiny valid PDF: the server sniffs magic bytes. */
export const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`) })

/** Opens a case from the "all" list by its number. */
export async function openCase(page: Page, caseNo: string): Promise<void> {
  await page.goto(url('/workbench/cases?view=all'))
  await page.locator(`tr[data-case-no="${caseNo}"] a`).click()
  await page.locator('.case-page').waitFor()
}

/** Clicks an operation of a step, fills its dialog, confirms; returns the refusal shown, or '' when the dialog closed. */
export async function operate(page: Page, node: string, op: string, fill: (dialog: ReturnType<Page['locator']>) => Promise<void> = async () => {}): Promise<string> {
  await page.locator(`.ops__group[data-node="${node}"] button[data-op="${op}"]`).click()
  const dialog = page.locator('.el-dialog:visible')
  await dialog.waitFor()
  await fill(dialog)
  await dialog.getByRole('button', { name: '确定' }).click()
  await page.waitForTimeout(800)
  return (await dialog.isVisible()) ? ((await dialog.locator('.server-error, [role=alert]').allInnerTexts()).join(' ')) : ''
}

/** An operation that must succeed: the dialog closed without a refusal. */
export function done(refusal: string, what: string): void {
  check(refusal === '', refusal ? `${what} — refused: ${refusal}` : what)
}
