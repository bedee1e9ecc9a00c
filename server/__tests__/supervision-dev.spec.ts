import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routeTable } from '../src/app'
import { startServer, type TestServer } from './harness'

let plain: TestServer
let controlled: TestServer
beforeAll(async () => {
  plain = await startServer({ demo: true })
  controlled = await startServer({ clockControl: true })
})
afterAll(async () => {
  await plain.close()
  await controlled.close()
})

describe('server/dev clock: only with SUNLIGHT_CLOCK_CONTROL=1, administrators only', () => {
  it('should not mount the dev routes by default (absent from the route table, 404 over HTTP)', async () => {
    expect(routeTable(plain.deps).some((r) => r.path.startsWith('/api/dev/'))).toBe(false)
    const admin = await plain.as('admin')
    expect((await admin.post('/api/dev/clock', { now: 0 })).status).toBe(404)
    expect((await admin.post('/api/dev/scheduler/tick')).status).toBe(404)
  })

  it('should let an administrator set the clock and run a tick, and refuse everyone else', async () => {
    expect(routeTable(controlled.deps).filter((r) => r.path.startsWith('/api/dev/')).every((r) => r.access !== 'public' && r.access.length === 1 && r.access[0] === 'admin')).toBe(true)
    const admin = await controlled.as('admin')
    const r = await admin.post('/api/dev/clock', { now: '2026-04-01T09:00:00+08:00' })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.now).toBe(Date.parse('2026-04-01T09:00:00+08:00'))
    expect(controlled.deps.now()).toBe(Date.parse('2026-04-01T09:00:00+08:00'))
    const again = controlled.anonymous() // the clock jumped a month: the earlier session has expired
    expect((await again.login('admin')).status).toBe(200)
    const tick = await again.post('/api/dev/scheduler/tick')
    expect(tick.status).toBe(200)
    expect(tick.body).toMatchObject({ leader: true })
    const sup = controlled.anonymous()
    await sup.login('supervisor')
    expect((await sup.post('/api/dev/clock', { now: 0 })).status).toBe(403)
    expect((await again.post('/api/dev/clock', { now: 'tomorrow' })).status).toBe(400)
  })
})
