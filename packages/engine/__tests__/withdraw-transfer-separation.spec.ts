import { describe, expect, it } from 'vitest'
import { CaseRun, applicant, at, staff, submitCommand } from './fixtures/harness'
import { apv, countersigned, head, hnd, hnd2, linear, rev, submitTo, win, winApprover } from './fixtures/inline'
import { approver1, handler1, religious, religiousForm, reviewer1 } from './fixtures/religious'

const apv2 = staff('a2', ['approver'], '批准乙')
const accepted = (acceptor = win) => new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: acceptor }, '2026-03-02 10:00')
const reviewed = () => accepted().do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-03 10:00')
const withdrawReview = (actor = hnd) => ({ type: 'withdraw' as const, actor, node: 'review', reason: '意见有误，撤回修改' })
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)

describe('engine/withdraw (撤回)', () => {
  it('lets the person who completed the step take it back before the next step acts', () => {
    const r = reviewed().do(withdrawReview(), '2026-03-03 11:00')
    expect(r.s.tasks).toEqual([{ node: 'review', enteredAt: at('2026-03-03 11:00'), signatures: [], touched: false }])
    expect(r.s.completed.map((c) => c.node)).toEqual(['accept'])
    expect(r.events.at(-1)).toMatchObject({ type: 'step:withdrawn', node: 'review', route: { left: ['approve'], entered: ['review'] } })
  })

  it('refuses a withdraw by another holder of the same post', () => {
    expect(code(reviewed().try(withdrawReview(hnd2), '2026-03-03 11:00'))).toBe('withdraw.not_allowed')
  })

  it('refuses a withdraw after the next step was touched by a transfer', () => {
    const r = reviewed().do({ type: 'transfer', actor: apv, node: 'approve', to: apv2 }, '2026-03-03 11:00')
    expect(r.s.tasks[0]?.touched).toBe(true)
    expect(code(r.try(withdrawReview(), '2026-03-03 12:00'))).toBe('withdraw.not_allowed')
  })

  it('refuses a withdraw after the next step was touched by an extension approved there', () => {
    const r = reviewed().do({ type: 'extend', actor: head, value: 2, reason: '延期' }, '2026-03-03 11:00')
    expect(code(r.try(withdrawReview(), '2026-03-03 12:00'))).toBe('withdraw.not_allowed')
  })

  it('refuses a withdraw after the next step was completed or returned', () => {
    const done = reviewed().do({ type: 'complete', actor: apv, node: 'approve', form: { decision: 'approve' } }, '2026-03-03 11:00')
    expect(code(done.try(withdrawReview(), '2026-03-03 12:00'))).toBe('case.concluded')
    const returned = reviewed().do({ type: 'return', actor: apv, node: 'approve', to: 'review', reason: '退回' }, '2026-03-03 11:00')
    expect(code(returned.try(withdrawReview(), '2026-03-03 12:00'))).toBe('withdraw.not_allowed')
  })

  it('refuses a second withdraw of the same completion', () => {
    const r = reviewed().do(withdrawReview(), '2026-03-03 11:00')
    expect(code(r.try(withdrawReview(), '2026-03-03 12:00'))).toBe('withdraw.not_allowed')
  })

  it('refuses a withdraw of a step other than the last one completed', () => {
    const r = accepted()
    expect(code(r.try({ type: 'withdraw', actor: win, node: 'accept' }, '2026-03-02 11:00'))).toBe('withdraw.not_allowed')
  })
})

describe('engine/transfer (转办)', () => {
  it('transfers to another holder of the post: the task is assigned to them', () => {
    const r = accepted().do({ type: 'transfer', actor: hnd, node: 'review', to: hnd2, reason: '回避' }, '2026-03-02 11:00')
    expect(r.s.tasks[0]?.assignee).toEqual({ id: 'h2', name: '承办乙' })
    expect(r.events.at(-1)).toMatchObject({ type: 'step:transferred', node: 'review', actor: { id: 'h1' }, data: { to: { id: 'h2', name: '承办乙' } } })
  })

  it('refuses a transfer to a person without the post, to oneself, or to a non-staff actor (transfer.invalid)', () => {
    for (const to of [apv, hnd, applicant]) expect(code(accepted().try({ type: 'transfer', actor: hnd, node: 'review', to }, '2026-03-02 11:00'))).toBe('transfer.invalid')
  })

  it('after the transfer only the assignee may act (task.assigned)', () => {
    const r = accepted().do({ type: 'transfer', actor: hnd, node: 'review', to: hnd2 }, '2026-03-02 11:00')
    const blocked = r.try({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-02 12:00')
    expect(code(blocked)).toBe('task.assigned')
    if (!blocked.ok) expect(blocked.refusal.details.assignee).toBe('承办乙')
    expect(code(r.try({ type: 'suspend', actor: hnd, reason: '暂停' }, '2026-03-02 12:00'))).toBe('task.assigned')
    expect(code(r.try({ type: 'transfer', actor: hnd, node: 'review', to: staff('h3', ['handler']) }, '2026-03-02 12:00'))).toBe('task.assigned')
    expect(code(r.try({ type: 'complete', actor: hnd2, node: 'review', opinion: '同意' }, '2026-03-02 12:00'))).toBe('ok')
  })

  it('lets the assignee transfer it back', () => {
    const r = accepted().do({ type: 'transfer', actor: hnd, node: 'review', to: hnd2 }, '2026-03-02 11:00').do({ type: 'transfer', actor: hnd2, node: 'review', to: hnd }, '2026-03-02 12:00')
    expect(code(r.try({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-02 13:00'))).toBe('ok')
  })

  it('refuses a transfer on a step that does not allow it', () => {
    const r = new CaseRun(countersigned).do(submitTo(countersigned), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    expect(code(r.try({ type: 'transfer', actor: hnd, node: 'review', to: hnd2 }, '2026-03-02 11:00'))).toBe('operation.not_allowed')
  })
})

describe('engine/separation of duties (受理与审批分离)', () => {
  const toApprove = (acceptor: typeof win) => accepted(acceptor).do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-03 10:00')

  it('refuses approval by the person who accepted the case (duty.separation)', () => {
    const res = toApprove(winApprover).try({ type: 'complete', actor: winApprover, node: 'approve', form: { decision: 'approve' } }, '2026-03-04 10:00')
    expect(code(res)).toBe('duty.separation')
    if (!res.ok) expect(res.refusal.details).toEqual({ a: 'accept', b: 'approve' })
  })

  it('lets another approver approve the same case', () => {
    expect(code(toApprove(winApprover).try({ type: 'complete', actor: apv, node: 'approve', form: { decision: 'approve' } }, '2026-03-04 10:00'))).toBe('ok')
  })

  it('is not bypassed by transferring the approve task to the acceptor', () => {
    const r = toApprove(winApprover).do({ type: 'transfer', actor: apv, node: 'approve', to: winApprover }, '2026-03-04 09:00')
    expect(code(r.try({ type: 'complete', actor: winApprover, node: 'approve', form: { decision: 'approve' } }, '2026-03-04 10:00'))).toBe('duty.separation')
  })

  it('holds on the religious template: the window clerk who accepted may not approve', () => {
    const clerk = staff('w9', ['window', 'approver'], '窗口兼批准')
    const r = new CaseRun(religious)
      .do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30')
      .do({ type: 'accept', actor: clerk }, '2026-03-02 10:00')
      .do({ type: 'complete', actor: handler1, node: 'review', opinion: '同意' }, '2026-03-03 10:00')
      .do({ type: 'complete', actor: reviewer1, node: 'verify', opinion: '同意' }, '2026-03-04 10:00')
    expect(code(r.try({ type: 'complete', actor: clerk, node: 'approve', opinion: '批准', form: { decision: 'approve' } }, '2026-03-05 10:00'))).toBe('duty.separation')
    expect(code(r.try({ type: 'complete', actor: approver1, node: 'approve', opinion: '批准', form: { decision: 'approve' } }, '2026-03-05 10:00'))).toBe('ok')
  })

  it('does not apply to steps outside the group: the acceptor may review', () => {
    const both = staff('wh', ['window', 'handler'])
    expect(code(accepted(both).try({ type: 'complete', actor: both, node: 'review', opinion: '同意' }, '2026-03-03 10:00'))).toBe('ok')
  })

  it('refuses approval by someone without the approver post (post.mismatch, not duty.separation)', () => {
    expect(code(toApprove(win).try({ type: 'complete', actor: rev, node: 'approve' }, '2026-03-04 10:00'))).toBe('post.mismatch')
  })
})
