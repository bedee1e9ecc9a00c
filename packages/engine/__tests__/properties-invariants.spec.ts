import fc from 'fast-check'
import type { PowerItemDefinition } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { verifyChain, type CaseEvent, type CaseState } from '../src/index'
import { arbStart, arbSteps, propertyDef, runCase } from './fixtures/arbitraries'
import { countersigned, parallel, penalty } from './fixtures/inline'

const STATUSES = ['submitted', 'awaitingSupplement', 'handling', 'paused', 'concluded']

/**
 * What must hold after every accepted command. Before acceptance the acceptance step is the one
 * open task (the window's to-do); in handling and paused there is at least one task and none at
 * the acceptance step; a concluded case has a result and nothing open.
 */
function invariants(def: PowerItemDefinition, s: CaseState, events: readonly CaseEvent[]): void {
  const steps = new Map(def.flow.nodes.flatMap((n) => (n.type === 'step' ? [[n.id, n] as const] : [])))
  const acceptance = [...steps.values()].find((n) => n.kind === 'acceptance')?.id
  const open = s.pauses.filter((p) => p.to === undefined)
  expect(STATUSES).toContain(s.status)
  expect(s.seq).toBe(events.length)
  expect(s.lastHash).toBe(events.at(-1)?.hash)
  expect(s.updatedAt).toBe(events.at(-1)?.at)
  for (const t of s.tasks) expect(steps.has(t.node), `task at ${t.node} is not a step`).toBe(true)
  expect(new Set(s.tasks.map((t) => t.node)).size).toBe(s.tasks.length)
  expect(open.length).toBeLessThanOrEqual(1)
  switch (s.status) {
    case 'concluded':
      expect(s.result).toBeTruthy()
      expect(s.concludedAt).toBeDefined()
      expect(s.tasks).toEqual([])
      expect(s.joins).toEqual({})
      expect(open).toEqual([])
      expect(s.pendingSupplement).toBeUndefined()
      break
    case 'submitted':
    case 'awaitingSupplement':
      expect(s.tasks.map((t) => t.node)).toEqual([acceptance])
      expect(s.acceptedAt).toBeUndefined()
      expect(s.pauses).toEqual([])
      expect(s.pendingSupplement !== undefined).toBe(s.status === 'awaitingSupplement')
      break
    case 'handling':
    case 'paused':
      expect(s.tasks.length).toBeGreaterThan(0)
      expect(s.tasks.some((t) => t.node === acceptance)).toBe(false)
      expect(s.clockStart).toBeDefined()
      expect(open.length).toBe(s.status === 'paused' ? 1 : 0)
      expect(s.pendingSupplement !== undefined).toBe(open[0]?.kind === 'supplement')
      break
  }
  expect(s.result === undefined).toBe(s.status !== 'concluded')
  for (const [join, count] of Object.entries(s.joins)) {
    expect(count).toBeGreaterThan(0)
    expect(def.flow.nodes.some((n) => n.id === join && n.type === 'parallel')).toBe(true)
  }
  expect(s.extension).toBeLessThanOrEqual(def.timeLimits.extension?.max.value ?? 0)
}

const defs: [string, PowerItemDefinition][] = [
  ['linear with gateway and monitoring points', propertyDef],
  ['parallel split/join', parallel],
  ['countersign', countersigned],
  ['penalty with discretion', penalty],
]

describe('engine/properties: no command sequence reaches an undefined state', () => {
  for (const [name, def] of defs) {
    it(`(d) keeps every invariant after every accepted command, and only refuses (never throws): ${name}`, () => {
      const ids = def.item.materials.map((m) => m.id)
      fc.assert(
        fc.property(arbStart, fc.oneof(fc.constant(ids), fc.subarray(ids)), arbSteps(def, 40), (start, materials, steps) => {
          const r = runCase(def, start, steps, { materials }) // throws on an exception or an unknown refusal code
          for (const snap of r.snapshots) invariants(def, snap.state, r.events.slice(0, snap.count))
          expect(verifyChain(r.events).ok).toBe(true)
        }),
        { numRuns: 100 },
      )
    })
  }
})
