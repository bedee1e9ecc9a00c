import { parseDefinition } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { caseClocks } from '../src/index'
import { CaseRun, at, cal, definition, submitCommand } from './fixtures/harness'
import { apv, head, hnd, linear, linearInput, submitTo, win } from './fixtures/inline'
import { approver1, handler1, head1, religious, religiousForm, reviewer1, window1 } from './fixtures/religious'

// Linear: promised 10 / statutory 20 working days, extension up to +10 working days approved by `head`.
// Accepted Monday 2026-03-02 10:00 → promised 03-16, statutory 03-30.
const accepted = () => new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
const ext = (value: number, reason = '案情复杂，经负责人批准延期') => ({ type: 'extend' as const, actor: head, value, reason })
const due = (r: CaseRun, kind: string) => cal.dueDay(caseClocks(r.def, r.s, at('2026-03-05 09:00'), cal).clocks.find((c) => c.kind === kind)?.deadline as number)
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)

describe('engine/extension (延期, 行政许可法 art. 42)', () => {
  it('lengthens both the promised and the statutory limit by the approved working days', () => {
    const r = accepted().do(ext(5), '2026-03-04 10:00')
    expect(r.s.extension).toBe(5)
    expect(r.events.at(-1)).toMatchObject({ type: 'case:extended', post: 'head', reason: '案情复杂，经负责人批准延期', data: { value: 5, unit: 'workdays' } })
    expect(due(r, 'promised')).toBe('2026-03-23')
    expect(due(r, 'statutory')).toBe('2026-04-07')
  })

  it('does not lengthen the step limits', () => {
    const r = accepted().do(ext(5), '2026-03-04 10:00')
    expect(due(r, 'step')).toBe('2026-03-05')
  })

  it('allows several extensions up to the maximum in total', () => {
    const r = accepted().do(ext(4), '2026-03-03 10:00').do(ext(6), '2026-03-04 10:00')
    expect(r.s.extension).toBe(10)
    expect(due(r, 'promised')).toBe('2026-03-30')
  })

  it('refuses an extension beyond the maximum with extension.exceeds (at once or in total)', () => {
    expect(code(accepted().try(ext(11), '2026-03-04 10:00'))).toBe('extension.exceeds')
    const r = accepted().do(ext(10), '2026-03-04 10:00')
    const res = r.try(ext(1), '2026-03-05 10:00')
    expect(code(res)).toBe('extension.exceeds')
    if (!res.ok) expect(res.refusal.details).toMatchObject({ requested: 1, max: '10 workdays' })
  })

  it('refuses zero, negative and fractional extensions', () => {
    for (const v of [0, -3, 2.5]) expect(code(accepted().try(ext(v), '2026-03-04 10:00'))).toBe('extension.exceeds')
  })

  it('refuses an approver who does not hold the rule post (post.mismatch), even the handler of the step', () => {
    for (const actor of [hnd, apv, win]) {
      const res = accepted().try({ ...ext(5), actor }, '2026-03-04 10:00')
      expect(code(res)).toBe('post.mismatch')
      if (!res.ok) expect(res.refusal.details.post).toBe('head')
    }
  })

  it('refuses an extension without a reason', () => {
    expect(code(accepted().try(ext(5, ''), '2026-03-04 10:00'))).toBe('reason.required')
  })

  it('refuses an extension before acceptance (no limit is running yet)', () => {
    const r = new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30')
    expect(code(r.try(ext(5), '2026-03-02 10:00'))).toBe('case.status')
  })

  it('refuses an extension on an item without an extension rule', () => {
    const input = linearInput()
    const noRule = definition({ ...input, timeLimits: { ...(input.timeLimits as object), extension: undefined } })
    const r = new CaseRun(noRule).do(submitTo(noRule), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    expect(code(r.try(ext(5), '2026-03-04 10:00'))).toBe('extension.not_allowed')
  })

  it('never meets an extension in another unit than the case limits: the definition is refused before publication', () => {
    const input = linearInput()
    const { definition: def, diagnostics } = parseDefinition({ ...input, timeLimits: { ...(input.timeLimits as object), extension: { max: { value: 10, unit: 'days' }, approverPost: 'head' } } })
    expect(def).toBeUndefined()
    expect(diagnostics.map((d) => `${d.code} ${d.path}`)).toContain('limit.extension_unit /timeLimits/extension/max/unit')
  })

  describe('on the religious template (+10 natural days by the post head, only at the approve step)', () => {
    const atApprove = () =>
      new CaseRun(religious)
        .do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30')
        .do({ type: 'accept', actor: window1 }, '2026-03-02 10:00')
        .do({ type: 'complete', actor: handler1, node: 'review', opinion: '同意' }, '2026-03-03 10:00')
        .do({ type: 'complete', actor: reviewer1, node: 'verify', opinion: '同意' }, '2026-03-04 10:00')

    it('extends 20 + 10 natural days: promised 03-23 → 04-01, statutory 04-01 → 04-13 (04-11 is a Saturday)', () => {
      const r = atApprove().do({ type: 'extend', actor: head1, value: 10, reason: '需征求有关部门意见' }, '2026-03-05 10:00')
      expect(due(r, 'promised')).toBe('2026-04-01')
      expect(due(r, 'statutory')).toBe('2026-04-13')
    })

    it('refuses the approver who lacks the head post', () => {
      expect(code(atApprove().try({ type: 'extend', actor: approver1, value: 10, reason: 'x' }, '2026-03-05 10:00'))).toBe('post.mismatch')
    })

    it('refuses an extension while no open step allows it (review does not)', () => {
      const r = new CaseRun(religious).do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30').do({ type: 'accept', actor: window1 }, '2026-03-02 10:00')
      expect(code(r.try({ type: 'extend', actor: head1, value: 10, reason: 'x' }, '2026-03-03 10:00'))).toBe('operation.not_allowed')
    })
  })
})
