import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BrowserContext, Page } from 'playwright-core'

// playwright-core is a dependency of the e2e workspace (test/); resolve it from there.
const require = createRequire(new URL('../../test/package.json', import.meta.url))
const { chromium } = require('playwright-core') as typeof import('playwright-core')

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A fresh Chromium profile (no cookies shared with other actors). */
export async function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sunlight-e2e-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
}

export interface ScriptFile {
  url: string
  raw: number
  gzip: number
}

/** Collects the JavaScript a page loads, with each file's size once gzipped (what a server sends). */
export function watchScripts(page: Page): { settle: () => Promise<ScriptFile[]> } {
  const pending: Promise<ScriptFile | undefined>[] = []
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return
    pending.push(
      r
        .body()
        .then((b) => ({ url: r.url(), raw: b.length, gzip: gzipSync(b).length }))
        .catch(() => undefined),
    )
  })
  return { settle: async () => (await Promise.all(pending)).filter((x): x is ScriptFile => x !== undefined) }
}
