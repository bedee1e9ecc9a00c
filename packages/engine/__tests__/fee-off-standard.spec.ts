import { describe, expect, it } from 'vitest'
import { CaseRun } from './fixtures/harness'
import { hnd, linear, submitTo, win } from './fixtures/inline'

// Linear item fees: 工本费 standard 50 元 (fixed amount), 检测费 按实际发生 (no fixed amount).
const accepted = () => new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
const charge = (item: string, amount: number, reason?: string) => ({ type: 'complete' as const, actor: hnd, node: 'review', opinion: '同意', fee: { item, amount, reason } })
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)

describe('engine/fee different from the standard (收费与标准不一致)', () => {
  it('accepts the standard fee without a reason and raises nothing', () => {
    const r = accepted().do(charge('工本费', 50), '2026-03-03 10:00')
    expect(r.events.at(-1)).toMatchObject({ type: 'step:completed', data: { fee: { item: '工本费', amount: 50 } } })
    expect(r.events.some((e) => e.type === 'monitor:raised')).toBe(false)
  })

  it('refuses a fee above or below the standard without a reason (fee.mismatch)', () => {
    for (const amount of [80, 49.99, 0]) {
      const res = accepted().try(charge('工本费', amount), '2026-03-03 10:00')
      expect(code(res)).toBe('fee.mismatch')
      if (!res.ok) expect(res.refusal.details).toEqual({ amount, standard: 50 })
    }
    expect(code(accepted().try(charge('工本费', 80, '  '), '2026-03-03 10:00'))).toBe('fee.mismatch')
  })

  it('accepts a different fee with a reason and raises a builtin monitor event carrying the reason', () => {
    const r = accepted().do(charge('工本费', 0, '申请人为低保户，依规减免'), '2026-03-03 10:00')
    const raised = r.events.at(-1)
    expect(raised).toMatchObject({ type: 'monitor:raised', node: 'review', actor: { id: 'h1' } })
    expect(raised?.data).toMatchObject({ point: 'builtin:feeMismatch', builtin: true, level: 'warning' })
    expect(String(raised?.data.message)).toContain('申请人为低保户，依规减免')
    expect(r.s.tasks.map((t) => t.node)).toEqual(['approve'])
  })

  it('accepts any amount for a fee without a fixed standard', () => {
    expect(code(accepted().try(charge('检测费', 1234.5), '2026-03-03 10:00'))).toBe('ok')
  })

  it('refuses a fee item the definition does not list (fee.unknown)', () => {
    expect(code(accepted().try(charge('咨询费', 100, '额外服务'), '2026-03-03 10:00'))).toBe('fee.unknown')
  })
})
