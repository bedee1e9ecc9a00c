import { describe, expect, it } from 'vitest'
import { caseClocks } from '../src/index'
import { CaseRun, applicant, at, cal } from './fixtures/harness'
import { hnd, linear, submitTo, win } from './fixtures/inline'

// Linear working-day item: promised 10, statutory 20, review step 3 working days.
// Accepted Monday 2026-03-02 10:00 → promised 03-16, statutory 03-30, review 03-05.
const accepted = () => new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
const due = (r: CaseRun, now: string) =>
  Object.fromEntries(caseClocks(r.def, r.s, at(now), cal).clocks.map((c) => [c.kind, c.deadline === undefined ? undefined : cal.dueDay(c.deadline)]))
const ask = (reason?: string) => ({ type: 'requestSupplement' as const, actor: hnd, node: 'review', items: [{ materialId: 'extra', description: '补充说明' }], reason })
const give = { type: 'supplement' as const, actor: applicant, materials: { extra: { provided: true } } }

describe('engine/supplement during handling pauses every clock', () => {
  it('has the expected deadlines before any pause', () => {
    expect(due(accepted(), '2026-03-03 09:00')).toEqual({ promised: '2026-03-16', statutory: '2026-03-30', step: '2026-03-05' })
  })

  it('pauses the case: status paused, a supplement pause opened, every case and step clock reports paused', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00')
    expect(r.s.status).toBe('paused')
    expect(r.s.pauses).toEqual([{ kind: 'supplement', from: at('2026-03-03 10:00') }])
    const clocks = caseClocks(r.def, r.s, at('2026-03-04 10:00'), cal).clocks.filter((c) => c.kind !== 'supplement')
    expect(clocks.map((c) => [c.kind, c.paused, c.next])).toEqual([
      ['promised', true, undefined],
      ['statutory', true, undefined],
      ['step', true, undefined],
    ])
  })

  it('moves the projected deadlines one working day per paused working day while the pause is open', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00')
    expect(due(r, '2026-03-03 18:00')).toEqual({ promised: '2026-03-16', statutory: '2026-03-30', step: '2026-03-05' })
    expect(due(r, '2026-03-05 12:00')).toEqual({ promised: '2026-03-18', statutory: '2026-04-01', step: '2026-03-09' })
  })

  it('moves promised, statutory and step deadlines by exactly the paused working days (03-04…03-06 = 3)', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00').do(give, '2026-03-06 15:00')
    expect(r.s.status).toBe('handling')
    expect(r.s.pauses).toEqual([{ kind: 'supplement', from: at('2026-03-03 10:00'), to: at('2026-03-06 15:00') }])
    expect(due(r, '2026-03-09 09:00')).toEqual({ promised: '2026-03-19', statutory: '2026-04-02', step: '2026-03-10' })
  })

  it('does not move anything for a pause opened and closed on the same day', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00').do(give, '2026-03-03 16:00')
    expect(due(r, '2026-03-04 09:00')).toEqual({ promised: '2026-03-16', statutory: '2026-03-30', step: '2026-03-05' })
  })

  it('counts rounds', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00').do(give, '2026-03-04 10:00')
    expect(r.s.supplementRounds).toBe(1)
    r.do(ask('首次告知遗漏附件'), '2026-03-05 10:00')
    expect(r.s.supplementRounds).toBe(2)
    expect(r.events.at(-1)?.data).toMatchObject({ phase: 'handling', round: 2 })
  })

  it('refuses a second round without a reason (reason.required)', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00').do(give, '2026-03-04 10:00')
    for (const reason of [undefined, '', '   ']) {
      const res = r.try(ask(reason), '2026-03-05 10:00')
      expect(res.ok ? 'ok' : res.refusal.code).toBe('reason.required')
    }
  })

  it('counts a pre-acceptance round too: the first handling round after one is a second round and needs a reason', () => {
    const r = new CaseRun(linear)
      .do(submitTo(linear, { materials: ['app'] }), '2026-03-02 09:30')
      .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'licence', description: '营业执照' }] }, '2026-03-02 10:00')
      .do({ type: 'supplement', actor: applicant, materials: { licence: { provided: true } } }, '2026-03-02 11:00')
      .do({ type: 'accept', actor: win }, '2026-03-02 12:00')
    const res = r.try(ask(), '2026-03-03 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('reason.required')
  })

  it('refuses a supplement request while the case is already paused', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00')
    const res = r.try(ask('再次'), '2026-03-03 11:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('case.status')
  })

  it('refuses other work on the step while paused (complete is not possible in paused)', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00')
    const res = r.try({ type: 'complete', actor: hnd, node: 'review' }, '2026-03-04 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('case.status')
  })

  it('lets staff of the acceptance post register the supplement at the window', () => {
    const r = accepted().do(ask(), '2026-03-03 10:00').do({ ...give, actor: win }, '2026-03-04 10:00')
    expect(r.s.status).toBe('handling')
  })
})
