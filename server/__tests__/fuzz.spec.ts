import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routeTable } from '../src/app'
import type { RouteSpec } from '../src/route-table'
import { startServer, type Client, type TestServer } from './harness'

let t: TestServer
let routes: RouteSpec[]
let admin: Client
let staff: Client
beforeAll(async () => {
  t = await startServer()
  routes = routeTable(t.deps)
  admin = await t.as('admin')
  staff = await t.as('window')
})
afterAll(async () => t.close())

/** Path parameters: sometimes well formed, sometimes hostile. */
const segment = fc.oneof(
  fc.constant('00000000-0000-4000-8000-000000000000'),
  fc.constant('religious-venue-preparation'),
  fc.constant('1'),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'x'),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', "'%20OR%201=1--", '%E0%A4%A', 'constructor', '__proto__'),
)

const query = fc.dictionary(fc.constantFrom('q', 'page', 'pageSize', 'view', 'status', 'since', 'limit', 'start', 'n', 'unit', 'category', 'from', 'to', 'format', 'token'), fc.string({ maxLength: 30 }), { maxKeys: 4 })

function url(r: RouteSpec, seg: string, q: Record<string, string>): string {
  const path = r.path.replace(/:[A-Za-z]+/g, seg)
  const qs = new URLSearchParams(q).toString()
  return qs ? `${path}?${qs}` : path
}

describe('server/fuzz: malformed input never causes a 500', () => {
  it('should answer random bodies, queries and path segments on every route with < 500, naming a path on 400', { timeout: 180_000 }, async () => {
    const failures: string[] = []
    for (const r of routes) {
      if (r.path === '/api/auth/logout' || r.path === '/api/auth/password') continue // would end the shared sessions
      await fc.assert(
        fc.asyncProperty(segment, query, fc.jsonValue({ maxDepth: 3 }), fc.boolean(), async (seg, q, body, asAdmin) => {
          const c = r.access === 'public' ? t.anonymous() : asAdmin ? admin : staff
          const res = await c.request(r.method.toUpperCase(), url(r, seg, q), r.method === 'get' ? undefined : body)
          if (res.status >= 500) failures.push(`${r.method} ${url(r, seg, q)} ${JSON.stringify(body).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
          if (res.status === 400 && res.body?.error?.code === 'VALIDATION_FAILED')
            expect(res.body.error.details.issues.every((i: { path: string }) => i.path.startsWith('/'))).toBe(true)
        }),
        { numRuns: 25 },
      )
    }
    expect(failures).toEqual([])
  })
})
