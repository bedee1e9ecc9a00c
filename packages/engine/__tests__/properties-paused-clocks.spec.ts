import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyCommand, caseClocks, type CaseState, type ClockLevel, type Command } from '../src/index'
import { at, cal } from './fixtures/harness'
import { head, hnd, linear, submitTo, win } from './fixtures/inline'

const DAY = 86_400_000
const RANK: Record<ClockLevel, number> = { normal: 0, warning: 1, yellow: 2, red: 3 }
/** An instant `days` after the day of `base`, at a time of day biased towards midnight. */
const msOfDay = fc.oneof(fc.constantFrom(0, 1, 999, 1000, DAY - 1), fc.integer({ min: 0, max: DAY - 1 }))
const later = (base: number, days: number, ms: number) => Math.max(base, cal.startOfDay(cal.dayOf(base)) + days * DAY + ms)

const pauses: Record<string, Command> = {
  suspend: { type: 'suspend', actor: hnd, reason: '申请人要求暂停' },
  specialProcedure: { type: 'startSpecialProcedure', actor: hnd, procedure: 'expertReview', reason: '专家评审', node: 'review' },
  supplement: { type: 'requestSupplement', actor: hnd, node: 'review', items: [{ materialId: 'extra', description: '补充说明' }] },
}

function apply(s: CaseState | undefined, cmd: Command, now: number): CaseState {
  const r = applyCommand(linear, s, cmd, now, cal)
  if (!r.ok) throw new Error(`${cmd.type} refused: ${r.refusal.code}`)
  return r.state
}

describe('engine/properties: clocks never run while paused', () => {
  it('(c) inside an open pause, consumption of the promised and statutory limits and every clock level stay put, and no `next` is reported', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2025-01-02 00:00'), max: at('2026-06-30 00:00') }),
        fc.constantFrom(...Object.keys(pauses)),
        fc.record({ earlier: fc.option(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { nil: undefined }), extension: fc.integer({ min: 0, max: 10 }) }),
        fc.integer({ min: 0, max: 30 }),
        msOfDay,
        fc.tuple(fc.integer({ min: 0, max: 90 }), msOfDay, fc.integer({ min: 0, max: 90 }), msOfDay),
        (acceptAt, kind, extra, pauseDays, pauseMs, [d1, m1, d2, m2]) => {
          let s = apply(undefined, submitTo(linear), acceptAt)
          s = apply(s, { type: 'accept', actor: win }, acceptAt)
          let t = acceptAt
          if (extra.earlier) {
            // An earlier, closed suspension, so that pauses accumulate.
            t = later(t, extra.earlier[0], 10 * 3_600_000)
            s = apply(s, { type: 'suspend', actor: hnd, reason: '暂停' }, t)
            t = later(t, extra.earlier[1], 15 * 3_600_000)
            s = apply(s, { type: 'resume', actor: hnd }, t)
          }
          if (extra.extension > 0) s = apply(s, { type: 'extend', actor: head, value: extra.extension, reason: '延期' }, t)
          const t0 = later(t, pauseDays, pauseMs)
          s = apply(s, pauses[kind] as Command, t0)
          expect(s.status).toBe('paused')
          const a = later(t0, Math.min(d1, d2), d1 <= d2 ? m1 : m2)
          const b = Math.max(a, later(t0, Math.max(d1, d2), d1 <= d2 ? m2 : m1))
          const ps = s.pauses.map((p) => ({ from: p.from, to: p.to }))
          const start = s.clockStart as number
          for (const limit of [linear.item.promisedLimit, linear.item.statutoryLimit])
            expect(cal.consumed(start, limit, ps, b)).toBeLessThanOrEqual(cal.consumed(start, limit, ps, a))
          const ca = caseClocks(linear, s, a, cal)
          const cb = caseClocks(linear, s, b, cal)
          for (const kindOf of ['promised', 'statutory', 'step']) {
            const x = ca.clocks.find((c) => c.kind === kindOf)
            const y = cb.clocks.find((c) => c.kind === kindOf)
            expect(x?.paused && y?.paused).toBe(true)
            expect([x?.next, y?.next]).toEqual([undefined, undefined])
            expect(RANK[y?.level ?? 'normal'], `${kindOf} rose from ${x?.level} to ${y?.level}`).toBeLessThanOrEqual(RANK[x?.level ?? 'normal'])
          }
          // The special procedure's own clock runs on (it has its own maximum); every other one stands still.
          if (kind !== 'specialProcedure') expect(RANK[cb.level]).toBeLessThanOrEqual(RANK[ca.level])
          expect(RANK[cb.stepLevel]).toBeLessThanOrEqual(RANK[ca.stepLevel])
        },
      ),
      { numRuns: 300 },
    )
  })
})
