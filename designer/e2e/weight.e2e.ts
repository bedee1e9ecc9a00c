/**
 * What the designer's first pages download: every script the login page and then the catalog page
 * load in Chromium, each gzip-compressed as a server sends it. Prints the figures and fails above
 * the budget (Element Plus on demand, lazy routes; LogicFlow and Formily never on these pages).
 * Measured when this was written: login 310.4 → 177.8 kB, catalog 355.4 → 239.3 kB.
 *
 *   E2E_URL=http://127.0.0.1:3000/designer/ npx tsx designer/e2e/weight.e2e.ts
 */
import { createRequire } from 'node:module'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { BASE, check, login } from './helpers'

const here = dirname(fileURLToPath(import.meta.url))
const { chromium } = createRequire(resolve(here, '../../test/package.json'))('playwright-core') as typeof import('playwright-core')

/** Budgets in kB of gzip JavaScript. */
const LOGIN_BUDGET = 190
const CATALOG_BUDGET = 250

interface ScriptFile {
  url: string
  gzip: number
  /** Carries LogicFlow ('lf-node-anchor') or Formily's JSON Schema ('x-reactions'). */
  heavy: boolean
}

function watchScripts(page: Page): { take: () => Promise<ScriptFile[]> } {
  let pending: Promise<ScriptFile | undefined>[] = []
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return
    pending.push(r.body().then((b) => ({ url: r.url(), gzip: gzipSync(b).length, heavy: /lf-node-anchor|x-reactions/.test(b.toString('latin1')) })).catch(() => undefined))
  })
  return {
    async take() {
      const list = (await Promise.all(pending)).filter((x): x is ScriptFile => x !== undefined)
      pending = []
      return list
    },
  }
}

const kb = (files: readonly ScriptFile[]) => files.reduce((n, f) => n + f.gzip, 0) / 1024
const names = (files: readonly ScriptFile[]) => files.map((f) => `${f.url.split('/').pop()} ${(f.gzip / 1024).toFixed(1)}`).join(', ')

async function main(): Promise<void> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sunlight-weight-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
  })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const logs: string[] = []
    page.on('console', (m) => m.type() === 'error' && logs.push(m.text()))
    const scripts = watchScripts(page)
    await page.goto(BASE)
    await page.waitForSelector('[data-test=login-username]')
    await page.waitForLoadState('networkidle')
    const loginFiles = await scripts.take()
    await login(page, 'designer')
    await page.waitForSelector('[data-test=catalog-table]')
    await page.waitForLoadState('networkidle')
    // login() opens the app again: a script fetched twice (from the cache) counts once
    const seen = new Set(loginFiles.map((f) => f.url))
    const catalogFiles = [...loginFiles, ...(await scripts.take()).filter((f) => !seen.has(f.url) && seen.add(f.url))]
    console.log(`login page JS: ${kb(loginFiles).toFixed(1)} kB gzip in ${loginFiles.length} files (${names(loginFiles)})`)
    console.log(`catalog page JS (login + catalog): ${kb(catalogFiles).toFixed(1)} kB gzip in ${catalogFiles.length} files (${names(catalogFiles.slice(loginFiles.length))})`)
    check(!catalogFiles.some((f) => f.heavy), `LogicFlow and Formily are not loaded by the login and catalog pages (${catalogFiles.filter((f) => f.heavy).map((f) => f.url).join(', ')})`)
    check(kb(loginFiles) <= LOGIN_BUDGET, `login page JS ≤ ${LOGIN_BUDGET} kB gzip`)
    check(kb(catalogFiles) <= CATALOG_BUDGET, `catalog page JS ≤ ${CATALOG_BUDGET} kB gzip`)
    // The split chunks must also run: open an item's form and flow designers (Formily, LogicFlow).
    await page.locator('[data-test=catalog-table] .el-table__row').first().locator('button').first().click()
    await page.waitForSelector('[data-test=basic-form]')
    await page.click('[data-test=tab-form]')
    await page.waitForSelector('[data-test=form-canvas]', { timeout: 20_000 })
    await page.click('[data-test=tab-flow]')
    await page.waitForSelector('[data-test=flow-canvas] .lf-node', { timeout: 20_000 }).catch((e: unknown) => {
      throw new Error(`flow canvas not drawn (script errors: ${errors.join(' | ') || 'none'}; console: ${logs.join(' | ')})`, { cause: e })
    })
    const editorFiles = await scripts.take()
    check(editorFiles.some((f) => f.heavy), 'the editor tabs did load LogicFlow / Formily (the marker test works)')
    check(errors.length === 0, `no script error while loading the editor chunks: ${errors.join(' | ')}`)
    console.log('weight: ok (and the form and flow designer chunks load without errors)')
  } finally {
    await context.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
