import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, extname, join, normalize, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser, type Page } from 'playwright-core'
import { progress } from '../report'
import { freePort, startChild, waitReady, type Child } from './server-http'

/**
 * What the browser suites (designer, hall) share: building the apps, the real server serving them
 * on a fresh SQLite file, the peers' pages built with the designer's own Vite, a plain static
 * server for those, Chromium with the sandbox's flags, and a signed-in API session.
 */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const PASSWORD = 'Sunlight2026'
export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export const scale = (() => {
  const s = Number(process.env.BENCH_SCALE ?? '1')
  return Number.isFinite(s) && s > 0 ? s : 1
})()
export const scaled = (n: number, min: number) => Math.max(min, Math.round(n * scale))

/** `pnpm build` (both apps), unless BENCH_BUILD=0 and both dist folders exist. */
export function buildApps(suite: string): void {
  const built = existsSync(join(root, 'designer/dist/index.html')) && existsSync(join(root, 'runtime/dist/index.html'))
  if (process.env.BENCH_BUILD === '0' && built) return progress(suite, 'BENCH_BUILD=0: using the existing designer/dist and runtime/dist')
  progress(suite, 'building the apps (pnpm build)')
  const r = spawnSync('pnpm', ['build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pnpm build failed:\n${(r.stdout + r.stderr).slice(-4000)}`)
}

export interface AppServer {
  origin: string
  child: Child
  stop(): Promise<void>
}

/** The real server (server/src/main.ts) serving the built apps, demo data on a fresh SQLite file. */
export async function startAppServer(): Promise<AppServer> {
  const tmp = mkdtempSync(join(tmpdir(), 'sunlight-bench-browser-'))
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SUNLIGHT_DB: join(tmp, 'bench.sqlite'), SUNLIGHT_UPLOADS: join(tmp, 'uploads'), LOG_LEVEL: 'warn', SUNLIGHT_DEMO: '1', NODE_ENV: 'production' }
  delete env.DATABASE_URL
  delete env.NODE_OPTIONS
  const child = startChild(process.execPath, ['--import', 'tsx', join(root, 'server', 'src', 'main.ts')], { cwd: join(root, 'server'), env })
  await waitReady(child, port, '/api/health', 90_000)
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      await child.stop(3000)
      rmSync(tmp, { recursive: true, force: true })
    },
  }
}

/** A signed-in API session (cookie + CSRF header), as the apps' typed client holds one. */
export class ApiSession {
  private cookie = ''
  private csrf = ''
  constructor(private readonly origin: string) {}
  async login(username: string): Promise<this> {
    const r = await fetch(`${this.origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })
    if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`)
    this.cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    this.csrf = ((await r.json()) as { csrfToken: string }).csrfToken
    return this
  }
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', cookie: this.cookie }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf
    const r = await fetch(`${this.origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 1000)}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error('Chromium is missing: apt-get install -y chromium fonts-noto-cjk')
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

/** The designer's sign-in page, as a person uses it. */
export async function designerLogin(page: Page, origin: string, username: string): Promise<void> {
  await page.goto(`${origin}/designer/login`)
  await page.fill('[data-test=login-username]', username)
  await page.fill('[data-test=login-password]', PASSWORD)
  await page.click('[data-test=login-submit]')
  await page.waitForSelector('[data-test=current-user]')
}

/**
 * Builds the peers' pages (bench/peers/*.html) with the designer's Vite; bare imports (vue,
 * element-plus, @logicflow/core) resolve to the very packages the designer uses. Returns the dist folder.
 */
export async function buildPeers(suite: string, pages: string[]): Promise<string> {
  const designerModules = join(root, 'designer', 'node_modules')
  const vite = (await import(pathToFileURL(join(designerModules, 'vite', 'dist', 'node', 'index.js')).href)) as {
    build(config: Record<string, unknown>): Promise<unknown>
    version: string
  }
  const outDir = mkdtempSync(join(tmpdir(), 'sunlight-bench-peers-'))
  progress(suite, `building the peer pages (${pages.join(', ')}) with Vite ${vite.version}`)
  await vite.build({
    root: join(root, 'bench', 'peers'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    resolve: {
      alias: [
        { find: /^vue$/, replacement: join(designerModules, 'vue') },
        { find: /^element-plus(\/.*)?$/, replacement: `${join(designerModules, 'element-plus')}$1` },
        { find: /^@logicflow\/core(\/.*)?$/, replacement: `${join(designerModules, '@logicflow', 'core')}$1` },
      ],
    },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000, rolldownOptions: { input: Object.fromEntries(pages.map((p) => [p, join(root, 'bench', 'peers', `${p}.html`)])) } },
  })
  return outDir
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' }

/** A plain static server for a built folder (the peers' pages); text files gzip-compressed as the app server sends them. */
export async function serveDir(dir: string): Promise<{ origin: string; server: Server }> {
  const base = normalize(dir + sep)
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(base, path))
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404
      return res.end()
    }
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
    const body = readFileSync(file)
    if (/\.(html|js|css|json|svg)$/.test(file) && /gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.setHeader('content-encoding', 'gzip')
      return res.end(gzipSync(body, { level: 9 }))
    }
    res.end(body)
  })
  const port = await freePort()
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()))
  return { origin: `http://127.0.0.1:${port}`, server }
}

export const median = (xs: number[]): number => percentile(xs, 0.5)
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number
}
