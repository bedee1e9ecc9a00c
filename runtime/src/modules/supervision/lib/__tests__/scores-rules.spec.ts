import { describe, expect, it } from 'vitest'
import { unreadBadge, notificationLink, sortNotifications } from '../notifications'
import { fillTemplate, levelMismatches, ruleProblems, toRuleInput, tunable, unknownPlaceholders, withTunable, type RuleLike } from '../rules'
import { adjustmentProblems, breakdown, itemsTotal, rankScores, recentPeriods } from '../scores'

describe('supervision/lib/scores', () => {
  it('should rank scores best first with shared ranks for equal scores, ties in pinyin order', () => {
    const rows = [{ objectId: 'a', name: '甲', score: 95, items: [] }, { objectId: 'b', name: '乙', score: 100, items: [] }, { objectId: 'c', name: '丙', score: 95, items: [] }, { objectId: 'd', name: '丁', score: 80, items: [] }]
    expect(rankScores(rows).map((r) => [r.objectId, r.rank])).toEqual([['b', 1], ['c', 2], ['a', 2], ['d', 4]])
  })

  it('should list the base first, then the largest effects, without zero items', () => {
    const items = [{ code: 'yellow', points: -5, count: 1 }, { code: 'base', points: 100 }, { code: 'early', points: 0 }, { code: 'red', points: -10, count: 1 }]
    expect(breakdown(items).map((i) => i.code)).toEqual(['base', 'red', 'yellow'])
    expect(itemsTotal(items)).toBe(85)
  })

  it('should require a non-zero adjustment within ±20 and a reason', () => {
    expect(adjustmentProblems(0, '')).toEqual(['sv.score.needDelta', 'sv.score.needReason'])
    expect(adjustmentProblems(25, '群众来信表扬')).toEqual(['sv.score.deltaRange'])
    expect(adjustmentProblems(-2, '数据报送不完整')).toEqual([])
  })

  it('should list recent months across a year boundary', () => {
    expect(recentPeriods('2026-02-10', 3)).toEqual(['2026-02', '2026-01', '2025-12'])
  })
})

describe('supervision/lib/rules', () => {
  const rule = (r: Partial<RuleLike>): RuleLike => ({ id: 'time.promised.warning', name: '承诺时限预警', kind: 'time', level: 'warning', mode: 'auto', enabled: true, trigger: { type: 'clock', clock: 'promised', level: 'warning' }, template: '办件编号为{{case.caseNo}}，即将超过承诺时限，请速办理。', ...r })

  it('should fill a template with case facts as text and keep unknown placeholders', () => {
    expect(fillTemplate('办件{{case.caseNo}}，{{ item.name }}，{{case.nope}}', { 'case.caseNo': 'SC-1', 'item.name': '<b>审批</b>' })).toBe('办件SC-1，<b>审批</b>，{{case.nope}}')
  })

  it('should not read inherited properties as facts', () => {
    expect(fillTemplate('{{case.constructor}}', {})).toBe('{{case.constructor}}')
  })

  it('should name placeholders whose root is not a case fact', () => {
    expect(unknownPlaceholders('{{case.caseNo}}{{process.env}}')).toEqual(['process.env'])
    expect(ruleProblems(rule({ template: '{{window.x}}' }))).toEqual([{ key: 'sv.rule.unknownFacts', named: { names: 'window.x' } }])
  })

  it('should refuse empty or over-long templates, days and thresholds outside the server bounds', () => {
    expect(ruleProblems(rule({ template: ' ' })).map((p) => p.key)).toEqual(['sv.rule.needTemplate'])
    expect(ruleProblems(rule({ template: '长'.repeat(501) })).map((p) => p.key)).toEqual(['sv.rule.longTemplate'])
    expect(ruleProblems(rule({ trigger: { type: 'request', request: 'complaint', days: 1.5 } })).map((p) => p.key)).toEqual(['sv.rule.badDays'])
    expect(ruleProblems(rule({ trigger: { type: 'orderOverdue', days: -1 } })).map((p) => p.key)).toEqual(['sv.rule.badDays'])
    expect(ruleProblems(rule({ trigger: { type: 'count', counter: 'supplementRounds', threshold: 101 } })).map((p) => p.key)).toEqual(['sv.rule.badThreshold'])
  })

  it('should say which number of a trigger is tunable', () => {
    expect(tunable({ type: 'count', counter: 'returnCount', threshold: 2 })).toEqual({ field: 'threshold', value: 2 })
    expect(tunable({ type: 'request', request: 'consultation', days: 1 })).toEqual({ field: 'days', value: 1 })
    expect(tunable({ type: 'acceptedIncomplete' })).toBeUndefined()
  })

  it('should send a rule without the server\'s read-only fields', () => {
    const input = toRuleInput({ ...rule({ feedbackDays: 30 }), version: 3, updatedAt: 1, updatedBy: 'supervisor' })
    expect(Object.keys(input).sort()).toEqual(['enabled', 'feedbackDays', 'id', 'kind', 'level', 'mode', 'name', 'template', 'trigger'])
  })

  it('should change only the tunable number of a trigger', () => {
    expect(withTunable({ type: 'count', counter: 'returnCount', threshold: 2 }, 3)).toEqual({ type: 'count', counter: 'returnCount', threshold: 3 })
    expect(withTunable({ type: 'acceptedIncomplete' }, 3)).toEqual({ type: 'acceptedIncomplete' })
  })

  it('should flag a clock rule that issues a lower card than the clock level it listens to', () => {
    expect(levelMismatches([rule({}), rule({ id: 'x', level: 'warning', trigger: { type: 'clock', clock: 'statutory', level: 'red' } })])).toEqual(['x'])
  })
})

describe('supervision/lib/notifications', () => {
  const n = (id: string, readAt: number | null, createdAt: number, extra = {}) => ({ id, readAt, createdAt, ...extra })

  it('should badge the unread count and cap it at 99+', () => {
    expect(unreadBadge([n('a', null, 1), n('b', 5, 2)])).toBe('1')
    expect(unreadBadge([], 0)).toBe('')
    expect(unreadBadge([], 120)).toBe('99+')
  })

  it('should link to the card, else the case', () => {
    expect(notificationLink(n('a', null, 1, { cardId: '9', caseId: 'c' }))).toBe('/workbench/cards/9')
    expect(notificationLink(n('a', null, 1, { caseId: 'c' }))).toBe('/workbench/cases/c')
    expect(notificationLink(n('a', null, 1))).toBeUndefined()
  })

  it("should link a count of many new cards to the unit's issued cards", () => {
    expect(notificationLink(n('a', null, 1, { kind: 'cards' }))).toBe('/workbench/cards?status=issued')
  })

  it('should sort unread first, newest first', () => {
    expect(sortNotifications([n('a', 1, 5), n('b', null, 1), n('c', null, 3)]).map((x) => x.id)).toEqual(['c', 'b', 'a'])
  })
})
