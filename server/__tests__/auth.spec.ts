import knex from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boot } from '../src/bootstrap'
import { silentLogger } from '../src/logger'
import { startServer, testPg, type TestServer } from './harness'

let t: TestServer
const start = Date.parse('2026-03-02T09:00:00+08:00')
beforeAll(async () => {
  t = await startServer({ now: start })
})
afterAll(async () => t.close())

describe('server/auth', () => {
  it('should set an httpOnly SameSite=Strict session cookie and return a CSRF token', async () => {
    const r = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'window', password: 'Sunlight2026' }) })
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('sl_session=')) ?? ''
    expect(cookie).toMatch(/httponly/i)
    expect(cookie).toMatch(/samesite=strict/i)
    expect(((await r.json()) as { csrfToken: string }).csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/)
  })

  it('should answer an unknown user and a wrong password alike', async () => {
    const a = await t.anonymous().post('/api/auth/login', { username: 'nobody', password: 'whatever123' })
    const b = await t.anonymous().post('/api/auth/login', { username: 'handler', password: 'wrong-password1' })
    expect(a.status).toBe(401)
    expect(b.body).toEqual(a.body)
  })

  it('should lock an account after five consecutive failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await t.anonymous().post('/api/auth/login', { username: 'checker', password: `wrong-${i}-password` })
    const r = await t.anonymous().post('/api/auth/login', { username: 'checker', password: 'Sunlight2026' })
    expect(r.status).toBe(403)
    expect(r.body.error.details.reason).toBe('LOCKED')
    t.setNow(start + 16 * 60_000)
    expect((await t.anonymous().login('checker')).status).toBe(200)
    t.setNow(start)
  })

  it('should audit every sign-in attempt', async () => {
    const rows = await t.deps.db.knex('audit_log').where({ action: 'login', target: 'checker' })
    expect(rows.filter((r: { success: boolean | number }) => !r.success).length).toBeGreaterThanOrEqual(5)
  })

  it('should end a session after 30 idle minutes', async () => {
    const c = t.anonymous()
    await c.login('approver')
    expect((await c.get('/api/auth/me')).status).toBe(200)
    t.setNow(start + 31 * 60_000)
    expect((await c.get('/api/auth/me')).status).toBe(401)
    t.setNow(start)
  })

  it('should sign out', async () => {
    const c = t.anonymous()
    await c.login('designer')
    expect((await c.post('/api/auth/logout')).status).toBe(200)
    expect((await c.get('/api/auth/me')).status).toBe(401)
  })

  it('should make an administrator created outside demo mode change the password first', async () => {
    let schema: string | undefined
    if (testPg) {
      schema = `t_admin_${process.pid}_${Date.now()}`
      const k = knex({ client: 'pg', connection: testPg })
      await k.raw(`create schema "${schema}"`)
      await k.destroy()
    }
    const deps = await boot({
      db: { databaseUrl: testPg, schema, sqliteFile: testPg ? undefined : `/tmp/sunlight-admin-${process.pid}-${Date.now()}.sqlite` },
      logger: silentLogger,
      now: () => start,
      config: { bcryptCost: 4 },
      admin: { username: 'root', password: 'Initial-Passw0rd' },
    })
    const { createApp } = await import('../src/app')
    const { createServer } = await import('node:http')
    const server = createServer(createApp(deps).callback())
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`
    const { Client } = await import('./harness')
    const c = new Client(url)
    expect((await c.login('root', 'Initial-Passw0rd')).status).toBe(200)
    const blocked = await c.get('/api/cases')
    expect(blocked.status).toBe(403)
    expect(blocked.body.error.details.reason).toBe('PASSWORD_CHANGE_REQUIRED')
    const weak = await c.post('/api/auth/password', { currentPassword: 'Initial-Passw0rd', newPassword: 'short' })
    expect(weak.status).toBe(400)
    expect(weak.body.error.details.issues[0].path).toBe('/body/newPassword')
    expect((await c.post('/api/auth/password', { currentPassword: 'Initial-Passw0rd', newPassword: 'Better-Passw0rd-2026' })).status).toBe(200)
    const again = new Client(url)
    expect((await again.login('root', 'Better-Passw0rd-2026')).status).toBe(200)
    expect((await again.get('/api/cases')).status).toBe(200)
    await new Promise<void>((r) => server.close(() => r()))
    await deps.db.close()
    if (schema && testPg) {
      const k = knex({ client: 'pg', connection: testPg })
      await k.raw(`drop schema "${schema}" cascade`)
      await k.destroy()
    }
  })
})
