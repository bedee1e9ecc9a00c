import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from './harness'

let t: TestServer
beforeAll(async () => {
  t = await startServer()
})
afterAll(async () => t.close())

describe('server/app', () => {
  it('should report health and which database it runs on', async () => {
    const r = await t.anonymous().get('/api/health')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ ok: true, version: '0.1.0', database: process.env.SUNLIGHT_TEST_PG ? 'postgres' : 'sqlite' })
  })

  it('should publish the templates on first start and filter the catalog by category', async () => {
    const all = (await t.anonymous().get('/api/catalog')).body
    const licenses = (await t.anonymous().get('/api/catalog?category=01')).body
    expect(all.items.length).toBeGreaterThanOrEqual(licenses.items.length)
    expect(licenses.items.every((i: { category: string }) => i.category === '01')).toBe(true)
    expect(licenses.items.map((i: { key: string }) => i.key)).toContain('religious-venue-preparation')
  })

  it('should serve one item with the public flowchart only and 404 an unknown key in the envelope', async () => {
    const item = (await t.anonymous().get('/api/catalog/religious-venue-preparation')).body
    expect(item.item.name).toBe('宗教活动场所筹备设立审批')
    expect(item.flow.steps.map((s: { id: string }) => s.id)).not.toContain('verify')
    const r = await t.anonymous().get('/api/catalog/no-such-item')
    expect(r.status).toBe(404)
    expect(r.body).toEqual({ error: { code: 'NOT_FOUND', message: 'no published item "no-such-item"', details: { key: 'no-such-item' } } })
  })

  it('should name every offending query field on bad input', async () => {
    const r = await t.anonymous().get('/api/calendar/deadline?start=yesterday&n=-1&unit=weeks')
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('VALIDATION_FAILED')
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/query/n', '/query/start', '/query/unit'])
  })

  it('should compute a working-day deadline across the Spring Festival', async () => {
    const r = await t.anonymous().get('/api/calendar/deadline?start=2026-02-10T10:00%2B08:00&n=10&unit=workdays')
    expect(r.body).toEqual({ lastDay: '2026-03-02', deadline: '2026-03-02T16:00:00.000Z', startDayCounted: false })
  })

  it('should answer a date beyond the holiday table with 422, not a guess', async () => {
    const r = await t.anonymous().get('/api/calendar/deadline?start=2026-12-28T10:00%2B08:00&n=10&unit=workdays')
    expect(r.status).toBe(422)
    expect(r.body.error.message).toBe('calendar unknown for 2027-01-01')
  })

  it('should validate a posted definition for a designer and refuse the public', async () => {
    const designer = await t.as('designer')
    const r = await designer.post('/api/definitions/validate', { schemaVersion: 1 })
    expect(r.body.valid).toBe(false)
    expect(r.body.diagnostics).toContainEqual(expect.objectContaining({ code: 'structure.required', path: '/item' }))
    expect((await t.anonymous().post('/api/definitions/validate', { schemaVersion: 1 })).status).toBe(401)
  })

  it('should answer malformed JSON with a 400 naming the body', async () => {
    const r = await fetch(t.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' })
    expect(r.status).toBe(400)
    expect(((await r.json()) as { error: unknown }).error).toEqual({ code: 'BAD_REQUEST', message: 'the request body is not valid JSON', details: { issues: [{ path: '/body', message: 'the request body is not valid JSON' }] } })
  })

  it('should refuse a "__proto__" key with a 400 naming that key (found by the form fuzz test: it named only /body)', async () => {
    const body = '{"itemKey":"religious-venue-preparation","form":{"venueName":{"a":[{"__proto__":{"polluted":1}}]}}}'
    const r = await fetch(t.url + '/api/hall/applications', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(r.status).toBe(400)
    const e = ((await r.json()) as { error: { code: string; details: { issues: { path: string; code: string }[] } } }).error
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.details.issues).toEqual([expect.objectContaining({ path: '/body/form/venueName/a/0/__proto__', code: 'forbidden_key' })])
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
  })

  it('should put a strict CSP without unsafe-eval on every response, errors included', async () => {
    for (const path of ['/', '/api/health', '/nope']) {
      const csp = (await t.anonymous().get(path)).headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-eval')
    }
  })

  it('should render the catalog page in Chinese', async () => {
    const html = (await t.anonymous().get('/')).body as string
    expect(html).toContain('行政权力清单')
    expect(html).toContain('宗教活动场所筹备设立审批')
  })

  it('should serve an OpenAPI document listing every route with its access rule', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/api/catalog/{key}'].get['x-access']).toEqual(['public'])
    expect(doc.paths['/api/definitions/validate'].post.requestBody).toBeDefined()
  })
})
