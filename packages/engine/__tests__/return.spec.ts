import { describe, expect, it } from 'vitest'
import { caseClocks } from '../src/index'
import { CaseRun, at, cal } from './fixtures/harness'
import { apv, hnd, hnd2, linear, submitTo, win } from './fixtures/inline'

// Linear working-day item; accepted Monday 2026-03-02 10:00 (promised 03-16, statutory 03-30);
// review (3 working days) completed late on 03-09, approve (3 working days) returns it on 03-10.
const atApprove = () =>
  new CaseRun(linear)
    .do(submitTo(linear), '2026-03-02 09:30')
    .do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    .do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-09 10:00')
const back = (reason = '材料核查不充分') => ({ type: 'return' as const, actor: apv, node: 'approve', to: 'review', reason })
const clocks = (r: CaseRun, now: string) => caseClocks(r.def, r.s, at(now), cal)
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)

describe('engine/return (退回) and the warnings after it', () => {
  it('moves the token back: the approve task leaves, a new review task opens at the return instant', () => {
    const r = atApprove().do(back(), '2026-03-10 10:00')
    expect(r.s.tasks).toEqual([{ node: 'review', enteredAt: at('2026-03-10 10:00'), signatures: [], touched: false }])
    expect(r.s.returnCount).toBe(1)
    expect(r.events.at(-1)).toMatchObject({ type: 'step:returned', node: 'approve', reason: '材料核查不充分', data: { to: 'review' } })
  })

  it('resets the step clock: the review step was 红牌 before it was completed, the returned task starts at normal with a fresh deadline', () => {
    const before = new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    expect(clocks(before, '2026-03-09 09:00').stepLevel).toBe('red')
    const r = atApprove().do(back(), '2026-03-10 10:00')
    const step = clocks(r, '2026-03-10 11:00').clocks.find((c) => c.kind === 'step')
    expect(step).toMatchObject({ node: 'review', start: at('2026-03-10 10:00'), level: 'normal' })
    expect(cal.dueDay(step?.deadline as number)).toBe('2026-03-13')
  })

  it('leaves the case clocks unchanged: same start, same promised and statutory deadlines and levels', () => {
    const r0 = atApprove()
    const r1 = atApprove().do(back(), '2026-03-10 10:00')
    expect(r1.s.clockStart).toBe(r0.s.clockStart)
    const pick = (r: CaseRun) => clocks(r, '2026-03-13 10:00').clocks.filter((c) => c.kind !== 'step').map((c) => [c.kind, c.deadline, c.level, c.next])
    expect(pick(r1)).toEqual(pick(r0))
    expect(r1.s.pauses).toEqual([])
  })

  it('lets the returned step be completed again and the case continue', () => {
    const r = atApprove().do(back(), '2026-03-10 10:00').do({ type: 'complete', actor: hnd2, node: 'review', opinion: '已补充核查' }, '2026-03-11 10:00')
    expect(r.s.tasks.map((t) => t.node)).toEqual(['approve'])
    r.do({ type: 'complete', actor: apv, node: 'approve', form: { decision: 'approve' } }, '2026-03-12 10:00')
    expect(r.s.result).toBe('approved')
  })

  it('refuses a return without a reason (reason.required)', () => {
    for (const reason of ['', '  ']) expect(code(atApprove().try(back(reason), '2026-03-10 10:00'))).toBe('reason.required')
  })

  it('refuses a return to a step this case never completed (return.invalid_target)', () => {
    const r = new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    const res = r.try({ type: 'return', actor: hnd, node: 'review', to: 'approve', reason: '试图跳到后面' }, '2026-03-03 10:00')
    expect(code(res)).toBe('return.invalid_target')
  })

  it('refuses a return to the acceptance step, to the step itself, to a gateway or to an unknown node', () => {
    for (const to of ['accept', 'approve', 'gw', 'nope']) expect(code(atApprove().try({ ...back(), to }, '2026-03-10 10:00'))).toBe('return.invalid_target')
  })

  it('refuses a return from a step that is not open or by someone without its post', () => {
    expect(code(atApprove().try({ ...back(), node: 'review' }, '2026-03-10 10:00'))).toBe('task.not_found')
    expect(code(atApprove().try({ ...back(), actor: hnd }, '2026-03-10 10:00'))).toBe('post.mismatch')
  })
})
