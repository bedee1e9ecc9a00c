import { formatInstant, isOverdue } from '@sunlight/calendar'
import { describe, expect, it } from 'vitest'
import { caseClocks, maxLevel, type ClockLevel, type ClockReport } from '../src/index'
import { CaseRun, at, cal, submitCommand } from './fixtures/harness'
import { hnd, linear, submitTo, win } from './fixtures/inline'
import { handler1, religious, religiousForm, window1 } from './fixtures/religious'

/*
 * Working-day item: promised 10, statutory 20; default cards: 预警 2 working days before the promise,
 * 黄牌 past promised + 1, 红牌 past statutory + 1 (the case clocks), and per step 预警 2 before its
 * limit, 黄牌 once overdue, 红牌 one working day overdue (review: 3 working days).
 * Accepted Monday 2026-03-02 10:00: promised ends 24:00 of 03-16, statutory 24:00 of 03-30.
 */
const accepted = () => new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
const summary = (r: CaseRun, now: number) => caseClocks(r.def, r.s, now, cal)
/** The case's own level and next change: the promised and statutory clocks (step clocks aside). */
const caseLevel = (r: CaseRun, now: number) => {
  const cs = summary(r, now).clocks.filter((c) => c.kind === 'promised' || c.kind === 'statutory')
  const level = cs.reduce<ClockLevel>((l, c) => maxLevel(l, c.level), 'normal')
  const next = cs.flatMap((c) => (c.next ? [c.next.at] : [])).sort((a, b) => a - b)[0]
  return { level, next }
}
const clockOf = (r: CaseRun, kind: string, now: number) => summary(r, now).clocks.find((c) => c.kind === kind) as ClockReport
const end = (day: string) => cal.endOfDay(day)

describe('engine/clock levels: overdue by one second counts', () => {
  it('reports the promised and statutory deadlines at 24:00 of their last working day', () => {
    const r = accepted()
    expect(formatInstant(clockOf(r, 'promised', at('2026-03-03 09:00')).deadline as number)).toBe('2026-03-17 00:00:00')
    expect(formatInstant(clockOf(r, 'statutory', at('2026-03-03 09:00')).deadline as number)).toBe('2026-03-31 00:00:00')
  })

  it('is on time at the promised deadline instant and overdue one second later', () => {
    const r = accepted()
    const d = clockOf(r, 'promised', at('2026-03-03 09:00')).deadline as number
    expect(isOverdue(d, d)).toBe(false)
    expect(isOverdue(d, d + 1000)).toBe(true)
  })

  it('is 预警 (not yet 黄牌) one second after the promised deadline: 黄牌 is past promised + 1 working day', () => {
    const r = accepted()
    expect(caseLevel(r, end('2026-03-16') + 1000).level).toBe('warning')
  })

  it('turns 黄牌 one second after promised + 1 working day (24:00 of 03-17), not at the instant itself', () => {
    const r = accepted()
    expect(caseLevel(r, end('2026-03-17')).level).toBe('warning')
    expect(caseLevel(r, end('2026-03-17') + 1000).level).toBe('yellow')
  })

  it('turns 红牌 one second after statutory + 1 working day (24:00 of 03-31), not at the instant itself', () => {
    const r = accepted()
    expect(caseLevel(r, end('2026-03-31')).level).toBe('yellow')
    expect(caseLevel(r, end('2026-03-31') + 1000).level).toBe('red')
  })

  it('turns a step 黄牌 (overdue) one second after its own deadline', () => {
    const r = accepted()
    const step = (now: number) => clockOf(r, 'step', now)
    expect(formatInstant(step(at('2026-03-03 09:00')).deadline as number)).toBe('2026-03-06 00:00:00')
    expect(step(end('2026-03-05')).level).toBe('warning')
    expect(step(end('2026-03-05') + 1000).level).toBe('yellow')
  })

  it('changes level normal → warning → yellow → red exactly at the instants `next.at` reports', () => {
    const r = accepted()
    let now = at('2026-03-02 10:00')
    const seen: string[] = []
    for (let c = caseLevel(r, now); c.next !== undefined; c = caseLevel(r, now)) {
      expect(caseLevel(r, c.next - 1).level).toBe(c.level)
      now = c.next
      seen.push(`${caseLevel(r, now).level}@${formatInstant(now)}+${now % 1000}ms`)
    }
    expect(seen).toEqual(['warning@2026-03-13 00:00:00+1ms', 'yellow@2026-03-18 00:00:00+1ms', 'red@2026-04-01 00:00:00+1ms'])
  })

  it('keeps step cards apart (stepLevel) and gives nextChangeAt at the earliest change of any clock', () => {
    const r = accepted()
    // Review (3 working days from 03-02) warns after 24:00 of 03-03, before any case clock.
    expect(summary(r, at('2026-03-03 09:00')).nextChangeAt).toBe(end('2026-03-03') + 1)
    expect(summary(r, end('2026-03-03') + 1)).toMatchObject({ level: 'normal', stepLevel: 'warning' })
    expect(summary(r, end('2026-03-06') + 1)).toMatchObject({ level: 'normal', stepLevel: 'red' })
    expect(summary(r, end('2026-03-17') + 1)).toMatchObject({ level: 'yellow', stepLevel: 'red' })
  })

  it('gives the case level from its own clocks (the same as the promised/statutory maximum)', () => {
    const r = accepted()
    for (const t of [at('2026-03-03 09:00'), end('2026-03-12') + 1, end('2026-03-17') + 1, end('2026-03-31') + 1]) expect(summary(r, t).level).toBe(caseLevel(r, t).level)
  })

  it('reports for each clock the next level and its first instant', () => {
    const r = accepted()
    expect(clockOf(r, 'promised', at('2026-03-03 09:00')).next).toEqual({ level: 'warning', at: end('2026-03-12') + 1 })
    expect(clockOf(r, 'promised', end('2026-03-12') + 1).next).toEqual({ level: 'yellow', at: end('2026-03-17') + 1 })
    expect(clockOf(r, 'promised', end('2026-03-17') + 1).next).toBeUndefined()
    expect(clockOf(r, 'statutory', at('2026-03-03 09:00')).next).toEqual({ level: 'red', at: end('2026-03-31') + 1 })
  })

  describe('while paused', () => {
    const suspended = (when: string) => accepted().do({ type: 'suspend', actor: hnd, reason: '申请人要求暂停' }, when)

    it('reports no `next` on the paused clocks and no nextChangeAt', () => {
      const r = suspended('2026-03-05 10:00')
      const s = summary(r, at('2026-03-20 10:00'))
      expect(s.clocks.map((c) => [c.kind, c.paused, c.next])).toEqual([
        ['promised', true, undefined],
        ['statutory', true, undefined],
        ['step', true, undefined],
      ])
      expect(s.nextChangeAt).toBeUndefined()
    })

    it('does not advance levels over weeks of suspension', () => {
      const r = suspended('2026-03-05 10:00')
      const before = summary(r, at('2026-03-05 10:00')).level
      for (const day of ['2026-03-10', '2026-03-20', '2026-04-15', '2026-06-30']) expect(summary(r, at(`${day} 12:00`)).level).toBe(before)
    })

    it('does not advance a level whose threshold day is the day the pause began (suspended on the last day of the promise + 1)', () => {
      // 03-17 is the last day before 黄牌; suspended that morning at 预警, the level must stay 预警
      // through the night and the following days while the suspension lasts.
      const r = suspended('2026-03-17 10:00')
      expect(caseLevel(r, at('2026-03-17 23:59')).level).toBe('warning')
      expect(caseLevel(r, end('2026-03-17') + 1000).level).toBe('warning')
      expect(caseLevel(r, at('2026-03-25 12:00')).level).toBe('warning')
    })

    it('does not advance a step level whose deadline day is the day the pause began', () => {
      const r = suspended('2026-03-05 10:00')
      expect(clockOf(r, 'step', end('2026-03-05') + 1000).level).toBe('warning')
      expect(clockOf(r, 'step', at('2026-03-09 12:00')).level).toBe('warning')
    })

    it('documents the chosen behaviour: on resume after a pause begun on a threshold day, that day counts as worked and the level catches up at once', () => {
      // Calendar pause semantics exclude (S, E]: the day the pause began (03-17, the last day before
      // 黄牌) was worked, so once the clock runs again the 黄牌 threshold (24:00 of 03-17) has passed.
      const r = suspended('2026-03-17 10:00').do({ type: 'resume', actor: hnd }, '2026-03-20 09:00')
      expect(caseLevel(r, at('2026-03-20 09:00')).level).toBe('yellow')
    })

    it('resumes counting after the pause with deadlines moved by the paused working days', () => {
      const r = suspended('2026-03-05 10:00').do({ type: 'resume', actor: hnd }, '2026-03-10 09:00')
      // (03-05, 03-10]: 03-06, 03-09, 03-10 excluded → promised 03-16 + 3 = 03-19
      expect(cal.dueDay(clockOf(r, 'promised', at('2026-03-10 10:00')).deadline as number)).toBe('2026-03-19')
      expect(clockOf(r, 'promised', at('2026-03-10 10:00')).next).toEqual({ level: 'warning', at: end('2026-03-17') + 1 })
    })
  })
})

describe('engine/clock levels on natural-day items (religious template, 20/30 days)', () => {
  // Accepted Monday 03-02: 03-02 + 20 = Sunday 03-22, rolled to Monday 03-23 (民法典 art. 203).
  const reviewing = () =>
    new CaseRun(religious).do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30').do({ type: 'accept', actor: window1 }, '2026-03-02 10:00')
  const promisedDue = (r: CaseRun, now: string) => cal.dueDay(clockOf(r, 'promised', at(now)).deadline as number)

  it('pushes the natural-day deadline by the paused days for a pause begun before the nominal last day', () => {
    const r = reviewing().do({ type: 'suspend', actor: handler1, reason: '暂停' }, '2026-03-20 10:00').do({ type: 'resume', actor: handler1 }, '2026-03-25 10:00')
    expect(promisedDue(r, '2026-03-25 11:00')).toBe('2026-03-27')
  })

  // Known calendar issue, reported (packages/calendar deadline(), unit 'days'): the excluded days are
  // compared with the nominal last day (Sunday 03-22) before the art. 203 roll-forward, so a pause
  // begun on that Sunday moves nothing although it covers the real last day (Monday 03-23).
  it('should push a rolled natural-day deadline past a pause begun on the nominal rest-day last day (民法典 art. 203)', () => {
    const r = reviewing().do({ type: 'suspend', actor: handler1, reason: '暂停' }, '2026-03-22 10:00').do({ type: 'resume', actor: handler1 }, '2026-03-25 10:00')
    expect(promisedDue(r, '2026-03-25 11:00') > '2026-03-25').toBe(true)
  })
})
