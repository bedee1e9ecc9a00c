import { formatInstant } from '@sunlight/calendar'
import { describe, expect, it } from 'vitest'
import { caseClocks, type ClockReport } from '../src/index'
import { CaseRun, at, cal } from './fixtures/harness'
import { apv, hnd, linear, submitTo, win } from './fixtures/inline'

/*
 * Working-day item (promised 10, statutory 20, review step 3) across the Spring Festival 2026:
 * 02-14 (Sat) and 02-28 (Sat) are 调休 working days, 02-15 … 02-23 are holidays.
 * Accepted Monday 02-09 10:00. Working days after it: 02-10 11 12 13 14* 24 25 26 27 28* 03-02 …
 */
const accepted = () => new CaseRun(linear).do(submitTo(linear), '2026-02-09 09:30').do({ type: 'accept', actor: win }, '2026-02-09 10:00')
const start = { type: 'startSpecialProcedure' as const, actor: hnd, procedure: 'expertReview', reason: '组织专家评审', node: 'review' }
const clocksAt = (r: CaseRun, now: string | number) => caseClocks(r.def, r.s, typeof now === 'number' ? now : at(now), cal)
const dueDays = (r: CaseRun, now: string) =>
  Object.fromEntries(clocksAt(r, now).clocks.map((c) => [c.procedure ?? c.kind, cal.dueDay(c.deadline as number)]))
const procedureClock = (r: CaseRun, now: string | number) => clocksAt(r, now).clocks.find((c) => c.kind === 'specialProcedure') as ClockReport

describe('engine/special procedure across the Spring Festival 2026 on a working-day item', () => {
  it('counts the 调休 Saturdays and skips the holidays before any procedure: promised 02-28, statutory 03-13, step 02-12', () => {
    expect(dueDays(accepted(), '2026-02-10 09:00')).toEqual({ promised: '2026-02-28', statutory: '2026-03-13', step: '2026-02-12' })
  })

  it('freezes the case and step clocks during the procedure, including over the holidays', () => {
    const r = accepted().do(start, '2026-02-11 10:00')
    expect(r.s.status).toBe('paused')
    // Open pause excludes (02-11, 02-18]: working days 02-12, 02-13, 02-14 → every deadline moves by 3.
    expect(dueDays(r, '2026-02-18 12:00')).toEqual({ promised: '2026-03-04', statutory: '2026-03-18', step: '2026-02-24', expertReview: '2026-03-10' })
  })

  it('moves promised, statutory and step deadlines by the 10 working days it took (02-12 … 03-03)', () => {
    const r = accepted().do(start, '2026-02-11 10:00').do({ type: 'endSpecialProcedure', actor: hnd, outcome: '专家评审通过' }, '2026-03-03 16:00')
    expect(r.s.status).toBe('handling')
    expect(r.s.pauses).toEqual([{ kind: 'specialProcedure', procedure: 'expertReview', from: at('2026-02-11 10:00'), to: at('2026-03-03 16:00') }])
    expect(dueDays(r, '2026-03-04 09:00')).toEqual({ promised: '2026-03-13', statutory: '2026-03-27', step: '2026-03-04' })
  })

  it('runs its own clock to its maximum of 15 working days, counting 02-14 and 02-28 (ends 24:00 of 03-10)', () => {
    const r = accepted().do(start, '2026-02-11 10:00')
    const c = procedureClock(r, '2026-02-20 10:00')
    expect(c).toMatchObject({ procedure: 'expertReview', paused: false, level: 'normal', limit: { value: 15, unit: 'workdays' } })
    expect(formatInstant(c.deadline as number)).toBe('2026-03-11 00:00:00')
    // 预警 two working days before the end: from the first instant after the 13th working day (03-06).
    expect(c.next).toEqual({ level: 'warning', at: at('2026-03-07 00:00') + 1 })
  })

  it('raises the procedure clock warning → yellow → red at the instants it reports', () => {
    const r = accepted().do(start, '2026-02-11 10:00')
    const levels: string[] = []
    let now = at('2026-02-12 09:00')
    for (let c = procedureClock(r, now); c.next; c = procedureClock(r, now)) {
      expect(procedureClock(r, c.next.at - 1).level).toBe(c.level)
      now = c.next.at
      levels.push(`${procedureClock(r, now).level}@${formatInstant(now)}`)
    }
    expect(levels).toEqual(['warning@2026-03-07 00:00:00', 'yellow@2026-03-11 00:00:00', 'red@2026-03-12 00:00:00'])
    // The case level takes the procedure's card into account.
    expect(clocksAt(r, at('2026-03-11 00:00') + 1).level).toBe('yellow')
  })

  it('has no procedure clock once the procedure has ended', () => {
    const r = accepted().do(start, '2026-02-11 10:00').do({ type: 'endSpecialProcedure', actor: hnd, outcome: '通过' }, '2026-02-13 10:00')
    expect(clocksAt(r, '2026-02-24 10:00').clocks.some((c) => c.kind === 'specialProcedure')).toBe(false)
  })

  it('refuses a procedure the item does not define', () => {
    const res = accepted().try({ ...start, procedure: 'auction' }, '2026-02-11 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('special_procedure.not_allowed')
  })

  it('refuses a procedure without a reason', () => {
    const res = accepted().try({ ...start, reason: ' ' }, '2026-02-11 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('reason.required')
  })

  it('refuses a second procedure while one is running, and ending one when none runs', () => {
    const r = accepted()
    const end = r.try({ type: 'endSpecialProcedure', actor: hnd, outcome: 'x' }, '2026-02-10 10:00')
    expect(end.ok ? 'ok' : end.refusal.code).toBe('case.status')
    r.do(start, '2026-02-11 10:00')
    const again = r.try({ ...start, procedure: 'hearing' }, '2026-02-12 10:00')
    expect(again.ok ? 'ok' : again.refusal.code).toBe('case.status')
  })

  it('refuses ending the procedure by staff who hold no open step', () => {
    const res = accepted().do(start, '2026-02-11 10:00').try({ type: 'endSpecialProcedure', actor: apv, outcome: 'x' }, '2026-02-12 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('post.mismatch')
  })
})
