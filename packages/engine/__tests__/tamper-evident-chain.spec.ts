import { describe, expect, it } from 'vitest'
import { hashEvent, verifyChain, type CaseEvent } from '../src/index'
import { CaseRun, applicant } from './fixtures/harness'
import { head, hnd, linear, submitTo, win } from './fixtures/inline'
import { leaves, tamper } from './fixtures/tamper'

/** A case touching many event kinds: supplement, special procedure, extension, a fee monitor event, return. */
function history(): CaseRun {
  return new CaseRun(linear)
    .do(submitTo(linear, { materials: ['app'] }), '2026-03-02 09:30')
    .do({ type: 'requestSupplement', actor: win, items: [{ materialId: 'licence', description: '营业执照' }] }, '2026-03-02 10:00')
    .do({ type: 'supplement', actor: applicant, materials: { licence: { provided: true, files: [{ name: '执照.pdf', sha256: 'ab'.repeat(32) }] } } }, '2026-03-03 10:00')
    .do({ type: 'accept', actor: win, opinion: '材料齐全' }, '2026-03-03 11:00')
    .do({ type: 'startSpecialProcedure', actor: hnd, procedure: 'expertReview', reason: '专家评审', node: 'review' }, '2026-03-04 10:00')
    .do({ type: 'endSpecialProcedure', actor: hnd, outcome: '通过' }, '2026-03-06 10:00')
    .do({ type: 'complete', actor: hnd, node: 'review', opinion: '同意', form: { opinionText: '符合条件' }, fee: { item: '工本费', amount: 0, reason: '减免' } }, '2026-03-09 10:00')
    .do({ type: 'extend', actor: head, value: 3, reason: '延期' }, '2026-03-09 11:00')
    .do({ type: 'return', actor: { ...head, id: 'a1', posts: ['approver'] }, node: 'approve', to: 'review', reason: '退回重审' }, '2026-03-10 10:00')
}

const STRUCTURAL: Record<string, string> = { seq: 'sequence', prevHash: 'link', hash: 'hash' }

describe('engine/tamper-evident hash chain', () => {
  const events = history().events

  it('verifies the untouched history', () => {
    expect(events.map((e) => e.type)).toContain('monitor:raised')
    expect(verifyChain(events)).toEqual({ ok: true, count: events.length, lastHash: events.at(-1)?.hash })
  })

  it('names the edited event with reason "hash" for an edit of any content field of any event', () => {
    let checked = 0
    events.forEach((e, i) => {
      for (const path of leaves(e)) {
        const top = String(path[0])
        if (top in STRUCTURAL || (top === 'caseId' && i > 0)) continue
        const v = verifyChain(tamper(events, i, path))
        expect(v.ok ? `ok at ${i} ${path.join('.')}` : `${v.brokenAt}:${v.reason}`).toBe(`${i}:hash`)
        checked++
      }
    })
    expect(checked).toBeGreaterThan(100)
  })

  it('names the edited event for an edit of seq (sequence), prevHash (link), hash (hash) or a later caseId (case)', () => {
    events.forEach((_e, i) => {
      for (const [field, reason] of Object.entries(STRUCTURAL)) {
        const v = verifyChain(tamper(events, i, [field]))
        expect(v.ok ? 'ok' : `${v.brokenAt}:${v.reason}`).toBe(`${i}:${reason}`)
      }
      if (i > 0) {
        const v = verifyChain(tamper(events, i, ['caseId']))
        expect(v.ok ? 'ok' : `${v.brokenAt}:${v.reason}`).toBe(`${i}:case`)
      }
    })
  })

  it('detects an added field or a removed optional field', () => {
    const added = structuredClone(events)
    ;(added[3] as CaseEvent).data.extra = 'forged'
    expect(verifyChain(added)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash' })
    const removed = structuredClone(events)
    delete (removed[3] as CaseEvent).opinion
    expect(verifyChain(removed)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash' })
  })

  it('names a sequence break where an event was removed from the middle', () => {
    for (let i = 0; i < events.length - 1; i++) {
      const v = verifyChain([...events.slice(0, i), ...events.slice(i + 1)])
      expect(v.ok ? 'ok' : `${v.brokenAt}:${v.reason}`).toBe(`${i}:sequence`)
    }
  })

  it('documents the chosen behaviour: dropping the last event verifies on its own; only the anchored state (seq, lastHash) reveals it', () => {
    const r = history()
    const truncated = r.events.slice(0, -1)
    const v = verifyChain(truncated)
    expect(v.ok).toBe(true)
    if (v.ok) expect([v.count, v.lastHash]).not.toEqual([r.s.seq, r.s.lastHash])
  })

  it('names a sequence break where two events were swapped', () => {
    for (let i = 0; i < events.length - 1; i++) {
      const swapped = [...events]
      ;[swapped[i], swapped[i + 1]] = [swapped[i + 1] as CaseEvent, swapped[i] as CaseEvent]
      const v = verifyChain(swapped)
      expect(v.ok ? 'ok' : `${v.brokenAt}:${v.reason}`).toBe(`${i}:sequence`)
    }
  })

  it('names a link break where swapped events were renumbered', () => {
    const swapped = structuredClone([...events])
    ;[swapped[4], swapped[5]] = [swapped[5] as CaseEvent, swapped[4] as CaseEvent]
    ;(swapped[4] as CaseEvent).seq = 5
    ;(swapped[5] as CaseEvent).seq = 6
    expect(verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 4, reason: 'link' })
  })

  it('moves the break to the next link when the edited event is re-hashed', () => {
    const forged = tamper(events, 6, ['opinion'], '不同意')
    const e = forged[6] as CaseEvent
    e.hash = hashEvent(e)
    expect(verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 7, reason: 'link' })
  })

  it('hashes canonically: the same event with its keys in another order has the same hash', () => {
    const e = events[3] as CaseEvent
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as unknown as CaseEvent
    expect(hashEvent(reordered)).toBe(e.hash)
  })
})
