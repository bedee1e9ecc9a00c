import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routeTable } from '../src/app'
import type { RouteSpec } from '../src/route-table'
import { materialsExcept, religiousForm } from './fixtures'
import { startServer, type Client, type Reply, type TestServer } from './harness'

/**
 * Fuzzing the HTTP API (issue #8 item 3): generated requests on every route of the route table —
 * hostile path segments and queries, random JSON and bodies shaped by the route's own zod schema
 * with wrong, missing, extra and hostile values — and generated application forms on the hall's
 * submit route. Never a 500; every 4xx uses the error envelope; every 400 names each offending field
 * as a JSON pointer. SUNLIGHT_FUZZ_RUNS sets the total number of API requests (default 10,000).
 */
const RUNS = Number(process.env.SUNLIGHT_FUZZ_RUNS ?? 10_000)
const SUBMISSIONS = Math.max(200, Math.round(RUNS / 10))
/** Every run prints its seed; SUNLIGHT_FUZZ_SEED replays a run that failed. */
const SEED = Number(process.env.SUNLIGHT_FUZZ_SEED ?? Date.now() % 2 ** 31)
fc.configureGlobal({ seed: SEED })

let t: TestServer
let routes: RouteSpec[]
/** Signed-in clients with the roles of their demo users, so most requests pass authorisation and reach the handler. */
const users: { client: Client; roles: string[] }[] = []
beforeAll(async () => {
  t = await startServer()
  routes = routeTable(t.deps).filter((r) => r.path !== '/api/auth/logout' && r.path !== '/api/auth/password') // would end the shared sessions
  for (const username of ['admin', 'window', 'designer', 'reviewer', 'supervisor', 'citizen']) {
    const row = (await t.deps.db.knex('users').where({ username }).first()) as { roles: string }
    users.push({ client: await t.as(username), roles: JSON.parse(row.roles) as string[] })
  }
})
afterAll(async () => t.close())

/** Path parameters: sometimes well formed, sometimes hostile. */
const segment = fc.oneof(
  fc.constant('00000000-0000-4000-8000-000000000000'),
  fc.constant('religious-venue-preparation'),
  fc.constant('1'),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'x'),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', "'%20OR%201=1--", '%E0%A4%A', 'constructor', '__proto__', 'SL20260302000001'),
)

const query = fc.dictionary(
  fc.constantFrom('q', 'page', 'pageSize', 'view', 'status', 'since', 'limit', 'start', 'n', 'unit', 'category', 'from', 'to', 'format', 'token', 'level', 'itemKey', '__proto__'),
  fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', 'NaN', '2026-02-30', 'todo', 'all')),
  { maxKeys: 4 },
)

const hostileScalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', '{{ constructor.constructor("return process")() }}', '<script>alert(1)</script>', '../../etc/passwd', '\u0000', 'x'.repeat(5000), '__proto__'),
  // An own "__proto__" key, as JSON.parse makes it: the body parser refuses it and must name where it is.
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
)

type Def = { type: string; [k: string]: unknown }
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def

/**
 * A value shaped like the schema — right keys, plausible types — but often wrong: a fifth of the
 * time any value at all, keys dropped, unknown keys added. Reaches the handlers, not only the parser.
 */
function shaped(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema)
  const anything = fc.jsonValue({ maxDepth: 2 })
  const inner = (): fc.Arbitrary<unknown> => {
    switch (d.type) {
      case 'object': {
        const shape = d.shape as Record<string, unknown>
        if (depth > 4) return fc.constant({})
        const keys = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, shaped(v, depth + 1)]))
        return fc
          .tuple(fc.oneof(fc.record(keys), fc.record(keys, { requiredKeys: [] })), fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 1 }), fc.boolean())
          .map(([known, extra, addExtra]) => (addExtra ? { ...extra, ...known } : known))
      }
      case 'optional':
      case 'nullable':
      case 'default':
      case 'readonly':
      case 'catch':
      case 'prefault':
        return shaped(d.innerType, depth)
      case 'pipe':
        return shaped(d.in, depth)
      case 'lazy':
        return anything
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(shaped(d.element, depth + 1), { maxLength: 3 })
      case 'record':
        return depth > 4 ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 12 }), shaped(d.valueType, depth + 1), { maxKeys: 3 })
      case 'union':
        return fc.oneof(...(d.options as unknown[]).map((o) => shaped(o, depth)))
      case 'enum':
        return fc.oneof(fc.constantFrom(...(Object.values(d.entries as Record<string, string>) as string[])), fc.string({ maxLength: 10 }))
      case 'literal':
        return fc.oneof(fc.constantFrom(...(d.values as unknown[])), hostileScalar)
      case 'string':
        return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('religious-venue-preparation', '2026-03-02', 'Sunlight2026', '00000000-0000-4000-8000-000000000000', 'approve'), hostileScalar)
      case 'number':
      case 'int':
        return fc.oneof(fc.integer({ min: -2, max: 1000 }), fc.double(), fc.string({ maxLength: 5 }))
      case 'boolean':
        return fc.oneof(fc.boolean(), hostileScalar)
      default:
        return anything
    }
  }
  return fc.oneof({ weight: 4, arbitrary: inner() }, { weight: 1, arbitrary: anything })
}

function url(r: RouteSpec, seg: string, q: Record<string, string>): string {
  const path = r.path.replace(/:[A-Za-z]+/g, seg)
  const qs = new URLSearchParams(q).toString()
  return qs ? `${path}?${qs}` : path
}

/** Every 4xx names what is wrong; every 400 names each field as a JSON pointer into the request. */
function problemsOf(res: Reply, what: string): string[] {
  if (res.status >= 500) return [`${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`]
  if (res.status < 400) return []
  const e = (res.body as { error?: { code?: unknown; message?: unknown; details?: { issues?: { path?: unknown }[] } } } | undefined)?.error
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !e.message) return [`${what} → ${res.status} without the error envelope: ${JSON.stringify(res.body).slice(0, 200)}`]
  if (res.status === 400) {
    const issues = e.details?.issues
    if (!Array.isArray(issues) || issues.length === 0) return [`${what} → 400 ${e.code} names no field: ${JSON.stringify(e).slice(0, 200)}`]
    const unnamed = issues.filter((i) => typeof i.path !== 'string' || !/^\/(body|query|params|form)?/.test(i.path))
    if (unnamed.length) return [`${what} → 400 with an issue without a path: ${JSON.stringify(unnamed).slice(0, 200)}`]
  }
  return []
}

describe('server/fuzz: malformed input never causes a 500', () => {
  beforeAll(() => console.info(`[fuzz] seed ${SEED} (replay with SUNLIGHT_FUZZ_SEED=${SEED})`))
  it(`should answer ${RUNS} generated requests on every route with < 500, the error envelope on 4xx and a path for every 400 issue`, { timeout: 600_000 }, async () => {
    const failures: string[] = []
    const statuses = new Map<number, number>()
    const perRoute = Math.ceil(RUNS / routes.length)
    let sent = 0
    for (const r of routes) {
      const body = r.body ? fc.oneof({ weight: 3, arbitrary: shaped(r.body) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }) : fc.jsonValue({ maxDepth: 2 })
      await fc.assert(
        fc.asyncProperty(segment, query, body, fc.nat(), fc.nat(9), async (seg, q, b, pick, wrong) => {
          // Nine times in ten a user holding one of the route's roles; otherwise anyone.
          const allowed = r.access === 'public' ? [] : users.filter((x) => wrong > 0 && x.roles.some((role) => (r.access as readonly string[]).includes(role)))
          const pool = allowed.length ? allowed : users
          const c = r.access === 'public' ? t.anonymous() : (pool[pick % pool.length] as (typeof users)[number]).client
          const u = url(r, seg, q)
          const res = await c.request(r.method.toUpperCase(), u, r.method === 'get' ? undefined : b)
          sent++
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
          failures.push(...problemsOf(res, `${r.method} ${u} ${JSON.stringify(b).slice(0, 200)}`))
        }),
        { numRuns: perRoute },
      )
    }
    console.info(`[fuzz] ${sent} requests on ${routes.length} routes: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`)
    expect(failures.slice(0, 20)).toEqual([])
    expect(sent).toBeGreaterThanOrEqual(RUNS)
  })

  it(`should answer ${SUBMISSIONS} generated application forms on the hall's submit route with 201 or a 400 naming each field`, { timeout: 300_000 }, async () => {
    const fields = Object.keys(religiousForm)
    const failures: string[] = []
    let created = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...fields, 'decision', 'unknownField'), fc.oneof(hostileScalar, fc.jsonValue({ maxDepth: 2 }))), { maxLength: 4 }),
        fc.subarray(fields, { maxLength: 2 }),
        async (changes, dropped) => {
          const form: Record<string, unknown> = { ...religiousForm }
          for (const k of dropped) delete form[k]
          for (const [k, v] of changes) form[k] = v
          const res = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant: { name: '成都市佛教协会' }, form, materials: materialsExcept() })
          failures.push(...problemsOf(res, JSON.stringify(form).slice(0, 200)))
          if (res.status === 201) created++
          else if (res.status === 400) {
            // Each issue names a field of the form the generator touched (or the form itself).
            for (const i of res.body.error.details.issues as { path: string }[]) {
              const field = i.path.replace(/^\/body\/form\/?/, '').split('/')[0] as string
              if (!i.path.startsWith('/body/form') || (field && ![...changes.map(([k]) => k), ...dropped].includes(field))) failures.push(`issue ${i.path} names an untouched field (${res.body.error.message}) in ${JSON.stringify(form).slice(0, 300)}`)
            }
          } else failures.push(`unexpected ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
        },
      ),
      { numRuns: SUBMISSIONS },
    )
    console.info(`[fuzz] ${SUBMISSIONS} submissions: ${created} accepted, ${SUBMISSIONS - created} refused with named fields`)
    expect(failures.slice(0, 20)).toEqual([])
  })

  it('should answer an impossible calendar day in a query with 400 naming it (found by this fuzz test: it was a 500)', async () => {
    const supervisor = await t.as('supervisor')
    for (const d of ['2026-02-30', '2026-13-01']) {
      const r = await supervisor.get(`/api/exchange/completeness?since=${d}`)
      expect(r.status).toBe(400)
      expect(r.body.error.details.issues[0].path).toBe('/query/since')
    }
  })
})
