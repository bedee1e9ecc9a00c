import { describe, expect, it } from 'vitest'
import { CaseRun } from './fixtures/harness'
import { commandTypes, oneOfEach } from './fixtures/commands'
import { apv, hnd, linear, submitTo, win } from './fixtures/inline'

const submitted = () => new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30')
const accepted = () => submitted().do({ type: 'accept', actor: win }, '2026-03-02 10:00')
const concluded: Record<string, () => CaseRun> = {
  'approved through the flow': () =>
    accepted()
      .do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-03 10:00')
      .do({ type: 'complete', actor: apv, node: 'approve', form: { decision: 'approve' } }, '2026-03-04 10:00'),
  'refused at the window (不予受理)': () => submitted().do({ type: 'refuse', actor: win, reason: '不属于本机关职权范围' }, '2026-03-02 10:00'),
  'voided (作废)': () => accepted().do({ type: 'void', actor: hnd, reason: '重复录入' }, '2026-03-03 10:00'),
  'concluded early with a result code': () => accepted().do({ type: 'conclude', actor: hnd, result: 'withdrawn', reason: '申请人书面撤回申请' }, '2026-03-03 10:00'),
  'concluded while paused': () =>
    accepted().do({ type: 'suspend', actor: hnd, reason: '暂停' }, '2026-03-03 10:00').do({ type: 'void', actor: hnd, reason: '作废' }, '2026-03-04 10:00'),
}

describe('engine/a concluded case refuses every operation (case.concluded)', () => {
  for (const [how, make] of Object.entries(concluded)) {
    it(`refuses every command type on a case ${how}`, () => {
      const r = make()
      expect(r.s).toMatchObject({ status: 'concluded', tasks: [] })
      expect(r.s.result).toBeTruthy()
      const seq = r.s.seq
      const codes = commandTypes.filter((t) => t !== 'submit').map((t) => {
        const res = r.try(oneOfEach()[t], '2026-03-10 10:00')
        return `${t}:${res.ok ? 'ok' : res.refusal.code}`
      })
      expect(codes).toEqual(commandTypes.filter((t) => t !== 'submit').map((t) => `${t}:case.concluded`))
      expect(r.s.seq).toBe(seq)
    })
  }

  it('also refuses a command dated before the conclusion with case.concluded (not time.backwards)', () => {
    const r = concluded['voided (作废)']?.() as CaseRun
    const res = r.try(oneOfEach().complete, '2026-03-02 11:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('case.concluded')
  })

  it('documents the chosen behaviour: submit on a concluded case is refused as case.exists (the case id is taken)', () => {
    const r = concluded['approved through the flow']?.() as CaseRun
    const res = r.try(oneOfEach().submit, '2026-03-10 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('case.exists')
  })

  it('closes any open pause at the conclusion instant', () => {
    const r = concluded['concluded while paused']?.() as CaseRun
    expect(r.s.pauses.every((p) => p.to !== undefined)).toBe(true)
    expect(r.s.result).toBe('voided')
  })

  it('refuses an early conclusion with an unknown result code or without a reason', () => {
    const r = accepted()
    const a = r.try({ type: 'conclude', actor: hnd, result: 'nope', reason: 'x' }, '2026-03-03 10:00')
    const b = r.try({ type: 'conclude', actor: hnd, result: 'withdrawn', reason: '' }, '2026-03-03 10:00')
    expect([a.ok ? 'ok' : a.refusal.code, b.ok ? 'ok' : b.refusal.code]).toEqual(['result.unknown', 'reason.required'])
  })
})
