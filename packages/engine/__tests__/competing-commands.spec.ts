import type { PowerItemDefinition } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { applyCommand, replay, verifyChain, type CaseEvent, type CaseState, type Command } from '../src/index'
import { at, cal, CaseRun } from './fixtures/harness'
import { countersigned, expert, hnd, parallel, rev, rev2, rev3, submitTo, win } from './fixtures/inline'

/**
 * Competing commands, in the style of Camunda's concurrency tests (CompetingJoinTest,
 * CompetingCompleteTaskSetVariableTest): two commands are DECIDED against the same state — as two
 * server transactions that both read version n — and then committed in a chosen order. The engine is
 * pure, so the interleaving is chosen exactly, not by timing:
 *  - the loser's events, appended as they were decided, would break the chain (same seq, same
 *    prevHash) — which is why the store refuses them by version (409);
 *  - the loser re-decided against the winner's state (what a client does after the 409) is
 *    handled correctly: the join fires exactly once, the countersign counts each person once.
 */

type Outcome = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; code: string }

function decide(def: PowerItemDefinition, state: CaseState, cmd: Command, when: string): Outcome {
  const r = applyCommand(def, state, cmd, at(when), cal)
  return r.ok ? { ok: true, state: r.state, events: r.events } : { ok: false, code: r.refusal.code }
}

interface Race {
  /** The history after the winner committed and the loser was re-decided against the new state. */
  events: CaseEvent[]
  state: CaseState
  winner: Outcome
  /** The loser decided against the stale state (what it would have written without the version check). */
  staleLoser: Outcome
  /** The loser re-decided against the winner's state. */
  rebased: Outcome
}

/** Both commands read `base`; `first` commits; `second` is refused by version, then retried on the new state. */
function compete(def: PowerItemDefinition, base: CaseRun, first: Command, second: Command, when = '2026-03-04 10:00'): Race {
  const state = base.s
  const winner = decide(def, state, first, when)
  const staleLoser = decide(def, state, second, when)
  if (!winner.ok) throw new Error(`the first command was refused: ${winner.code}`)
  const rebased = decide(def, winner.state, second, when)
  const events = [...base.events, ...winner.events, ...(rebased.ok ? rebased.events : [])]
  return { events, state: rebased.ok ? rebased.state : winner.state, winner, staleLoser, rebased }
}

const complete = (actor: typeof hnd, node: string): Command => ({ type: 'complete', actor, node, opinion: '同意' })
const sign = (actor: typeof rev): Command => ({ type: 'countersign', actor, node: 'sign', approve: true, opinion: '同意' })
const nodes = (s: CaseState) => s.tasks.map((t) => t.node).sort()
const joinedRoutes = (events: readonly CaseEvent[]) => events.filter((e) => e.route?.joined.includes('join'))

/** The parallel item with branch a at its last step (a2) and branch b at b1: both arrivals are pending. */
const bothBranchesOpen = () =>
  new CaseRun(parallel)
    .do(submitTo(parallel), '2026-03-02 09:30')
    .do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    .do(complete(hnd, 'pre'), '2026-03-02 11:00')
    .do(complete(hnd, 'a1'), '2026-03-03 10:00')

describe('engine/competing commands: a parallel join completed by two branches at once', () => {
  for (const order of ['a2 first', 'b1 first'] as const) {
    it(`should fire the join exactly once when both branches decide against the same state (${order})`, () => {
      const base = bothBranchesOpen()
      expect(nodes(base.s)).toEqual(['a2', 'b1'])
      const [first, second] = order === 'a2 first' ? [complete(rev, 'a2'), complete(expert, 'b1')] : [complete(expert, 'b1'), complete(rev, 'a2')]
      const race = compete(parallel, base, first, second)
      // Each, decided alone against the shared state, only waits at the join: neither sees the other.
      for (const alone of [race.winner, race.staleLoser]) {
        expect(alone.ok).toBe(true)
        if (alone.ok) {
          expect(alone.state.joins).toEqual({ join: 1 })
          expect(joinedRoutes(alone.events)).toHaveLength(0)
        }
      }
      // Re-decided against the winner's state, the second arrival fires the join, once.
      expect(race.rebased.ok).toBe(true)
      expect(nodes(race.state)).toEqual(['final'])
      expect(race.state.joins).toEqual({})
      expect(joinedRoutes(race.events)).toHaveLength(1)
      expect(verifyChain(race.events).ok).toBe(true)
      expect(replay(race.events)).toEqual(race.state)
    })
  }

  it('should break the chain if the stale loser were appended as decided (the store must refuse it by version)', () => {
    const base = bothBranchesOpen()
    const race = compete(parallel, base, complete(rev, 'a2'), complete(expert, 'b1'))
    if (!race.winner.ok || !race.staleLoser.ok) throw new Error('both should decide')
    expect(race.staleLoser.events[0]?.seq).toBe(race.winner.events[0]?.seq)
    const naive = [...base.events, ...race.winner.events, ...race.staleLoser.events]
    expect(verifyChain(naive)).toMatchObject({ ok: false, reason: 'sequence' })
  })

  it('should refuse the second of two completions of the same task once it sees the first (task.not_found)', () => {
    const race = compete(parallel, bothBranchesOpen(), complete(expert, 'b1'), complete(expert, 'b1'))
    expect(race.staleLoser.ok).toBe(true) // against the stale state it looked valid…
    expect(race.rebased).toEqual({ ok: false, code: 'task.not_found' }) // …against the new one it is refused
    expect(race.state.joins).toEqual({ join: 1 })
    expect(race.events.filter((e) => e.type === 'step:completed' && e.node === 'b1')).toHaveLength(1)
  })

  it('should reach the same state whichever branch commits first', () => {
    const ab = compete(parallel, bothBranchesOpen(), complete(rev, 'a2'), complete(expert, 'b1'))
    const ba = compete(parallel, bothBranchesOpen(), complete(expert, 'b1'), complete(rev, 'a2'))
    const shape = (s: CaseState) => ({ status: s.status, tasks: nodes(s), joins: s.joins, completed: s.completed.map((c) => c.node).sort(), seq: s.seq })
    expect(shape(ab.state)).toEqual(shape(ba.state))
  })
})

/** The countersign item at its 会签 step (reviewer post, all of 2). */
const atSign = () =>
  new CaseRun(countersigned)
    .do(submitTo(countersigned), '2026-03-02 09:30')
    .do({ type: 'accept', actor: win }, '2026-03-02 10:00')
    .do(complete(hnd, 'review'), '2026-03-03 10:00')

describe('engine/competing commands: concurrent countersignatures (会签)', () => {
  it('should complete the step once when two reviewers sign against the same state', () => {
    const race = compete(countersigned, atSign(), sign(rev), sign(rev2))
    if (!race.staleLoser.ok) throw new Error('the stale signature should decide')
    // Alone, the second signature saw no other signature and kept the step open.
    expect(nodes(race.staleLoser.state)).toEqual(['sign'])
    expect(race.rebased.ok).toBe(true)
    expect(nodes(race.state)).toEqual(['approve'])
    expect(race.events.filter((e) => e.type === 'step:signed').map((e) => e.actor.id)).toEqual(['r1', 'r2'])
    expect(race.events.filter((e) => e.route?.left.includes('sign'))).toHaveLength(1)
    expect(replay(race.events)).toEqual(race.state)
  })

  it('should refuse the same reviewer signing twice at once (countersign.duplicate), keeping one signature', () => {
    const race = compete(countersigned, atSign(), sign(rev), sign(rev))
    expect(race.staleLoser.ok).toBe(true)
    expect(race.rebased).toEqual({ ok: false, code: 'countersign.duplicate' })
    expect(race.state.tasks[0]?.signatures).toHaveLength(1)
  })

  it('should refuse a third signature that raced the two which completed the step', () => {
    const two = compete(countersigned, atSign(), sign(rev), sign(rev2))
    // r3 decided against the state before either signature; after both, its retry finds no open task.
    const third = decide(countersigned, two.state, sign(rev3), '2026-03-04 10:00')
    expect(third).toEqual({ ok: false, code: 'task.not_found' })
    const stale = decide(countersigned, atSign().s, sign(rev3), '2026-03-04 10:00')
    expect(stale.ok).toBe(true)
  })
})
