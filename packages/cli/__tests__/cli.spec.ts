import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/index'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const templates = join(root, 'templates')
const template = join(templates, 'religious-venue-preparation.json')
const script = join(root, 'packages/cli/examples/religious-venue.script.json')

describe('cli/validate', () => {
  it('should end with "N valid, 0 invalid" on the templates and exit 0', async () => {
    const r = await runCli(['validate', templates])
    const last = r.stdout?.trim().split('\n').at(-1)
    expect(last).toMatch(/^\d+ valid, 0 invalid$/)
    expect(r.code).toBe(0)
  })

  it('should print path, code and message of a broken file and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunlight-cli-'))
    const broken = JSON.parse((await import('node:fs')).readFileSync(template, 'utf8'))
    broken.flow.edges[1].to = 'nowhere'
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken))
    writeFileSync(join(dir, 'not-json.json'), '{')
    const r = await runCli(['validate', dir])
    expect(r.stdout).toContain('/flow/edges/1/to  flow.edge_dangling')
    expect(r.stdout).toContain('json.syntax')
    expect(r.stdout?.trim().split('\n').at(-1)).toBe('0 valid, 2 invalid')
    expect(r.code).toBe(1)
  })

  it('should print Chinese messages when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunlight-cli-'))
    writeFileSync(join(dir, 'empty.json'), '{"schemaVersion":1}')
    const r = await runCli(['validate', dir], 'zh')
    expect(r.stdout).toContain('缺少必填项“item”')
  })

  it('should report a missing path instead of crashing', async () => {
    const r = await runCli(['validate', '/no/such/dir'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('cannot read')
  })
})

describe('cli/deadline', () => {
  it('should print the last day first: 10 working days across the 2026 Spring Festival', async () => {
    const r = await runCli(['deadline', '2026-02-10T10:00', '10', 'workdays'])
    const lines = r.stdout?.split('\n') ?? []
    expect(lines[0]).toBe('2026-03-02')
    expect(r.stdout).toContain('2026-02-14 周六 (调休 春节)')
  })

  it('should roll a natural-day limit ending on a Sunday to Monday (民法典 art. 203)', async () => {
    const r = await runCli(['deadline', '2026-03-02T10:00+08:00', '20', 'days'])
    expect(r.stdout?.split('\n')[0]).toBe('2026-03-23')
    expect(r.stdout).toContain('rolled')
  })

  it('should refuse to guess beyond the holiday table', async () => {
    const r = await runCli(['deadline', '2026-12-28', '10', 'workdays'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('calendar unknown for 2027-01-01')
  })

  it('should name the bad argument', async () => {
    expect((await runCli(['deadline', 'soon', '3', 'workdays'])).stderr).toMatch(/^start:/)
    expect((await runCli(['deadline', '2026-03-02', '-3', 'workdays'])).stderr).toMatch(/^N:/)
    expect((await runCli(['deadline', '2026-03-02', '3', 'weeks'])).stderr).toMatch(/^unit:/)
  })
})

describe('cli/simulate', () => {
  it('should print the timeline with clocks, the pause, the warning and the final result', async () => {
    const r = await runCli(['simulate', template, script])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('REFUSED materials.incomplete')
    expect(r.stdout).toContain('clock specialProcedure fieldCheck')
    expect(r.stdout).toContain('(paused)')
    expect(r.stdout).toContain('mp-review-limit@v1')
    expect(r.stdout).toContain('REFUSED case.concluded')
    expect(r.stdout?.trim().split('\n').at(-1)).toBe('10 events; final status concluded (approved)')
  })

  it('should name an invalid definition instead of running it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunlight-cli-'))
    writeFileSync(join(dir, 'def.json'), '{"schemaVersion":1}')
    const r = await runCli(['simulate', join(dir, 'def.json'), script])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('definition is invalid')
  })
})
