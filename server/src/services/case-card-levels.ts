import type { Knex } from 'knex'
import type { CaseRow } from './case-store'

/**
 * The highest counting card per case (预警 / 黄牌 / 红牌; DZJC isMaxSupervise) lives in
 * case_card_levels (migration 011), not in `cases`: issuing 100 k cards at once then appends
 * 100 k short rows instead of rewriting 100 k case rows. Lists read it for the page they show;
 * filters use EXISTS.
 */

export const RANK: Record<string, number> = { warning: 1, yellow: 2, red: 3 }

/** The rows with their `card_level` filled in (one query per 500 rows shown). */
export async function withCardLevels<T extends CaseRow>(k: Knex | Knex.Transaction, rows: T[]): Promise<T[]> {
  const levels = new Map<string, string>()
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id)
    for (const l of (await k('case_card_levels').whereIn('case_id', ids).select('case_id', 'level')) as { case_id: string; level: string }[]) levels.set(l.case_id, l.level)
  }
  return rows.map((r) => ({ ...r, card_level: levels.get(r.id) ?? null }))
}

/** Cases with any counting card (level undefined) or with this highest card. */
export function whereCardLevel(k: Knex, q: Knex.QueryBuilder, level?: string): void {
  const sub = k('case_card_levels as ccl').select(k.raw('1')).whereRaw('ccl.case_id = cases.id')
  if (level) sub.andWhere('ccl.level', level)
  q.whereExists(sub)
}

/** Raises each case's highest card to at least the given level. */
export async function raiseCardLevels(trx: Knex | Knex.Transaction, marks: readonly { caseId: string; level: string }[]): Promise<void> {
  const top = new Map<string, string>()
  for (const m of marks) if ((RANK[m.level] ?? 0) > (RANK[top.get(m.caseId) ?? ''] ?? 0)) top.set(m.caseId, m.level)
  const rows = [...top].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([case_id, level]) => ({ case_id, level, level_rank: RANK[level] as number }))
  for (let i = 0; i < rows.length; i += 5000)
    await trx('case_card_levels')
      .insert(rows.slice(i, i + 5000))
      .onConflict('case_id')
      .merge(['level', 'level_rank'])
      .where('case_card_levels.level_rank', '<', trx.raw('excluded.level_rank'))
}

/** Sets a case's highest card (null: none counts any more). */
export async function setCardLevel(trx: Knex | Knex.Transaction, caseId: string, level: string | null): Promise<void> {
  if (level === null) await trx('case_card_levels').where({ case_id: caseId }).delete()
  else await trx('case_card_levels').insert({ case_id: caseId, level, level_rank: RANK[level] as number }).onConflict('case_id').merge(['level', 'level_rank'])
}
