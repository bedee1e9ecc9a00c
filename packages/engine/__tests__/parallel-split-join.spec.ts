import { describe, expect, it } from 'vitest'
import { replay } from '../src/index'
import { CaseRun } from './fixtures/harness'
import { apv, expert, hnd, parallel, rev, submitTo, win } from './fixtures/inline'

// accept → pre → split ⇉ (a1 → a2) ∥ (b1) ⇉ join → final → end
const split = () =>
  new CaseRun(parallel)
    .do(submitTo(parallel), '2026-03-02 09:30')
    .do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    .do({ type: 'complete', actor: hnd, node: 'pre', opinion: '分送' }, '2026-03-02 11:00')
const done = (node: string, actor: typeof hnd, when: string) => (r: CaseRun) => r.do({ type: 'complete', actor, node, opinion: '同意' }, when)
const nodes = (r: CaseRun) => r.s.tasks.map((t) => t.node).sort()
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)

describe('engine/parallel split and join', () => {
  it('opens one task per branch at the split', () => {
    const r = split()
    expect(nodes(r)).toEqual(['a1', 'b1'])
    expect(r.events.at(-1)?.route).toMatchObject({ left: ['pre'], entered: ['a1', 'b1'], waiting: [], joined: [] })
  })

  it('leaves a waiting join when one branch completes, and does not fire it', () => {
    const r = done('b1', expert, '2026-03-03 10:00')(split())
    expect(nodes(r)).toEqual(['a1'])
    expect(r.s.joins).toEqual({ join: 1 })
    expect(r.events.at(-1)?.route).toMatchObject({ waiting: ['join'], joined: [], entered: [] })
  })

  it('fires the join only when every branch has arrived (short branch first)', () => {
    let r = done('b1', expert, '2026-03-03 10:00')(split())
    r = done('a1', hnd, '2026-03-03 11:00')(r)
    expect(nodes(r)).toEqual(['a2'])
    r = done('a2', rev, '2026-03-04 10:00')(r)
    expect(nodes(r)).toEqual(['final'])
    expect(r.s.joins).toEqual({})
    expect(r.events.at(-1)?.route).toMatchObject({ joined: ['join'], waiting: [], entered: ['final'] })
  })

  it('fires the join only when every branch has arrived (long branch first)', () => {
    let r = done('a1', hnd, '2026-03-03 10:00')(split())
    r = done('a2', rev, '2026-03-03 11:00')(r)
    expect(nodes(r)).toEqual(['b1'])
    expect(r.s.joins).toEqual({ join: 1 })
    r = done('b1', expert, '2026-03-04 10:00')(r)
    expect(nodes(r)).toEqual(['final'])
    r = done('final', apv, '2026-03-05 10:00')(r)
    expect(r.s).toMatchObject({ status: 'concluded', result: 'approved', tasks: [] })
    expect(replay(r.events)).toEqual(r.s)
  })

  it('allows a return inside a branch while the other branch is open', () => {
    const r = done('a1', hnd, '2026-03-03 10:00')(split()).do({ type: 'return', actor: rev, node: 'a2', to: 'a1', reason: '意见不完整' }, '2026-03-03 11:00')
    expect(nodes(r)).toEqual(['a1', 'b1'])
  })

  it('allows a return inside a branch while the other branch waits at the join, and the join still needs it', () => {
    let r = done('a1', hnd, '2026-03-03 10:00')(split())
    r = done('b1', expert, '2026-03-03 11:00')(r).do({ type: 'return', actor: rev, node: 'a2', to: 'a1', reason: '重新办理' }, '2026-03-04 10:00')
    expect(nodes(r)).toEqual(['a1'])
    expect(r.s.joins).toEqual({ join: 1 })
    r = done('a2', rev, '2026-03-05 10:00')(done('a1', hnd, '2026-03-04 11:00')(r))
    expect(nodes(r)).toEqual(['final'])
  })

  it('refuses a return into the other branch (b1 → a1): the target is not upstream of the step', () => {
    const r = done('a1', hnd, '2026-03-03 10:00')(split())
    expect(nodes(r)).toEqual(['a2', 'b1'])
    expect(code(r.try({ type: 'return', actor: expert, node: 'b1', to: 'a1', reason: '退回' }, '2026-03-03 11:00'))).toBe('return.invalid_target')
  })

  it('refuses a return into the other branch after a loop back to before the split (found by the invariant property)', () => {
    let r = done('b1', expert, '2026-03-04 10:00')(done('a2', rev, '2026-03-03 11:00')(done('a1', hnd, '2026-03-03 10:00')(split())))
    r.do({ type: 'return', actor: apv, node: 'final', to: 'pre', reason: '重新分送' }, '2026-03-05 10:00')
    r = done('pre', hnd, '2026-03-05 11:00')(r)
    expect(code(r.try({ type: 'return', actor: expert, node: 'b1', to: 'a1', reason: '退回' }, '2026-03-05 12:00'))).toBe('return.invalid_target')
    expect(nodes(r)).toEqual(['a1', 'b1'])
  })

  it('refuses a return to before the split while the other branch is open (return.parallel)', () => {
    const r = split()
    expect(code(r.try({ type: 'return', actor: hnd, node: 'a1', to: 'pre', reason: '退回分送前' }, '2026-03-03 10:00'))).toBe('return.parallel')
  })

  it('refuses a return to before the split while the other branch already waits at the join (it would be counted twice)', () => {
    const r = done('b1', expert, '2026-03-03 10:00')(split())
    expect(code(r.try({ type: 'return', actor: hnd, node: 'a1', to: 'pre', reason: '退回' }, '2026-03-03 11:00'))).toBe('return.parallel')
  })

  it('refuses a return from after the join into one branch (return.parallel)', () => {
    const r = done('b1', expert, '2026-03-04 10:00')(done('a2', rev, '2026-03-03 11:00')(done('a1', hnd, '2026-03-03 10:00')(split())))
    expect(code(r.try({ type: 'return', actor: apv, node: 'final', to: 'b1', reason: '退回' }, '2026-03-05 10:00'))).toBe('return.parallel')
  })

  it('allows a return from after the join to before the split, and then both branches run again', () => {
    let r = done('b1', expert, '2026-03-04 10:00')(done('a2', rev, '2026-03-03 11:00')(done('a1', hnd, '2026-03-03 10:00')(split())))
    r.do({ type: 'return', actor: apv, node: 'final', to: 'pre', reason: '重新分送' }, '2026-03-05 10:00')
    expect(nodes(r)).toEqual(['pre'])
    r = done('pre', hnd, '2026-03-05 11:00')(r)
    expect(nodes(r)).toEqual(['a1', 'b1'])
    r = done('b1', expert, '2026-03-06 10:00')(r)
    expect(nodes(r)).toEqual(['a1'])
    expect(r.s.joins).toEqual({ join: 1 })
  })
})
