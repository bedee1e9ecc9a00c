import { describe, expect, it } from 'vitest'
import { buildCommand, buttonsFor, dialogSpec, emptyDialogValues, missingFields, newIdempotencyKey, parseCaseNos, returnTargets } from '../operations'

const ctx = { opinionRequired: false, supplementRounds: 0, penalty: false }

describe('lib/operations', () => {
  it('should require a reason for refusal, return, suspension and voiding', () => {
    for (const op of ['refuse', 'return', 'suspend', 'void', 'conclude', 'merge', 'extend', 'specialProcedure'] as const) expect(dialogSpec(op, ctx).required).toContain('reason')
    expect(dialogSpec('refuse', ctx).cautious).toBe(true)
    expect(dialogSpec('accept', ctx).required).toEqual([])
  })

  it('should require an opinion where the step says so', () => {
    expect(dialogSpec('complete', ctx).required).toEqual([])
    expect(dialogSpec('complete', { ...ctx, opinionRequired: true }).required).toEqual(['opinion'])
  })

  it('should require a reason for a second 补正 round only', () => {
    expect(dialogSpec('requestSupplement', ctx).required).toEqual(['items'])
    expect(dialogSpec('requestSupplement', { ...ctx, supplementRounds: 1 }).required).toEqual(['items', 'reason'])
  })

  it('should report required inputs left empty, and a disagreement without reason', () => {
    const v = emptyDialogValues()
    expect(missingFields('return', dialogSpec('return', ctx), v)).toEqual(['to', 'reason'])
    v.approve = false
    expect(missingFields('complete', dialogSpec('complete', { ...ctx, opinionRequired: true }), v)).toEqual(['opinion', 'reason'])
    v.items = [{ materialId: 'a', description: '  ' }]
    expect(missingFields('requestSupplement', dialogSpec('requestSupplement', ctx), v)).toEqual(['items'])
    v.caseNos = ' , '
    expect(missingFields('merge', dialogSpec('merge', ctx), { ...v, reason: 'x' })).toEqual(['caseNos'])
  })

  it('should build the commands the API accepts', () => {
    const v = { ...emptyDialogValues(), opinion: ' 同意 ', reason: '' }
    expect(buildCommand('complete', 'review', v, { reviewOpinion: '符合' })).toEqual({ type: 'complete', node: 'review', opinion: '同意', form: { reviewOpinion: '符合' } })
    expect(buildCommand('complete', 'review', { ...v, approve: false, reason: '材料不实' })).toEqual({ type: 'complete', node: 'review', opinion: '同意', approve: false, reason: '材料不实' })
    expect(buildCommand('accept', 'accept', { ...v, opinion: '' })).toEqual({ type: 'accept' })
    expect(buildCommand('return', 'verify', { ...v, to: 'review', reason: '请补充核查' })).toEqual({ type: 'return', node: 'verify', to: 'review', reason: '请补充核查' })
    expect(buildCommand('requestSupplement', 'accept', { ...v, items: [{ materialId: 'm', description: ' 请补交 ' }] })).toEqual({ type: 'requestSupplement', node: 'accept', items: [{ materialId: 'm', description: '请补交' }] })
    expect(buildCommand('specialProcedure', 'review', { ...v, procedure: 'fieldCheck', reason: '核查' })).toEqual({ type: 'startSpecialProcedure', procedure: 'fieldCheck', reason: '核查', node: 'review' })
    expect(buildCommand('merge', 'x', { ...v, caseNos: 'sl20260302000001\nSL20260302000002,SL20260302000001', reason: '同一违法行为' })).toEqual({ type: 'merge', caseNos: ['SL20260302000001', 'SL20260302000002'], reason: '同一违法行为' })
    expect(buildCommand('complete', 'decide', { ...v, penalty: { grade: 'serious', amount: 60000 }, reason: '情节严重' })).toMatchObject({ penalty: { grade: 'serious', amount: 60000, reason: '情节严重' } })
  })

  it('should offer resume or end of a special procedure while the case is paused that way', () => {
    const open = (kind: 'suspension' | 'specialProcedure') => ({ status: 'paused' as const, pauses: [{ kind, from: 1 }] })
    expect(buttonsFor(['complete', 'suspend', 'bogus'], { status: 'handling', pauses: [] })).toEqual(['complete', 'suspend'])
    expect(buttonsFor(['complete', 'suspend'], open('suspension'))).toEqual(['complete', 'resume'])
    expect(buttonsFor(['complete', 'specialProcedure'], open('specialProcedure'))).toEqual(['complete', 'endSpecialProcedure'])
  })

  it('should return only to steps done before, most recent first', () => {
    const completed = [
      { node: 'accept', actorId: 'w', at: 1, seq: 4 },
      { node: 'review', actorId: 'h', at: 2, seq: 5 },
      { node: 'review', actorId: 'h', at: 3, seq: 7 },
      { node: 'verify', actorId: 'c', at: 4, seq: 8 },
    ]
    expect(returnTargets({ completed }, 'verify')).toEqual(['review', 'accept'])
    expect(returnTargets({ completed }, 'approve')).toEqual(['verify', 'review', 'accept'])
  })

  it('should make distinct idempotency keys the server accepts', () => {
    const a = newIdempotencyKey()
    expect(a).toMatch(/^[A-Za-z0-9._:-]{8,100}$/)
    expect(newIdempotencyKey()).not.toBe(a)
    expect(parseCaseNos('')).toEqual([])
  })
})
