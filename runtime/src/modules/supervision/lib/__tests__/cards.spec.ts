import { describe, expect, it } from 'vitest'
import { actionProblems, cardActions, currentDeadline, deadlineState, highestCard, type CardLike } from '../cards'

const supervisor = { roles: ['supervisor'], departmentId: 'sc-jw' }
const unit = { roles: ['staff'], departmentId: 'sc-mzw' }
const otherUnit = { roles: ['staff'], departmentId: 'cd-scj' }
const card = (status: CardLike['status'], extra: Partial<CardLike> = {}): CardLike => ({ level: 'yellow', status, departmentId: 'sc-mzw', ...extra })

describe('supervision/lib/cards', () => {
  it('should let a supervisor confirm or cancel a card held for manual confirmation', () => {
    expect(cardActions(card('pending'), supervisor)).toEqual(['confirm', 'dismiss'])
  })

  it('should let the unit give feedback or appeal an issued card, and the supervisor order 督办 or close it', () => {
    expect(cardActions(card('issued'), unit)).toEqual(['feedback', 'appeal'])
    expect(cardActions(card('issued'), supervisor)).toEqual(['order', 'close'])
  })

  it('should give staff of another department no action on a card', () => {
    expect(cardActions(card('issued'), otherUnit)).toEqual([])
  })

  it('should not order 督办 twice but still let a supervisor close an ordered card', () => {
    expect(cardActions(card('ordered'), supervisor)).toEqual(['close'])
  })

  it('should offer the appeal decision only while an appeal is open', () => {
    expect(cardActions(card('appealed'), supervisor)).toContain('decideAppeal')
    expect(cardActions(card('answered'), supervisor)).not.toContain('decideAppeal')
  })

  it('should follow the server\'s list of actions when it gives one', () => {
    expect(cardActions(card('issued', { actions: ['feedback', 'bogus'] }), supervisor)).toEqual(['feedback'])
    expect(cardActions(card('appealed', { actions: ['acceptAppeal', 'rejectAppeal'] }), supervisor)).toEqual(['decideAppeal'])
  })

  it('should pick the highest open card of a case, newest on a tie, ignoring revoked and unconfirmed ones', () => {
    const cards = [
      { id: 'a', level: 'red' as const, status: 'revoked' as const, issuedAt: 5 },
      { id: 'b', level: 'yellow' as const, status: 'issued' as const, issuedAt: 1 },
      { id: 'c', level: 'yellow' as const, status: 'answered' as const, issuedAt: 2 },
      { id: 'd', level: 'red' as const, status: 'pending' as const, issuedAt: 3 },
    ]
    expect(highestCard(cards)?.id).toBe('c')
    expect(highestCard([])).toBeUndefined()
  })

  it('should mark a deadline overdue one millisecond after it, and soon within three days', () => {
    expect(deadlineState(1000, 1001)).toBe('overdue')
    expect(deadlineState(1000, 1000)).toBe('soon')
    expect(deadlineState(10 * 86_400_000, 0)).toBe('open')
    expect(deadlineState(null, 0)).toBe('none')
  })

  it('should watch the 督办 deadline once ordered and the feedback deadline before', () => {
    expect(currentDeadline(card('ordered', { feedbackDueAt: 1, orderDueAt: 2 }))).toBe(2)
    expect(currentDeadline(card('issued', { feedbackDueAt: 1, orderDueAt: 2 }))).toBe(1)
    expect(currentDeadline(card('closed', { feedbackDueAt: 1 }))).toBeNull()
  })

  it('should require a text, and for 督办 a deadline after today', () => {
    expect(actionProblems('feedback', { text: ' ' }, '2026-03-02')).toEqual(['sv.card.needText'])
    expect(actionProblems('order', { text: '限期办结', deadline: '2026-03-02' }, '2026-03-02')).toEqual(['sv.card.deadlinePast'])
    expect(actionProblems('order', { text: '限期办结', deadline: '2026-03-09' }, '2026-03-02')).toEqual([])
    expect(actionProblems('decideAppeal', { text: '理由充分', accept: null }, '2026-03-02')).toEqual(['sv.card.needDecision'])
    expect(actionProblems('confirm', {}, '2026-03-02')).toEqual([])
  })
})
