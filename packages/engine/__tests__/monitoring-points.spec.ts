import { describe, expect, it } from 'vitest'
import { evaluateMonitoring, firedKey, replay, verifyChain, type CaseEvent } from '../src/index'
import { CaseRun, applicant, at, cal, definition } from './fixtures/harness'
import { apv, hnd, linearInput, submitTo, win } from './fixtures/inline'
import { religious, religiousForm, window1 } from './fixtures/religious'
import { submitCommand } from './fixtures/harness'

const watched = definition(
  linearInput({
    monitoringPoints: [
      { id: 'mp-repeat', name: '多次要求补正', type: 'flow', on: 'case:supplementRequested', expression: 'case.supplementRounds > 1', level: 'warning', mode: 'manual', message: '办件{{case.caseNo}}已第{{case.supplementRounds}}次要求补正。' },
      { id: 'mp-review-overdue', name: '审查环节超时', type: 'time', node: 'review', expression: 'step.overdue == true', level: 'yellow', message: '办件{{case.caseNo}}审查环节超时。' },
    ],
  }),
)
// Accepted Monday 2026-03-02 10:00; review (3 working days) ends 24:00 of 03-05.
const accepted = () => new CaseRun(watched).do(submitTo(watched), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-02 10:00')
const ask = (reason?: string) => ({ type: 'requestSupplement' as const, actor: hnd, node: 'review', items: [{ materialId: 'extra', description: '补充说明' }], reason })
const give = { type: 'supplement' as const, actor: applicant, materials: { extra: { provided: true } } }
const raised = (events: CaseEvent[], point: string) => events.filter((e) => e.type === 'monitor:raised' && e.data.point === firedKey(point, 1))
const stepEnd = cal.endOfDay('2026-03-05')

describe('engine/monitoring points', () => {
  describe("an event point: on 'case:supplementRequested' when case.supplementRounds > 1", () => {
    it('does not fire on the first round', () => {
      expect(raised(accepted().do(ask(), '2026-03-03 10:00').events, 'mp-repeat')).toEqual([])
    })

    it('fires on the second round, in the same result, right after the triggering event', () => {
      const r = accepted().do(ask(), '2026-03-03 10:00').do(give, '2026-03-03 15:00')
      const res = r.try(ask('首次告知遗漏'), '2026-03-04 10:00')
      if (!res.ok) throw new Error(res.refusal.code)
      expect(res.events.map((e) => e.type)).toEqual(['case:supplementRequested', 'monitor:raised'])
      expect(res.events[1]).toMatchObject({
        at: at('2026-03-04 10:00'),
        actor: { id: 'system', kind: 'system' },
        node: 'review',
        data: { point: 'mp-repeat@v1', name: '多次要求补正', level: 'warning', mode: 'manual', message: '办件T2026000001已第2次要求补正。' },
      })
      expect(res.state.firedPoints).toEqual(['mp-repeat@v1'])
    })

    it('never fires again for the same case (once per case × rule × version)', () => {
      const r = accepted()
        .do(ask(), '2026-03-03 10:00')
        .do(give, '2026-03-03 15:00')
        .do(ask('第二次'), '2026-03-04 10:00')
        .do(give, '2026-03-04 15:00')
        .do(ask('第三次'), '2026-03-05 10:00')
        .do(give, '2026-03-05 15:00')
        .do(ask('第四次'), '2026-03-06 10:00')
      expect(r.s.supplementRounds).toBe(4)
      expect(raised(r.events, 'mp-repeat')).toHaveLength(1)
      expect(verifyChain(r.events).ok).toBe(true)
      expect(replay(r.events)).toEqual(r.s)
    })

    it('is not evaluated by the scheduler (an `on` point needs its event)', () => {
      const r = accepted().do(ask(), '2026-03-03 10:00').do(give, '2026-03-03 15:00')
      expect(evaluateMonitoring(watched, { ...r.s, supplementRounds: 5 }, at('2026-03-04 10:00'), cal).events.filter((e) => e.data.point === 'mp-repeat@v1')).toEqual([])
    })
  })

  describe('a time point: step.overdue == true on the review step', () => {
    it('does not fire before the step deadline nor at the deadline instant itself', () => {
      const r = accepted()
      expect(evaluateMonitoring(watched, r.s, at('2026-03-04 10:00'), cal).events).toEqual([])
      expect(evaluateMonitoring(watched, r.s, stepEnd, cal).events).toEqual([])
    })

    it('fires via evaluateMonitoring one millisecond after the step deadline, chained after the case events', () => {
      const r = accepted()
      const res = evaluateMonitoring(watched, r.s, stepEnd + 1, cal)
      expect(res.events).toHaveLength(1)
      expect(res.events[0]).toMatchObject({ seq: r.s.seq + 1, prevHash: r.s.lastHash, at: stepEnd + 1, data: { point: 'mp-review-overdue@v1', level: 'yellow', message: '办件T2026000001审查环节超时。' } })
      expect(res.state.firedPoints).toEqual(['mp-review-overdue@v1'])
      const all = [...r.events, ...res.events]
      expect(verifyChain(all)).toMatchObject({ ok: true, count: all.length })
      expect(replay(all)).toEqual(res.state)
    })

    it('fires only once however often the scheduler looks', () => {
      const first = evaluateMonitoring(watched, accepted().s, stepEnd + 1, cal)
      expect(evaluateMonitoring(watched, first.state, stepEnd + 86_400_000, cal).events).toEqual([])
    })

    it('fires with the next command after the deadline when the scheduler has not looked yet', () => {
      const r = accepted().do({ type: 'transfer', actor: hnd, node: 'review', to: { ...hnd, id: 'h9', name: '承办丙' } }, stepEnd + 60_000)
      expect(r.events.slice(-2).map((e) => e.type)).toEqual(['step:transferred', 'monitor:raised'])
    })

    it('does not fire for a step completed in time, whatever later steps do', () => {
      const r = accepted().do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意' }, '2026-03-05 10:00')
      expect(evaluateMonitoring(watched, r.s, at('2026-03-20 10:00'), cal).events).toEqual([])
      r.do({ type: 'complete', actor: apv, node: 'approve', form: { decision: 'approve' } }, '2026-03-20 10:00')
      expect(raised(r.events, 'mp-review-overdue')).toEqual([])
    })

    it('does not fire while the case is paused over the deadline, and nothing fires on a concluded case', () => {
      const r = accepted().do({ type: 'suspend', actor: hnd, reason: '暂停' }, '2026-03-03 10:00')
      expect(evaluateMonitoring(watched, r.s, at('2026-03-20 10:00'), cal).events).toEqual([])
      r.do({ type: 'void', actor: hnd, reason: '作废' }, '2026-03-21 10:00')
      expect(evaluateMonitoring(watched, r.s, at('2026-04-20 10:00'), cal).events).toEqual([])
    })
  })

  it('fires the religious template point for a refusal whose reason is too short', () => {
    const r = new CaseRun(religious).do(submitCommand(religious, 'all', religiousForm), '2026-03-02 09:30').do({ type: 'refuse', actor: window1, reason: '不符合' }, '2026-03-02 10:00')
    expect(r.events.map((e) => e.type)).toEqual(['case:submitted', 'case:refused', 'monitor:raised'])
    expect(r.events.at(-1)?.data).toMatchObject({ point: 'mp-refuse-reason@v1', level: 'yellow' })
  })
})
