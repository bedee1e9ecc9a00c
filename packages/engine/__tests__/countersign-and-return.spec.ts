import { describe, expect, it } from 'vitest'
import { replay } from '../src/index'
import { CaseRun } from './fixtures/harness'
import { definition } from './fixtures/harness'
import { apv, countersigned, countersignedInput, hnd, rev, rev2, rev3, step, submitTo, win } from './fixtures/inline'

// accept → review → sign (会签: reviewer post, mode all, count 2) → approve → end
const atSign = () =>
  new CaseRun(countersigned)
    .do(submitTo(countersigned), '2026-03-02 09:30')
    .do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    .do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-03 10:00')
const sign = (actor = rev, opinion = '同意') => ({ type: 'countersign' as const, actor, node: 'sign', approve: true, opinion })
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)

describe('engine/countersign (会签) and a return to it', () => {
  it('keeps the step open after the first of two signatures', () => {
    const r = atSign().do(sign(rev), '2026-03-04 10:00')
    expect(r.s.tasks).toHaveLength(1)
    expect(r.s.tasks[0]).toMatchObject({ node: 'sign', signatures: [{ actorId: 'r1', approve: true, opinion: '同意' }] })
    expect(r.events.at(-1)?.route).toBeUndefined()
  })

  it('completes the step with two distinct signatures and moves on', () => {
    const r = atSign().do(sign(rev), '2026-03-04 10:00').do(sign(rev2, '同意，建议批准'), '2026-03-04 11:00')
    expect(r.s.tasks.map((t) => t.node)).toEqual(['approve'])
    expect(r.events.at(-1)).toMatchObject({ type: 'step:signed', actor: { id: 'r2' }, route: { left: ['sign'], entered: ['approve'] } })
    expect(r.s.completed.map((c) => c.node)).toEqual(['accept', 'review', 'sign'])
  })

  it('counts a dissenting signature (approve: false) towards completion and records it', () => {
    const r = atSign().do({ ...sign(rev, '不同意，理由见附件'), approve: false }, '2026-03-04 10:00').do(sign(rev2), '2026-03-04 11:00')
    expect(r.s.tasks.map((t) => t.node)).toEqual(['approve'])
    expect(r.events.filter((e) => e.type === 'step:signed').map((e) => e.data.approve)).toEqual([false, true])
  })

  it('lets the gateway after the countersign route on the votes (case.countersignAgainst)', () => {
    const voting = definition({
      ...(JSON.parse(JSON.stringify(countersignedInput)) as Record<string, unknown>),
      flow: {
        ...countersignedInput.flow,
        nodes: [...countersignedInput.flow.nodes.filter((n) => n.id !== 'end'), { id: 'votes', type: 'exclusive', name: '会签意见是否一致' }, step('reconsider', 'head', 2, { operations: ['return'] }), { id: 'end', type: 'end', name: '办结', result: 'approved' }],
        edges: [
          ...countersignedInput.flow.edges.filter((e) => e.id !== 'e4'),
          { id: 'v1', from: 'sign', to: 'votes' },
          { id: 'v2', from: 'votes', to: 'reconsider', condition: 'case.countersignAgainst > 0' },
          { id: 'v3', from: 'votes', to: 'approve', default: true },
          { id: 'v4', from: 'reconsider', to: 'approve' },
        ],
      },
    })
    const run = () =>
      new CaseRun(voting)
        .do(submitTo(voting), '2026-03-02 09:30')
        .do({ type: 'accept', actor: win }, '2026-03-02 10:00')
        .do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-03 10:00')
        .do(sign(rev), '2026-03-04 10:00')
    expect(run().do(sign(rev2), '2026-03-04 11:00').s.tasks.map((t) => t.node)).toEqual(['approve'])
    expect(run().do({ ...sign(rev2, '不同意'), approve: false }, '2026-03-04 11:00').s.tasks.map((t) => t.node)).toEqual(['reconsider'])
  })

  it('refuses a second signature by the same person (countersign.duplicate)', () => {
    expect(code(atSign().do(sign(rev), '2026-03-04 10:00').try(sign(rev), '2026-03-04 11:00'))).toBe('countersign.duplicate')
  })

  it('refuses `complete` on the countersign step (countersign.pending), before and after the first signature', () => {
    const r = atSign()
    const first = r.try({ type: 'complete', actor: rev, node: 'sign', opinion: '同意' }, '2026-03-04 09:00')
    expect(code(first)).toBe('countersign.pending')
    if (!first.ok) expect(first.refusal.details.needed).toBe(2)
    r.do(sign(rev), '2026-03-04 10:00')
    const second = r.try({ type: 'complete', actor: rev2, node: 'sign', opinion: '同意' }, '2026-03-04 11:00')
    expect(second.ok ? 'ok' : `${second.refusal.code}:${second.refusal.details.needed}`).toBe('countersign.pending:1')
  })

  it('refuses a signature without an opinion, by someone without the post, or on a step that is not a countersign step', () => {
    expect(code(atSign().try(sign(rev, ' '), '2026-03-04 10:00'))).toBe('opinion.required')
    expect(code(atSign().try(sign(apv), '2026-03-04 10:00'))).toBe('post.mismatch')
    const r = atSign().do(sign(rev), '2026-03-04 10:00').do(sign(rev2), '2026-03-04 11:00')
    expect(code(r.try({ type: 'countersign', actor: apv, node: 'approve', approve: true, opinion: '同意' }, '2026-03-05 10:00'))).toBe('countersign.not_countersign')
  })

  it('starts with no signatures again when a later step returns to the countersign step', () => {
    const r = atSign()
      .do(sign(rev), '2026-03-04 10:00')
      .do(sign(rev2), '2026-03-04 11:00')
      .do({ type: 'return', actor: apv, node: 'approve', to: 'sign', reason: '会签意见不一致，请重新会签' }, '2026-03-05 10:00')
    expect(r.s.tasks).toEqual([expect.objectContaining({ node: 'sign', signatures: [] })])
    expect(replay(r.events)).toEqual(r.s)
  })

  it('lets earlier signers sign again after the return, and needs two fresh signatures', () => {
    const r = atSign()
      .do(sign(rev), '2026-03-04 10:00')
      .do(sign(rev2), '2026-03-04 11:00')
      .do({ type: 'return', actor: apv, node: 'approve', to: 'sign', reason: '重新会签' }, '2026-03-05 10:00')
      .do(sign(rev), '2026-03-05 11:00')
    expect(r.s.tasks.map((t) => [t.node, t.signatures.length])).toEqual([['sign', 1]])
    expect(code(r.try(sign(rev), '2026-03-05 12:00'))).toBe('countersign.duplicate')
    r.do(sign(rev3), '2026-03-05 12:00')
    expect(r.s.tasks.map((t) => t.node)).toEqual(['approve'])
  })

  it('lets the countersign step return to an earlier step; the review step opens again', () => {
    const r = atSign().do(sign(rev), '2026-03-04 10:00').do({ type: 'return', actor: rev2, node: 'sign', to: 'review', reason: '审查意见不完整' }, '2026-03-04 11:00')
    expect(r.s.tasks.map((t) => t.node)).toEqual(['review'])
    r.do({ type: 'complete', actor: hnd, node: 'review', opinion: '已补充' }, '2026-03-05 10:00')
    expect(r.s.tasks).toEqual([expect.objectContaining({ node: 'sign', signatures: [] })])
  })
})
