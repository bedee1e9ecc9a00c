/**
 * Accessibility of the public hall (issue #6: WCAG 2.1 AA / GB/T 37668), checked in Chromium with
 * axe-core's WCAG 2.0/2.1 A and AA rules on every hall page, at desktop and phone width, in Chinese
 * and English. A page passes when axe finds no violation of impact "serious" or "critical"; the
 * "moderate" and "minor" ones are listed in the output. axe-core is injected into the page, so the
 * browser context bypasses the CSP (the CSP itself is checked by xss.e2e.ts).
 *
 *   pnpm test:e2e a11y
 * Screenshots: test/artifacts/a11y/*.png
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { baseUrl, launch, shot } from './browser'

const ORIGIN = new URL(baseUrl()).origin
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const ITEM = 'religious-venue-preparation'

const pages: { name: string; path: string; ready: string }[] = [
  { name: 'home', path: '/', ready: 'main' },
  { name: 'guide', path: `/items/${ITEM}`, ready: 'main h1' },
  { name: 'apply', path: `/apply/${ITEM}`, ready: 'main .formily-element-plus-form-item, main input' },
  { name: 'track', path: '/track', ready: 'main form' },
  { name: 'consult', path: '/consult', ready: 'main form' },
  { name: 'complain', path: '/complain', ready: 'main form' },
  { name: 'transparency', path: '/transparency', ready: 'main h1' },
  { name: 'scores', path: '/scores', ready: 'main h1' },
]

interface AxeViolation {
  id: string
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null
  help: string
  nodes: { target: string[] }[]
}

async function audit(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
}

async function main(): Promise<void> {
  const browser = await launch()
  const failures: string[] = []
  let audited = 0
  try {
    for (const viewport of [
      { label: 'desktop', width: 1280, height: 900 },
      { label: 'phone', width: 390, height: 844 },
    ])
      for (const locale of ['zh-CN', 'en-US']) {
        const context = await browser.newContext({ viewport, bypassCSP: true, locale })
        const page = await context.newPage()
        // The hall remembers the chosen language; start each context in its locale.
        await page.addInitScript((l) => localStorage.setItem('sunlight:locale', l), locale)
        for (const p of pages) {
          await page.goto(`${ORIGIN}${p.path}`)
          await page.locator(p.ready).first().waitFor({ timeout: 20_000 })
          await page.waitForTimeout(300)
          const violations = await audit(page)
          audited++
          const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          const rest = violations.filter((v) => !bad.includes(v))
          const where = `${p.name} (${viewport.label}, ${locale})`
          if (rest.length) console.log(`  · ${where}: ${rest.map((v) => `${v.id} [${v.impact}] ×${v.nodes.length}`).join(', ')}`)
          if (bad.length) {
            await shot(page, 'a11y', `${p.name}-${viewport.label}-${locale}`)
            for (const v of bad) failures.push(`${where}: ${v.id} [${v.impact}] ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
          } else console.log(`  ✓ ${where}: no serious or critical WCAG 2.1 A/AA violation`)
          if (viewport.label === 'phone' && locale === 'zh-CN') await shot(page, 'a11y', `${p.name}-phone`)
        }
        await context.close()
      }
  } finally {
    await browser.close()
  }
  if (failures.length) throw new Error(`accessibility: ${failures.length} serious/critical violation(s):\n${failures.join('\n')}`)
  console.log(`a11y: ${audited} page views audited with axe-core (WCAG 2.1 A/AA), none with a serious or critical violation`)
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  },
)
