import { describe, expect, it } from 'vitest'
import { caseClocks, evaluateMonitoring } from '../src/index'
import { CaseRun, at, cal } from './fixtures/harness'
import { commandTypes, oneOfEach } from './fixtures/commands'
import { hnd, linear, submitTo, win } from './fixtures/inline'

// The official table covers 2020-01-01 … 2026-12-31; 2027 is not yet published.
const accepted = () => new CaseRun(linear).do(submitTo(linear), '2026-12-01 09:30').do({ type: 'accept', actor: win }, '2026-12-01 10:00')
const code = (res: ReturnType<CaseRun['try']>) => (res.ok ? 'ok' : res.refusal.code)

describe('engine/calendar unknown: refuse, never guess', () => {
  it('refuses a submission dated in 2027 with calendar.unknown naming the day', () => {
    const res = new CaseRun(linear).try(submitTo(linear), '2027-01-05 10:00')
    expect(code(res)).toBe('calendar.unknown')
    if (!res.ok) expect(res.refusal.details.date).toBe('2027-01-05')
  })

  it('refuses completing a step on a day in 2027', () => {
    const res = accepted().try({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2027-01-05 10:00')
    expect(code(res)).toBe('calendar.unknown')
    if (!res.ok) expect(res.refusal.messageZh).toContain('2027-01-05')
  })

  it('refuses accepting on a day in 2027', () => {
    expect(code(new CaseRun(linear).do(submitTo(linear), '2026-12-30 09:30').try({ type: 'accept', actor: win }, '2027-01-04 10:00'))).toBe('calendar.unknown')
  })

  it('refuses every command type dated in 2027 on a case in handling', () => {
    const r = accepted()
    const codes = commandTypes.filter((t) => t !== 'submit').map((t) => `${t}:${code(r.try(oneOfEach()[t], '2027-02-01 10:00'))}`)
    expect(codes).toEqual(commandTypes.filter((t) => t !== 'submit').map((t) => `${t}:calendar.unknown`))
  })

  it('still accepts commands dated inside the table', () => {
    expect(code(accepted().try({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-12-31 23:59'))).toBe('ok')
  })

  it('reports the first unknown day on a clock whose deadline runs into 2027, with no deadline guessed', () => {
    const r = new CaseRun(linear).do(submitTo(linear), '2026-12-21 09:30').do({ type: 'accept', actor: win }, '2026-12-21 10:00')
    const promised = caseClocks(linear, r.s, at('2026-12-22 10:00'), cal).clocks.find((c) => c.kind === 'promised')
    expect(promised).toMatchObject({ unknownCalendarDay: '2027-01-01' })
    expect(promised?.deadline).toBeUndefined()
  })

  it('does not throw from evaluateMonitoring in 2027', () => {
    expect(() => evaluateMonitoring(linear, accepted().s, at('2027-03-01 10:00'), cal)).not.toThrow()
  })
})
