import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routeTable } from '../src/app'
import type { RouteSpec } from '../src/route-table'
import { demoUsers } from '../src/seed'
import { startServer, type Client, type TestServer } from './harness'

let t: TestServer
let routes: RouteSpec[]
const clients = new Map<string, Client>()

beforeAll(async () => {
  t = await startServer()
  routes = routeTable(t.deps)
  for (const u of demoUsers) clients.set(u.id, await t.as(u.id))
})
afterAll(async () => t.close())

/** A concrete path for a route pattern: ids that are well formed but name nothing. */
function concrete(path: string): string {
  return path
    .replace(/:id\b/g, '00000000-0000-4000-8000-000000000000')
    .replace(/:key\b/g, 'religious-venue-preparation')
    .replace(/:version\b/g, '1')
    .replace(/:([A-Za-z]+)/g, 'x')
}

async function freshClient(username: string): Promise<Client> {
  const c = t.anonymous()
  await c.login(username)
  return c
}

const deniedByRoute = (r: { status: number; body: any }) => r.status === 401 || (r.status === 403 && Array.isArray(r.body?.error?.details?.roles))

describe('server/authorization matrix (generated from the route table)', () => {
  it('should give every route an explicit access rule', () => {
    for (const r of routes) expect(r.access === 'public' || (Array.isArray(r.access) && r.access.length > 0), `${r.method} ${r.path}`).toBe(true)
  })

  it('should mount routes only through the route table (no router outside route-table.ts)', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url))
    const files: string[] = []
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (p.endsWith('.ts')) files.push(p)
      }
    }
    walk(src)
    const offenders = files.filter((f) => !f.endsWith('route-table.ts') && /new Router\(|\.use\(\s*\w+\.routes\(\)/.test(readFileSync(f, 'utf8').replace(/app\.use\(router\.routes\(\)\)/, '')))
    expect(offenders).toEqual([])
  })

  it('should answer every non-public route with 401 to the anonymous public', async () => {
    const anon = t.anonymous()
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const res = await anon.request(r.method.toUpperCase(), concrete(r.path), r.method === 'get' ? undefined : {})
      expect(res.status, `${r.method} ${r.path}`).toBe(401)
    }
  })

  it('should let each role through exactly the routes that list it, and refuse the rest with 403', { timeout: 120_000 }, async () => {
    const mismatches: string[] = []
    for (const r of routes) {
      await Promise.all(demoUsers.map(async (u) => {
        // Signing out ends the session: use a throw-away one for that route.
        const c = r.path === '/api/auth/logout' ? await freshClient(u.id) : (clients.get(u.id) as Client)
        const res = await c.request(r.method.toUpperCase(), concrete(r.path), r.method === 'get' ? undefined : {})
        const allowed = r.access === 'public' || u.roles.some((role) => (r.access as readonly string[]).includes(role))
        if (allowed === deniedByRoute(res)) mismatches.push(`${u.id} ${r.method} ${r.path} → ${res.status} (expected ${allowed ? 'allowed' : 'denied'})`)
        if (res.status >= 500) mismatches.push(`${u.id} ${r.method} ${r.path} → ${res.status}: ${JSON.stringify(res.body)}`)
      }))
    }
    expect(mismatches).toEqual([])
  })

  it('should keep the access of the runtime routes as designed (public aggregates, staff-only colleagues, scoped 案卷)', async () => {
    const expected: Record<string, readonly string[] | 'public'> = {
      'get /api/hall/statistics': 'public',
      'get /api/hall/decisions': 'public',
      'post /api/hall/receipt': 'public',
      'get /api/colleagues': ['staff'],
      'get /api/cases/:id/file.pdf': ['staff', 'supervisor', 'admin'],
    }
    for (const [key, access] of Object.entries(expected)) {
      const r = routes.find((x) => `${x.method} ${x.path}` === key)
      expect(r?.access, key).toEqual(access)
    }
    // Department scoping beyond the role: another department's staff sees neither colleagues nor the file.
    const other = clients.get('cd-window') as Client
    expect((await other.get('/api/colleagues?post=investigator')).body.colleagues.map((c: { id: string }) => c.id)).toEqual(['cd-window'])
    expect((await clients.get('designer')!.get('/api/colleagues')).status).toBe(403)
    expect((await clients.get('citizen')!.get('/api/cases/00000000-0000-4000-8000-000000000000/file.pdf')).status).toBe(403)
  })
})
