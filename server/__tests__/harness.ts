import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import knex from 'knex'
import { createApp } from '../src/app'
import { boot } from '../src/bootstrap'
import type { Deps } from '../src/deps'
import { silentLogger } from '../src/logger'
import { DEMO_PASSWORD } from '../src/seed'

export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url))

/**
 * The database the server suite runs on: SQLite by default; PostgreSQL when SUNLIGHT_TEST_PG is a
 * postgres:// URL (.ci/run runs the whole suite a second time that way). Real databases, never mocks.
 */
export const testPg = process.env.SUNLIGHT_TEST_PG

export interface TestServer {
  url: string
  deps: Deps
  /** A client signed in as a demo user (cookie jar + CSRF header handled). */
  as(username: string): Promise<Client>
  anonymous(): Client
  /** Sets the server clock (epoch ms). */
  setNow(t: number): void
  close(): Promise<void>
}

export interface Reply<T = any> {
  status: number
  body: T
  headers: Headers
}

export class Client {
  cookie = ''
  csrf = ''
  constructor(private readonly base: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers }
    if (this.cookie) h.cookie = this.cookie
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf
    if (body !== undefined) h['content-type'] = 'application/json'
    const r = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
    const set = r.headers.getSetCookie()
    for (const c of set) {
      const [pair] = c.split(';')
      if (pair?.startsWith('sl_session=')) this.cookie = pair.endsWith('=') ? '' : pair
    }
    const text = await r.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      /* not JSON (HTML, PDF) */
    }
    return { status: r.status, body: parsed as T, headers: r.headers }
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path)
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers)
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {})
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path)
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<Reply> {
    const r = await this.post('/api/auth/login', { username, password })
    if (r.status === 200) this.csrf = r.body.csrfToken
    return r
  }
}

let counter = 0

/** Boots a fresh server (fresh database, demo data, templates) on an ephemeral loopback port. */
export async function startServer(options: { now?: number; demo?: boolean; clockControl?: boolean } = {}): Promise<TestServer> {
  let now = options.now ?? Date.parse('2026-03-02T09:00:00+08:00')
  let schema: string | undefined
  let sqliteFile: string | undefined
  if (testPg) {
    schema = `t_${process.pid}_${Date.now()}_${counter++}`
    const admin = knex({ client: 'pg', connection: testPg })
    await admin.raw(`create schema "${schema}"`)
    await admin.destroy()
  } else {
    sqliteFile = join(mkdtempSync(join(tmpdir(), 'sunlight-test-')), 'test.sqlite')
  }
  const deps = await boot({
    db: { databaseUrl: testPg, schema, sqliteFile },
    logger: silentLogger,
    now: () => now,
    // As with SUNLIGHT_CLOCK_CONTROL=1: POST /api/dev/clock moves this server's clock.
    ...(options.clockControl ? { clockControl: { set: (v: number) => void (now = v), offset: () => now - Date.now() } } : {}),
    config: { bcryptCost: 4, uploadDir: join(mkdtempSync(join(tmpdir(), 'sunlight-up-')), 'uploads') },
    demo: options.demo === false ? undefined : { templatesDir },
  })
  const server: Server = createServer(createApp(deps).callback())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const signedIn = new Map<string, Client>()
  return {
    url,
    deps,
    async as(username) {
      let session = signedIn.get(username)
      if (!session) {
        session = new Client(url)
        const r = await session.login(username)
        if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`)
        signedIn.set(username, session)
      }
      // A copy, so a test may tamper with its cookie or CSRF token without affecting others.
      const c = new Client(url)
      c.cookie = session.cookie
      c.csrf = session.csrf
      return c
    },
    anonymous: () => new Client(url),
    setNow(t) {
      now = t
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await deps.db.close()
      if (schema && testPg) {
        const admin = knex({ client: 'pg', connection: testPg })
        await admin.raw(`drop schema "${schema}" cascade`)
        await admin.destroy()
      }
    },
  }
}
