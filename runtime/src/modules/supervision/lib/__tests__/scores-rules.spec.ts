import { describe, expect, it } from 'vitest'
import { unreadBadge, notificationLink, sortNotifications } from '../notifications'
import { escalationProblems, fillTemplate, ruleProblems, unknownPlaceholders, type RuleLike } from '../rules'
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
  const rule = (r: Partial<RuleLike>): RuleLike => ({ id: 'r', kind: 'promised', level: 'warning', mode: 'auto', enabled: true, template: '办件编号为{caseNo}，即将超过承诺时限，请速办理。', ...r })

  it('should fill a template with case facts as text and keep unknown placeholders', () => {
    expect(fillTemplate('办件{caseNo}，{itemName}，{nope}', { caseNo: 'SC-1', itemName: '<b>审批</b>' })).toBe('办件SC-1，<b>审批</b>，{nope}')
  })

  it('should name placeholders that are not case facts', () => {
    expect(unknownPlaceholders('{caseNo}{constructor}{x}')).toEqual(['constructor', 'x'])
    expect(ruleProblems(rule({ template: '{x}' }))).toEqual([{ key: 'sv.rule.unknownFacts', named: { names: 'x' } }])
  })

  it('should refuse empty or over-long templates and fractional offsets', () => {
    expect(ruleProblems(rule({ template: ' ' })).map((p) => p.key)).toEqual(['sv.rule.needTemplate'])
    expect(ruleProblems(rule({ template: '长'.repeat(301) })).map((p) => p.key)).toEqual(['sv.rule.longTemplate'])
    expect(ruleProblems(rule({ offsetDays: 1.5 })).map((p) => p.key)).toEqual(['sv.rule.badOffset'])
    expect(ruleProblems(rule({ threshold: 0 })).map((p) => p.key)).toEqual(['sv.rule.badThreshold'])
  })

  it('should flag a kind whose 黄牌 comes before its 预警 on the same limit, not across limits', () => {
    const ok = [rule({ level: 'warning', offsetDays: -2, limit: 'promised' }), rule({ level: 'yellow', offsetDays: 1, limit: 'promised' }), rule({ level: 'red', offsetDays: 1, limit: 'statutory' })]
    expect(escalationProblems(ok)).toEqual([])
    expect(escalationProblems([rule({ level: 'warning', offsetDays: 3, limit: 'promised' }), rule({ level: 'yellow', offsetDays: 1, limit: 'promised' })])).toEqual(['promised'])
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

  it('should sort unread first, newest first', () => {
    expect(sortNotifications([n('a', 1, 5), n('b', null, 1), n('c', null, 3)]).map((x) => x.id)).toEqual(['c', 'b', 'a'])
  })
})
