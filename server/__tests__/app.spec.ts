import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from './harness'

let base: { url: string; close: () => Promise<void> }
beforeAll(async () => {
  base = await startApp()
})
afterAll(async () => base.close())

const get = (path: string) => fetch(base.url + path)

describe('server/app', () => {
  it('should report health with the number of published items', async () => {
    const r = await get('/api/health')
    expect(r.status).toBe(200)
    expect((await r.json()).items).toBeGreaterThanOrEqual(1)
  })

  it('should list the catalog and filter it by category', async () => {
    const all = await (await get('/api/catalog')).json()
    const licenses = await (await get('/api/catalog?category=01')).json()
    expect(all.items.length).toBeGreaterThanOrEqual(licenses.items.length)
    expect(licenses.items.every((i: { category: string }) => i.category === '01')).toBe(true)
    expect(licenses.items.map((i: { key: string }) => i.key)).toContain('religious-venue-preparation')
  })

  it('should serve one definition by key and 404 an unknown key in the error envelope', async () => {
    expect((await (await get('/api/catalog/religious-venue-preparation')).json()).item.name).toBe('宗教活动场所筹备设立审批')
    const r = await get('/api/catalog/no-such-item')
    expect(r.status).toBe(404)
    expect(await r.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no published item "no-such-item"', details: { key: 'no-such-item' } } })
  })

  it('should name the offending query field on bad input', async () => {
    const r = await get('/api/calendar/deadline?start=yesterday&n=-1&unit=weeks')
    expect(r.status).toBe(400)
    const body = await r.json()
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/query/n', '/query/start', '/query/unit'])
  })

  it('should compute a working-day deadline across the Spring Festival', async () => {
    const r = await get('/api/calendar/deadline?start=2026-02-10T10:00%2B08:00&n=10&unit=workdays')
    expect(await r.json()).toEqual({ lastDay: '2026-03-02', deadline: '2026-03-02T16:00:00.000Z', startDayCounted: false })
  })

  it('should answer a date beyond the holiday table with 422, not a guess', async () => {
    const r = await get('/api/calendar/deadline?start=2026-12-28T10:00%2B08:00&n=10&unit=workdays')
    expect(r.status).toBe(422)
    expect((await r.json()).error.message).toBe('calendar unknown for 2027-01-01')
  })

  it('should validate a posted definition and return diagnostics', async () => {
    const r = await fetch(base.url + '/api/definitions/validate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"schemaVersion":1}' })
    const body = await r.json()
    expect(body.valid).toBe(false)
    expect(body.diagnostics).toContainEqual(expect.objectContaining({ code: 'structure.required', path: '/item' }))
  })

  it('should answer malformed JSON with a 400 naming the body', async () => {
    const r = await fetch(base.url + '/api/definitions/validate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' })
    expect(r.status).toBe(400)
    expect((await r.json()).error).toEqual({ code: 'BAD_REQUEST', message: 'the request body is not valid JSON', details: { issues: [{ path: '/body', message: 'the request body is not valid JSON' }] } })
  })

  it('should put a strict CSP without unsafe-eval on every response, errors included', async () => {
    for (const path of ['/', '/api/health', '/nope']) {
      const csp = (await get(path)).headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-eval')
    }
  })

  it('should render the catalog page in Chinese', async () => {
    const html = await (await get('/')).text()
    expect(html).toContain('行政权力清单')
    expect(html).toContain('宗教活动场所筹备设立审批')
  })
})
