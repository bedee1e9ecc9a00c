/**
 * `pnpm test:e2e`: builds the apps, starts the real server on a fresh SQLite file serving them,
 * runs every browser script (designer/e2e, runtime/e2e, test/e2e — files named *.e2e.ts) against
 * it in Debian's Chromium, and ends with "N passed, M failed". Screenshots land in test/artifacts/.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const tsx = join(root, 'node_modules/.bin/tsx')

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

function scripts(): string[] {
  const out: string[] = []
  for (const dir of ['designer/e2e', 'runtime/e2e', 'test/e2e']) {
    const full = join(root, dir)
    if (!existsSync(full)) continue
    for (const f of readdirSync(full).sort()) if (f.endsWith('.e2e.ts')) out.push(join(dir, f))
  }
  return out
}

async function main(): Promise<number> {
  if (!existsSync('/usr/bin/chromium')) {
    console.error('Chromium is missing: apt-get install -y chromium fonts-noto-cjk')
    return 1
  }
  const only = process.argv.slice(2)
  const list = scripts().filter((s) => only.length === 0 || only.some((o) => s.includes(o)))
  if (list.length === 0) {
    console.error('no *.e2e.ts scripts found')
    return 1
  }
  console.log('==> building the apps')
  const build = spawnSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) return 1
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'sunlight-e2e-'))
  const url = `http://127.0.0.1:${port}`
  console.log(`==> starting the server at ${url} on ${dir}/e2e.sqlite`)
  const server = spawn(tsx, ['server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SUNLIGHT_DB: join(dir, 'e2e.sqlite'), SUNLIGHT_UPLOADS: join(dir, 'uploads'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) break
      } catch {
        /* not up yet */
      }
      if (i > 300) throw new Error('server did not start within 30 s')
      await new Promise((r) => setTimeout(r, 100))
    }
    let passed = 0
    let failed = 0
    for (const s of list) {
      console.log(`==> ${s}`)
      // Each app's scripts get the URL the app is served at; the designer also learns the hall's.
      const appUrl = s.startsWith('designer/') ? `${url}/designer/` : `${url}/`
      const r = spawnSync(tsx, [s], { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_URL: appUrl, E2E_HALL_URL: `${url}/` } })
      if (r.status === 0) passed++
      else {
        failed++
        console.log(`FAILED: ${s}`)
      }
    }
    console.log(`e2e: ${passed} passed, ${failed} failed`)
    return failed ? 1 : 0
  } finally {
    server.kill('SIGTERM')
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(e)
  process.exit(1)
})
