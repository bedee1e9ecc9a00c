import { describe, expect, it } from 'vitest'
import { fineBand, replay } from '../src/index'
import { CaseRun } from './fixtures/harness'
import { oneOfEach } from './fixtures/commands'
import { chief, head, hnd, investigator, linear, penalty, submitTo, win } from './fixtures/inline'

// accept(head) → investigate(investigator: grade, fineAmount, illegalIncome; merge) → notify(handler: 事先告知书) → decide(chief) → penalised
const filed = (caseId = 'case-A', caseNo = 'CF2026000001') =>
  new CaseRun(penalty).do(submitTo(penalty, { caseId, caseNo, materials: [] }), '2026-03-02 09:30').do({ type: 'accept', actor: head }, '2026-03-02 10:00')
const investigate = (extra: Record<string, unknown>) => ({ type: 'complete' as const, actor: investigator, node: 'investigate', opinion: '违法事实清楚', ...extra })
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)
const builtins = (r: CaseRun) => r.events.filter((e) => e.type === 'monitor:raised').map((e) => e.data)

describe('engine/penalty: merging cases (并案, 一事不再罚)', () => {
  it('records the merged case numbers on the main case', () => {
    const r = filed().do({ type: 'merge', actor: investigator, caseNos: ['CF2026000002'], reason: '同一违法行为' }, '2026-03-03 10:00')
    expect(r.s.merged).toEqual(['CF2026000002'])
    expect(r.s.status).toBe('handling')
    expect(r.events.at(-1)).toMatchObject({ type: 'case:merged', reason: '同一违法行为', data: { caseNos: ['CF2026000002'] } })
  })

  it('refuses a merge without a reason, of the case itself, of a case already merged, or with no case', () => {
    const r = filed().do({ type: 'merge', actor: investigator, caseNos: ['CF2026000002'], reason: '同一行为' }, '2026-03-03 10:00')
    expect(code(r.try({ type: 'merge', actor: investigator, caseNos: ['CF2026000003'], reason: '' }, '2026-03-03 11:00'))).toBe('reason.required')
    expect(code(r.try({ type: 'merge', actor: investigator, caseNos: ['CF2026000001'], reason: 'x' }, '2026-03-03 11:00'))).toBe('merge.invalid')
    expect(code(r.try({ type: 'merge', actor: investigator, caseNos: ['CF2026000002'], reason: 'x' }, '2026-03-03 11:00'))).toBe('merge.invalid')
    expect(code(r.try({ type: 'merge', actor: investigator, caseNos: [], reason: 'x' }, '2026-03-03 11:00'))).toBe('merge.invalid')
  })

  it('refuses merging on an item that is not a penalty', () => {
    const r = new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    expect(code(r.try({ type: 'merge', actor: hnd, caseNos: ['T1'], reason: 'x' }, '2026-03-03 10:00'))).toBe('merge.invalid')
    expect(code(r.try({ type: 'mergeInto', actor: hnd, into: 'T1', reason: 'x' }, '2026-03-03 10:00'))).toBe('merge.invalid')
  })

  it('concludes the second case as merged (mergeInto) with the main case recorded', () => {
    const b = filed('case-B', 'CF2026000002').do({ type: 'mergeInto', actor: investigator, into: 'CF2026000001', reason: '同一违法行为并案处理' }, '2026-03-03 10:00')
    expect(b.s).toMatchObject({ status: 'concluded', result: 'merged', mergedInto: 'CF2026000001', tasks: [] })
    expect(replay(b.events)).toEqual(b.s)
  })

  it('refuses every later command on the merged case with case.merged, so it can never be fined', () => {
    const b = filed('case-B', 'CF2026000002').do({ type: 'mergeInto', actor: investigator, into: 'CF2026000001', reason: '并案' }, '2026-03-03 10:00')
    const cmds = { ...oneOfEach('investigate'), complete: investigate({ penalty: { grade: 'minor', amount: 5000 } }) }
    for (const [type, cmd] of Object.entries(cmds)) {
      const res = b.try(cmd, '2026-03-04 10:00')
      expect(res.ok ? 'ok' : `${type}:${res.refusal.code}`).toBe(type === 'submit' ? 'submit:case.exists' : `${type}:case.merged`)
    }
  })

  it('names the main case in the case.merged refusal', () => {
    const b = filed('case-B', 'CF2026000002').do({ type: 'mergeInto', actor: investigator, into: 'CF2026000001', reason: '并案' }, '2026-03-03 10:00')
    const res = b.try(investigate({}), '2026-03-04 10:00')
    expect(res.ok ? undefined : res.refusal.details.into).toBe('CF2026000001')
  })

  it('refuses mergeInto without a reason or into the case itself', () => {
    expect(code(filed().try({ type: 'mergeInto', actor: investigator, into: 'CF2026000009', reason: ' ' }, '2026-03-03 10:00'))).toBe('reason.required')
    expect(code(filed().try({ type: 'mergeInto', actor: investigator, into: 'CF2026000001', reason: 'x' }, '2026-03-03 10:00'))).toBe('merge.invalid')
  })

  it('refuses a merge from a step that does not allow it (notify)', () => {
    const r = filed().do(investigate({ form: { grade: 'minor', fineAmount: 5000 } }), '2026-03-03 10:00')
    expect(code(r.try({ type: 'merge', actor: hnd, caseNos: ['CF2026000002'], reason: 'x' }, '2026-03-04 10:00'))).toBe('operation.not_allowed')
  })
})

describe('engine/penalty: discretion bands (裁量基准)', () => {
  it('accepts an amount inside the grade band without a reason and records it', () => {
    const r = filed().do(investigate({ form: { grade: 'general', fineAmount: 20000 } }), '2026-03-03 10:00')
    expect(r.s.penalty).toEqual({ grade: 'general', amount: 20000, noticed: false })
    expect(builtins(r)).toEqual([])
  })

  it('accepts the band edges (min and max are inside)', () => {
    for (const amount of [10000, 30000]) expect(code(filed().try(investigate({ penalty: { grade: 'general', amount } }), '2026-03-03 10:00'))).toBe('ok')
  })

  it('refuses an amount outside the band without a reason (penalty.outside_band)', () => {
    for (const amount of [9999.99, 30000.01, 50000]) {
      const res = filed().try(investigate({ penalty: { grade: 'general', amount } }), '2026-03-03 10:00')
      expect(code(res)).toBe('penalty.outside_band')
      if (!res.ok) expect(res.refusal.details).toMatchObject({ amount, band: '10000–30000', grade: '一般' })
    }
  })

  it('checks the band when the grade and amount come through the form too', () => {
    expect(code(filed().try(investigate({ form: { grade: 'minor', fineAmount: 20000 } }), '2026-03-03 10:00'))).toBe('penalty.outside_band')
  })

  it('accepts an amount outside the band with a reason and raises a builtin monitor:raised at once', () => {
    const r = filed().do(investigate({ penalty: { grade: 'minor', amount: 15000, reason: '违法行为持续时间长，社会影响较大' } }), '2026-03-03 10:00')
    expect(r.s.penalty).toMatchObject({ grade: 'minor', amount: 15000, reason: '违法行为持续时间长，社会影响较大' })
    const raised = r.events.at(-1)
    expect(raised).toMatchObject({ type: 'monitor:raised', operation: 'monitor', node: 'investigate', at: r.events.at(-2)?.at })
    expect(raised?.data).toMatchObject({ point: 'builtin:penaltyOutsideBand', builtin: true, level: 'warning', mode: 'auto' })
    expect(String(raised?.data.message)).toContain('0–10000')
  })

  it('refuses an unknown grade', () => {
    expect(code(filed().try(investigate({ penalty: { grade: 'huge', amount: 1 } }), '2026-03-03 10:00'))).toBe('penalty.unknown_grade')
  })

  it('records a grade without a fine (警告) when no amount is entered', () => {
    const r = filed().do(investigate({ form: { grade: 'warningOnly' } }), '2026-03-03 10:00')
    expect(r.s.penalty).toMatchObject({ grade: 'warningOnly', amount: 0 })
  })

  it('refuses a fine on a grade that has none', () => {
    expect(code(filed().try(investigate({ form: { grade: 'warningOnly', fineAmount: 500 } }), '2026-03-03 10:00'))).toBe('penalty.outside_band')
  })

  describe('ratio fines (基准比例) computed from the form base field', () => {
    it('computes the band as 1–3 × illegalIncome', () => {
      const g = penalty.discretion[0]?.grades.find((x) => x.id === 'income')
      expect(fineBand(g?.fine as never, { illegalIncome: 5000 })).toEqual({ min: 5000, max: 15000 })
      expect(fineBand(g?.fine as never, { illegalIncome: '8000' })).toEqual({ min: 8000, max: 24000 })
    })

    it('accepts amounts inside and refuses amounts outside the computed band (base in the same form patch)', () => {
      const at = (fineAmount: number) => code(filed().try(investigate({ form: { grade: 'income', illegalIncome: 5000, fineAmount } }), '2026-03-03 10:00'))
      expect([at(5000), at(15000), at(4999), at(15001)]).toEqual(['ok', 'ok', 'penalty.outside_band', 'penalty.outside_band'])
    })

    it('follows a base recorded earlier in the case form', () => {
      const cmd = submitTo(penalty, { caseId: 'case-C', caseNo: 'CF2026000003', materials: [], form: { illegalIncome: 2000 } })
      const c = new CaseRun(penalty).do(cmd, '2026-03-02 09:30').do({ type: 'accept', actor: head }, '2026-03-02 10:00')
      expect(code(c.try(investigate({ penalty: { grade: 'income', amount: 6000 } }), '2026-03-03 10:00'))).toBe('ok')
      expect(code(c.try(investigate({ penalty: { grade: 'income', amount: 6001 } }), '2026-03-03 10:00'))).toBe('penalty.outside_band')
    })

    it('documents the chosen behaviour: with the base field empty the band is unknown and the amount is not checked (open question)', () => {
      expect(code(filed().try(investigate({ penalty: { grade: 'income', amount: 1_000_000 } }), '2026-03-03 10:00'))).toBe('ok')
    })
  })
})

describe('engine/penalty: grade changed after the prior notice (告知后变更裁量等级)', () => {
  const noticed = () =>
    filed()
      .do(investigate({ form: { grade: 'minor', fineAmount: 8000 } }), '2026-03-03 10:00')
      .do({ type: 'complete', actor: hnd, node: 'notify', opinion: '已送达事先告知书' }, '2026-03-04 10:00')

  it('marks the penalty as noticed once the step issuing the 事先告知书 is completed', () => {
    expect(noticed().s.penalty).toEqual({ grade: 'minor', amount: 8000, noticed: true })
  })

  it('refuses a different grade after the notice without a reason (penalty.grade_changed)', () => {
    expect(code(noticed().try({ type: 'complete', actor: chief, node: 'decide', opinion: '决定', form: { grade: 'general', fineAmount: 12000 } }, '2026-03-05 10:00'))).toBe('penalty.grade_changed')
  })

  it('accepts the change with a reason and raises a builtin monitor event', () => {
    const r = noticed().do({ type: 'complete', actor: chief, node: 'decide', opinion: '决定', reason: '陈述申辩后查明情节较重', form: { grade: 'general', fineAmount: 12000 } }, '2026-03-05 10:00')
    expect(r.s).toMatchObject({ status: 'concluded', result: 'penalised', penalty: { grade: 'general', amount: 12000, noticed: true } })
    expect(builtins(r)).toEqual([expect.objectContaining({ point: 'builtin:gradeChangedAfterNotice', builtin: true })])
  })

  it('needs no reason when the grade stays the same (the amount may move inside the band)', () => {
    const r = noticed().do({ type: 'complete', actor: chief, node: 'decide', opinion: '决定', form: { grade: 'minor', fineAmount: 9000 } }, '2026-03-05 10:00')
    expect(r.s.penalty).toMatchObject({ grade: 'minor', amount: 9000 })
    expect(builtins(r)).toEqual([])
  })

  it('keeps the notice on record after a return to the investigation: a later grade change still needs a reason', () => {
    const r = noticed().do({ type: 'return', actor: chief, node: 'decide', to: 'investigate', reason: '事实需补充调查' }, '2026-03-05 10:00')
    expect(code(r.try(investigate({ form: { grade: 'general', fineAmount: 12000 } }), '2026-03-06 10:00'))).toBe('penalty.grade_changed')
  })

  it('raises both builtin events when a changed grade is also outside its band', () => {
    const r = noticed().do({ type: 'complete', actor: chief, node: 'decide', opinion: '决定', reason: '情节严重', form: { grade: 'general', fineAmount: 40000 } }, '2026-03-05 10:00')
    expect(builtins(r).map((d) => d.point)).toEqual(['builtin:penaltyOutsideBand', 'builtin:gradeChangedAfterNotice'])
  })
})
