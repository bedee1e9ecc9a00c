import { formatInstant } from '@sunlight/calendar'
import { describe, expect, it } from 'vitest'
import { caseClocks, caseFactsOf } from '../src/index'
import { CaseRun, applicant, at, cal, submitCommand } from './fixtures/harness'
import { hnd, linear, submitTo, win } from './fixtures/inline'
import { religious, religiousForm, window1 } from './fixtures/religious'

const missingFunding = () => submitCommand(religious, religious.item.materials.filter((m) => m.id !== 'funding').map((m) => m.id), religiousForm)
const deadlineOf = (r: CaseRun, kind: string, now: number) => caseClocks(r.def, r.s, now, cal).clocks.find((c) => c.kind === kind)?.deadline

describe('engine/acceptance: 补正 before acceptance and the acceptance date (行政许可法 art. 32)', () => {
  const supplemented = () =>
    new CaseRun(religious)
      .do(missingFunding(), '2026-03-02 09:30')
      .do({ type: 'requestSupplement', actor: window1, items: [{ materialId: 'funding', description: '补交资金来源证明' }] }, '2026-03-03 10:00')
      .do({ type: 'supplement', actor: applicant, materials: { funding: { provided: true } } }, '2026-03-10 14:00')

  it('dates acceptance to the instant the materials became complete (clockStart = supplement instant)', () => {
    const r = supplemented().do({ type: 'accept', actor: window1 }, '2026-03-12 09:00')
    expect(r.s.acceptedAt).toBe(at('2026-03-12 09:00'))
    expect(r.s.clockStart).toBe(at('2026-03-10 14:00'))
    expect(r.events.at(-1)?.data).toMatchObject({ clockStart: at('2026-03-10 14:00'), basis: 'materialsCompleted' })
    expect(caseFactsOf(religious, r.s, at('2026-03-12 09:00'), cal).acceptedDate).toBe('2026-03-10')
  })

  it('does not let pre-acceptance 补正 consume the limit: promised 20 natural days run from the completion day', () => {
    const r = supplemented().do({ type: 'accept', actor: window1 }, '2026-03-12 09:00')
    // 03-10 + 20 = 03-30 (Monday): 24:00 of 03-30; from the submission day it would have been 03-23.
    expect(formatInstant(deadlineOf(r, 'promised', at('2026-03-12 09:00')) as number)).toBe('2026-03-31 00:00:00')
    expect(formatInstant(deadlineOf(r, 'statutory', at('2026-03-12 09:00')) as number)).toBe('2026-04-10 00:00:00')
  })

  it('does not count pre-acceptance 补正 as a pause of the case clocks', () => {
    const r = supplemented().do({ type: 'accept', actor: window1 }, '2026-03-12 09:00')
    expect(r.s.pauses).toEqual([])
    expect(r.s.supplementRounds).toBe(1)
  })

  it('starts the clocks at the acceptance instant when there was no 补正', () => {
    const r = new CaseRun(linear).do(submitTo(linear), '2026-03-02 09:30').do({ type: 'accept', actor: win }, '2026-03-03 11:00')
    expect(r.s.clockStart).toBe(at('2026-03-03 11:00'))
    expect(r.events.at(-1)?.data).toMatchObject({ basis: 'accepted' })
  })

  describe('a 补正 notice given later than 5 working days after receipt: accepted at receipt (clockStart = submittedAt)', () => {
    // Submitted Monday 2026-03-02 09:30; 5 working days end 24:00 of Monday 03-09 (= 03-10 00:00).
    const run = (noticeAt: string | number) =>
      new CaseRun(linear)
        .do(submitTo(linear, { materials: ['app'] }), '2026-03-02 09:30')
        .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'licence', description: '补交营业执照' }] }, noticeAt)
        .do({ type: 'supplement', actor: applicant, materials: { licence: { provided: true } } }, '2026-03-13 10:00')
        .do({ type: 'accept', actor: win }, '2026-03-16 10:00')

    it('a notice at 24:00 of the 5th working day (the deadline instant itself) is in time', () => {
      const r = run(at('2026-03-10 00:00'))
      expect(r.s.clockStart).toBe(at('2026-03-13 10:00'))
    })

    it('a notice one millisecond after the 5th working day is late: clocks start at submission', () => {
      const r = run(at('2026-03-10 00:00') + 1)
      expect(r.s.clockStart).toBe(r.s.submittedAt)
      expect(r.s.clockStart).toBe(at('2026-03-02 09:30'))
      expect(r.events.at(-1)?.data).toMatchObject({ basis: 'lateSupplementNotice' })
    })

    it('a late notice gives deadlines counted from the receipt day: promised 10 working days end 03-16', () => {
      const r = run('2026-03-11 09:00')
      expect(cal.dueDay(deadlineOf(r, 'promised', at('2026-03-16 10:00')) as number)).toBe('2026-03-16')
    })

    it('only the first notice is judged: a timely first round keeps the completion date even if a later round is late', () => {
      const r = new CaseRun(linear)
        .do(submitTo(linear, { materials: [] }), '2026-03-02 09:30')
        .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'app', description: '补交申请书' }] }, '2026-03-03 09:00')
        .do({ type: 'supplement', actor: applicant, materials: { app: { provided: true } } }, '2026-03-04 09:00')
        .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'licence', description: '补交营业执照' }], reason: '首次遗漏' }, '2026-03-20 09:00')
        .do({ type: 'supplement', actor: applicant, materials: { licence: { provided: true } } }, '2026-03-23 09:00')
        .do({ type: 'accept', actor: win }, '2026-03-23 10:00')
      expect(r.s.preAcceptanceNoticeAt).toBe(at('2026-03-03 09:00'))
      expect(r.s.clockStart).toBe(at('2026-03-23 09:00'))
    })

    it('documents the chosen behaviour: the 5-day window counts from the submission instant, not from an after-hours receipt day (open question)', () => {
      // Friday 2026-03-06 18:00 is after office hours: received Monday 03-09. The window is still
      // counted from Friday (ends 24:00 of 03-13), so a notice on Monday 03-16 counts as late.
      const r = new CaseRun(linear)
        .do(submitTo(linear, { materials: ['app'] }), '2026-03-06 18:00')
        .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'licence', description: '补交营业执照' }] }, '2026-03-16 09:00')
        .do({ type: 'supplement', actor: applicant, materials: { licence: { provided: true } } }, '2026-03-17 09:00')
        .do({ type: 'accept', actor: win }, '2026-03-17 10:00')
      expect(r.s.receivedDay).toBe('2026-03-09')
      expect(r.s.clockStart).toBe(at('2026-03-06 18:00'))
    })
  })
})

describe('engine/acceptance: material completeness is checked before acceptance', () => {
  it('refuses accept with materials.incomplete naming the missing mandatory material', () => {
    const r = new CaseRun(religious).do(missingFunding(), '2026-03-02 09:30')
    const res = r.try({ type: 'accept', actor: window1 }, '2026-03-02 10:00')
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.refusal.code).toBe('materials.incomplete')
      expect(res.refusal.details.missing).toBe('funding')
      expect(res.refusal.messageZh).toContain('资金来源渠道合法的证明材料')
    }
  })

  it('treats a material ticked as not provided (provided: false) as missing', () => {
    const cmd = submitTo(linear)
    if (cmd.type !== 'submit') throw new Error()
    const r = new CaseRun(linear).do({ ...cmd, materials: { app: { provided: true }, licence: { provided: false } } }, '2026-03-02 09:30')
    const res = r.try({ type: 'accept', actor: win }, '2026-03-02 10:00')
    expect(res.ok ? 'accepted' : res.refusal.code).toBe('materials.incomplete')
  })

  it('accepts without the optional material', () => {
    const r = new CaseRun(linear).do(submitTo(linear, { materials: ['app', 'licence'] }), '2026-03-02 09:30')
    expect(r.try({ type: 'accept', actor: win }, '2026-03-02 10:00').ok).toBe(true)
  })

  it('accepts once the missing material has been supplemented', () => {
    const r = new CaseRun(religious)
      .do(missingFunding(), '2026-03-02 09:30')
      .do({ type: 'requestSupplement', actor: window1, items: [{ materialId: 'funding', description: '补交资金来源证明' }] }, '2026-03-02 10:00')
    expect(r.s.status).toBe('awaitingSupplement')
    r.do({ type: 'supplement', actor: applicant, materials: { funding: { provided: true } } }, '2026-03-04 10:00')
    expect(r.s.status).toBe('submitted')
    r.do({ type: 'accept', actor: window1 }, '2026-03-04 11:00')
    expect(r.s.status).toBe('handling')
    expect(r.s.tasks.map((t) => t.node)).toEqual(['review'])
  })

  it('refuses a supplement that still lacks a requested material (supplement.incomplete)', () => {
    const r = new CaseRun(linear)
      .do(submitTo(linear, { materials: [] }), '2026-03-02 09:30')
      .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'app', description: '申请书' }, { materialId: 'licence', description: '营业执照' }] }, '2026-03-02 10:00')
    const res = r.try({ type: 'supplement', actor: applicant, materials: { app: { provided: true } } }, '2026-03-03 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('supplement.incomplete')
  })

  it('refuses accept after a supplement that did not cover every missing mandatory material', () => {
    const r = new CaseRun(linear)
      .do(submitTo(linear, { materials: [] }), '2026-03-02 09:30')
      .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'app', description: '申请书' }] }, '2026-03-02 10:00')
      .do({ type: 'supplement', actor: applicant, materials: { app: { provided: true } } }, '2026-03-03 10:00')
    expect(r.s.materialsCompletedAt).toBeUndefined()
    const res = r.try({ type: 'accept', actor: win }, '2026-03-03 11:00')
    expect(res.ok ? 'ok' : res.refusal.details.missing).toBe('licence')
  })

  it('refuses a supplement from staff who do not hold the acceptance post', () => {
    const r = new CaseRun(linear)
      .do(submitTo(linear, { materials: ['app'] }), '2026-03-02 09:30')
      .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'licence', description: '营业执照' }] }, '2026-03-02 10:00')
    const res = r.try({ type: 'supplement', actor: hnd, materials: { licence: { provided: true } } }, '2026-03-03 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('actor.not_applicant')
  })

  it('refuses an empty 补正 list (一次性告知 must list everything)', () => {
    const r = new CaseRun(linear).do(submitTo(linear, { materials: ['app'] }), '2026-03-02 09:30')
    const res = r.try({ type: 'requestSupplement', actor: win, items: [] }, '2026-03-02 10:00')
    expect(res.ok ? 'ok' : res.refusal.code).toBe('supplement.empty')
  })
})
