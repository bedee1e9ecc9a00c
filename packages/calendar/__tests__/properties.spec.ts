import chineseDays from 'chinese-days'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pause, TimeLimit } from '../src/index'
import { cal, DAY } from './fixtures'

const FIRST = Date.parse('2020-01-01T00:00:00Z')
const LAST = Date.parse('2026-06-30T00:00:00Z') // leaves room for limits + pauses inside coverage

const dayArb = fc.integer({ min: 0, max: (LAST - FIRST) / DAY }).map((i) => new Date(FIRST + i * DAY).toISOString().slice(0, 10))
const instantArb = fc.tuple(dayArb, fc.integer({ min: 0, max: DAY - 1 })).map(([d, ms]) => cal.startOfDay(d) + ms)
const countArb = fc.integer({ min: 0, max: 40 })
const unitArb = fc.constantFrom<TimeLimit['unit']>('workdays', 'days')

/** Up to three closed pauses starting within 40 days after `from`, each 0–20 days long. */
const pausesArb = (from: number) =>
  fc.array(
    fc.record({ start: fc.integer({ min: 0, max: 40 * DAY }), len: fc.integer({ min: 0, max: 20 * DAY }) }).map(({ start, len }) => ({
      from: from + start,
      to: from + start + len,
    })),
    { maxLength: 3 },
  )

const epochDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY
const dayString = (e: number) => new Date(e * DAY).toISOString().slice(0, 10)

/** Reference: walk day by day, counting working days (or all days) not excluded by a pause. */
function naiveDeadline(from: number, limit: TimeLimit, pauses: readonly Pause[]): number {
  const d = epochDay(cal.dayOf(from))
  if (limit.value === 0) return cal.endOfDay(dayString(d))
  const excluded = new Set<number>()
  for (const p of pauses) {
    const s = epochDay(cal.dayOf(p.from))
    const e = epochDay(cal.dayOf(p.to ?? p.from))
    for (let x = s + 1; x <= e; x++) excluded.add(x)
  }
  let x = d
  let counted = 0
  while (counted < limit.value) {
    x++
    if (excluded.has(x)) continue
    if (limit.unit === 'days' || chineseDays.isWorkday(dayString(x))) counted++
  }
  // 民法典 art. 203 roll-forward for natural days, to a working day on which the clock runs.
  while (limit.unit === 'days' && (!chineseDays.isWorkday(dayString(x)) || excluded.has(x))) x++
  return cal.endOfDay(dayString(x))
}

describe('calendar/properties', () => {
  it('composes: addWorkdays(t, a + b) = addWorkdays(addWorkdays(t, a) − 1 ms, b)', () => {
    // The last millisecond of the a-th working day lies on that day, so counting b more from it continues the count.
    fc.assert(
      fc.property(instantArb, countArb, countArb, (t, a, b) => {
        expect(cal.addWorkdays(t, a + b)).toBe(cal.addWorkdays(cal.addWorkdays(t, a) - 1, b))
      }),
    )
  })

  it('agrees with chinese-days findWorkday for n ≥ 1', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40 }), (d, n) => {
        expect(cal.dueDay(cal.addWorkdays(cal.startOfDay(d), n))).toBe(chineseDays.findWorkday(n, d))
      }),
    )
  })

  it('inverts workdaysBetween: workdaysBetween(d, dueDay(addWorkdays(startOfDay(d), n))) = n', () => {
    fc.assert(
      fc.property(dayArb, countArb, (d, n) => {
        expect(cal.workdaysBetween(d, cal.dueDay(cal.addWorkdays(cal.startOfDay(d), n)))).toBe(n)
      }),
    )
  })

  it('deadline with pauses is never earlier than without', () => {
    fc.assert(
      fc.property(
        instantArb.chain((t) => fc.tuple(fc.constant(t), pausesArb(t), countArb, unitArb)),
        ([t, pauses, n, unit]) => {
          const limit = { value: n, unit }
          expect(cal.deadline(t, limit, pauses)).toBeGreaterThanOrEqual(cal.addLimit(t, limit))
        },
      ),
    )
  })

  it('deadline with pauses equals a day-by-day reference walk', () => {
    fc.assert(
      fc.property(
        instantArb.chain((t) => fc.tuple(fc.constant(t), pausesArb(t), countArb, unitArb)),
        ([t, pauses, n, unit]) => {
          const limit = { value: n, unit }
          expect(cal.deadline(t, limit, pauses)).toBe(naiveDeadline(t, limit, pauses))
        },
      ),
    )
  })

  it('consumes exactly n working days at the last millisecond before a working-day deadline', () => {
    fc.assert(
      fc.property(
        instantArb.chain((t) => fc.tuple(fc.constant(t), pausesArb(t), countArb)),
        ([t, pauses, n]) => {
          const limit: TimeLimit = { value: n, unit: 'workdays' }
          const deadline = cal.deadline(t, limit, pauses)
          expect(cal.consumed(t, limit, pauses, deadline - 1)).toBe(n)
          expect(cal.remaining(t, limit, pauses, deadline - 1)).toBe(0)
        },
      ),
    )
  })

  it('consumed never decreases as now grows (closed and open pauses)', () => {
    fc.assert(
      fc.property(
        instantArb.chain((t) =>
          fc.tuple(fc.constant(t), pausesArb(t), fc.boolean(), unitArb, fc.integer({ min: 0, max: 90 * DAY }), fc.integer({ min: 0, max: 30 * DAY })),
        ),
        ([t, pauses, lastOpen, unit, d1, d2]) => {
          const ps: Pause[] = lastOpen && pauses.length > 0 ? [...pauses.slice(0, -1), { from: pauses[pauses.length - 1]?.from ?? t }] : pauses
          const limit = { value: 20, unit }
          expect(cal.consumed(t, limit, ps, t + d1 + d2)).toBeGreaterThanOrEqual(cal.consumed(t, limit, ps, t + d1))
        },
      ),
    )
  })

  it('consumed does not grow while a pause is open', () => {
    fc.assert(
      fc.property(
        instantArb.chain((t) =>
          fc.tuple(fc.constant(t), fc.integer({ min: 0, max: 30 * DAY }), unitArb, fc.integer({ min: 0, max: 60 * DAY }), fc.integer({ min: 0, max: 60 * DAY })),
        ),
        ([t, start, unit, d1, d2]) => {
          const open: Pause = { from: t + start }
          const limit = { value: 20, unit }
          expect(cal.consumed(t, limit, [open], open.from + d1 + d2)).toBe(cal.consumed(t, limit, [open], open.from + d1))
        },
      ),
    )
  })
})
