import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { replay, verifyChain } from '../src/index'
import { arbStart, arbSteps, propertyDef, runCase } from './fixtures/arbitraries'
import { leaves, tamper } from './fixtures/tamper'

const ids = propertyDef.item.materials.map((m) => m.id)
const materials = fc.oneof({ weight: 2, arbitrary: fc.constant(ids) }, { weight: 1, arbitrary: fc.subarray(ids) })
const history = fc.record({ start: arbStart, materials, steps: arbSteps(propertyDef) })

describe('engine/properties: replay and hash chain', () => {
  it('(a) replay(events) deep-equals the final state, and every intermediate state, for random command sequences', () => {
    const reached = { handling: 0, concluded: 0, events: 0 }
    fc.assert(
      fc.property(history, ({ start, materials: m, steps }) => {
        const r = runCase(propertyDef, start, steps, { materials: m })
        expect(replay(r.events)).toStrictEqual(r.state)
        for (const snap of r.snapshots) expect(replay(r.events.slice(0, snap.count))).toStrictEqual(snap.state)
        if (r.state.acceptedAt !== undefined) reached.handling++
        if (r.state.status === 'concluded') reached.concluded++
        reached.events += r.events.length
      }),
      { numRuns: 200 },
    )
    // The generator must reach beyond submission often enough for the property to mean something.
    expect(reached.handling).toBeGreaterThan(30)
    expect(reached.concluded).toBeGreaterThan(10)
  })

  it('(b) chains verify, and altering any field of a random event breaks the chain at that event or earlier', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.nat(), ({ start, materials: m, steps }, i0, j0) => {
        const r = runCase(propertyDef, start, steps, { materials: m })
        expect(verifyChain(r.events)).toEqual({ ok: true, count: r.events.length, lastHash: r.state.lastHash })
        expect(r.state.seq).toBe(r.events.length)
        const i = i0 % r.events.length
        const paths = leaves(r.events[i])
        const path = paths[j0 % paths.length] as (string | number)[]
        const v = verifyChain(tamper(r.events, i, path))
        expect(v.ok).toBe(false)
        if (!v.ok) expect(v.brokenAt).toBeLessThanOrEqual(i)
      }),
      { numRuns: 150 },
    )
  })
})
