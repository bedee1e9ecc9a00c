/**
 * Efficiency scores (issue 7 §3; domain.md §5.5 [EJ-SCORE]): base 100, −5 per 黄牌, −10 per 红牌,
 * −3 per three consecutive 预警, a bonus for the share finished early, a deduction for incomplete
 * data reporting, plus manual adjustments with reasons. The server computes; the screens rank,
 * explain and check what a supervisor enters.
 */

export type ScoreObject = 'department' | 'window' | 'staff'

export interface ScoreItem {
  /** base | yellow | red | warnings3 | early | reporting | adjustment | … */
  code: string
  points: number
  count?: number
}

export interface ScoreLike {
  objectId: string
  name: string
  score: number
  items: readonly ScoreItem[]
}

/** Rows ranked by score, best first; equal scores share a rank (1, 2, 2, 4). */
export function rankScores<T extends ScoreLike>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'))
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1]!.score === r.score ? sorted.findIndex((x) => x.score === r.score) + 1 : i + 1 }))
}

/** The deductions and bonuses that make a score, largest effect first, base first; zero items dropped. */
export function breakdown(items: readonly ScoreItem[]): ScoreItem[] {
  const baseItem = items.filter((i) => i.code === 'base')
  const rest = items.filter((i) => i.code !== 'base' && i.points !== 0).sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
  return [...baseItem, ...rest]
}

/** Whether the items add up to the score (a sanity line under the table). */
export function itemsTotal(items: readonly ScoreItem[]): number {
  return Math.round(items.reduce((n, i) => n + i.points, 0) * 10) / 10
}

/** What is wrong with a manual adjustment: a non-zero change within ±20 and a reason of at least 4 characters. */
export function adjustmentProblems(delta: number | null | undefined, reason: string): string[] {
  const out: string[] = []
  if (delta === null || delta === undefined || !Number.isFinite(delta) || delta === 0) out.push('sv.score.needDelta')
  else if (Math.abs(delta) > 20) out.push('sv.score.deltaRange')
  if (reason.trim().length < 4) out.push('sv.score.needReason')
  return out
}

/** Periods a user can pick: the last `n` months up to the month of `today` ("2026-03"), newest first. */
export function recentPeriods(today: string, n = 12): string[] {
  const [y0, m0] = today.split('-').map(Number) as [number, number]
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const m = m0 - 1 - i
    const y = y0 + Math.floor(m / 12)
    const mm = ((m % 12) + 12) % 12
    out.push(`${y}-${String(mm + 1).padStart(2, '0')}`)
  }
  return out
}
