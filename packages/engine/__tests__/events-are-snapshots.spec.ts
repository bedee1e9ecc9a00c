import { describe, expect, it } from 'vitest'
import { verifyChain, type Command } from '../src/index'
import { CaseRun } from './fixtures/harness'
import { hnd, linear, submitTo, win } from './fixtures/inline'

describe('engine/events are snapshots: history cannot be rewritten through shared objects', () => {
  it('keeps the event intact when the command object is mutated after it was applied', () => {
    const cmd = submitTo(linear) as Extract<Command, { type: 'submit' }>
    const r = new CaseRun(linear).do(cmd, '2026-03-02 09:30')
    ;(cmd.form as Record<string, unknown>).name = '篡改'
    ;(cmd.materials.app as { provided: boolean }).provided = false
    cmd.applicant.name = '篡改'
    expect(verifyChain(r.events).ok).toBe(true)
    expect(r.events[0]?.data.form).toEqual({ name: '某某有限公司' })
  })

  it('keeps the events intact when the returned state is mutated', () => {
    const r = new CaseRun(linear)
      .do(submitTo(linear, { materials: ['app'] }), '2026-03-02 09:30')
      .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'licence', description: '营业执照' }] }, '2026-03-02 10:00')
    const pending = r.s.pendingSupplement
    if (pending) pending.items[0] = { description: '篡改' }
    ;(r.s.form as Record<string, unknown>).name = '篡改'
    r.s.applicant.name = '篡改'
    expect(verifyChain(r.events).ok).toBe(true)
  })

  it('keeps a step completion intact when its form patch object is reused', () => {
    const patch: Record<string, unknown> = { opinionText: '符合' }
    const r = new CaseRun(linear)
      .do(submitTo(linear), '2026-03-02 09:30')
      .do({ type: 'accept', actor: win }, '2026-03-02 10:00')
      .do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意', form: patch }, '2026-03-03 10:00')
    patch.opinionText = '不符合'
    expect(r.s.form.opinionText).toBe('符合')
    expect(verifyChain(r.events).ok).toBe(true)
  })
})
