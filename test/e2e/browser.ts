import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium, headless, with the flags this sandbox needs (toolchain.md §5). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url))

/** Saves a full-page screenshot under test/artifacts/<group>/<name>.png and returns its path. */
export async function shot(page: Page, group: string, name: string): Promise<string> {
  const dir = join(artifacts, group)
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export const baseUrl = (): string => {
  const url = process.env.E2E_URL
  if (!url) throw new Error('E2E_URL is not set: run through `pnpm test:e2e`')
  return url.replace(/\/$/, '')
}
