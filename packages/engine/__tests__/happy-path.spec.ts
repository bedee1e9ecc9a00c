import { describe, expect, it } from 'vitest'
import { replay, verifyChain } from '../src/index'
import { CaseRun, at, cal, submitCommand } from './fixtures/harness'
import { approver1, handler1, religious, religiousForm, reviewer1, window1 } from './fixtures/religious'

describe('engine/happy path: 宗教活动场所筹备设立审批', () => {
  const run = () =>
    new CaseRun(religious)
      .do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30')
      .do({ type: 'accept', actor: window1 }, '2026-03-02 10:00')
      .do({ type: 'complete', actor: handler1, node: 'review', opinion: '材料齐全，符合条件', form: { reviewOpinion: '同意' } }, '2026-03-05 10:00')
      .do({ type: 'complete', actor: reviewer1, node: 'verify', opinion: '同意' }, '2026-03-06 10:00')
      .do({ type: 'complete', actor: approver1, node: 'approve', opinion: '批准', form: { decision: 'approve' } }, '2026-03-09 10:00')

  it('should conclude as approved through the exclusive gateway', () => {
    const r = run()
    expect(r.s.status).toBe('concluded')
    expect(r.s.result).toBe('approved')
    expect(r.events.at(-1)?.route?.decisions).toEqual([{ gateway: 'decided', edge: 'e6' }])
  })

  it('should take the default branch when no condition holds', () => {
    const r = new CaseRun(religious)
      .do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30')
      .do({ type: 'accept', actor: window1 }, '2026-03-02 10:00')
      .do({ type: 'complete', actor: handler1, node: 'review', opinion: '不符合条件' }, '2026-03-03 10:00')
      .do({ type: 'complete', actor: reviewer1, node: 'verify', opinion: '同意承办意见' }, '2026-03-04 10:00')
      .do({ type: 'complete', actor: approver1, node: 'approve', opinion: '不予批准', form: { decision: 'deny' } }, '2026-03-05 10:00')
    expect(r.s.result).toBe('denied')
  })

  it('should record actor, post, department, time and operation on every event', () => {
    const r = run()
    const completed = r.events.find((e) => e.type === 'step:completed')
    expect(completed).toMatchObject({ actor: { id: 'h1' }, post: 'handler', department: 'dept', at: at('2026-03-05 10:00'), operation: 'complete', opinion: '材料齐全，符合条件' })
  })

  it('should give the same state when the events are replayed', () => {
    const r = run()
    expect(replay(r.events)).toEqual(r.s)
  })

  it('should chain every event to the one before it', () => {
    expect(verifyChain(run().events)).toMatchObject({ ok: true, count: 5 })
  })

  it('should start the clocks at acceptance and not count the acceptance day', () => {
    const r = new CaseRun(religious).do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30').do({ type: 'accept', actor: window1 }, '2026-03-02 10:00')
    expect(r.s.clockStart).toBe(at('2026-03-02 10:00'))
    // promised 20 natural days from 2026-03-02 → 2026-03-22 is a Sunday → rolls to Monday 03-23 (民法典 art. 203)
    expect(cal.dueDay(cal.addLimit(r.s.clockStart as number, religious.item.promisedLimit))).toBe('2026-03-23')
  })
})
