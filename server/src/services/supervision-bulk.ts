import type { Deps } from '../deps'
import { issueCards, type CardDraft } from './supervision-cards'
import { renderCardMessage } from './supervision-evaluate'
import type { CardLevel } from './supervision-model'
import { loadRules } from './supervision-rules'

/**
 * Set-based first pass of each scheduler tick: when many cases cross a level of their promised
 * or statutory clock at once (a holiday ends, a limit shared by a batch of applications runs
 * out), their cards are found by one index range scan (cases.next_check_at ≤ now, with the
 * projection's next_kind / next_level) and issued in one transaction, without loading each
 * case's state. The per-case visit that follows (scheduler-cases.ts) then appends the
 * monitor:raised event to each case's chain and records the warning; its own card for the same
 * rule version is a duplicate of the business key and is skipped. Each pass covers the interval
 * since the previous one (a cursor in settings). Rules with an extra condition
 * need the case facts and are left to the per-case visit.
 */

/** The facts the projection holds: a template naming any other (or the scheduler's own message) is left to the per-case visit. */
const BULK_FACTS = ['caseNo', 'promisedDeadline']
const usesOnlyBulkFacts = (template: string) =>
  !/\{\{\s*source\./.test(template) && [...template.matchAll(/\{\{\s*case\.([A-Za-z0-9_.]+)\s*\}\}/g)].every((m) => BULK_FACTS.includes(m[1] ?? ''))

const CURSOR = 'supervision_bulk_until'

async function saveCursor(deps: Deps, now: number, trx?: import('knex').Knex.Transaction): Promise<void> {
  const k = trx ?? deps.db.knex
  await k('settings').insert({ key: CURSOR, value: JSON.stringify(now) }).onConflict('key').merge()
}

interface DueRow {
  id: string
  case_no: string
  item_key: string
  department_id: string
  next_kind: string
  next_level: CardLevel
  promised_due_at: number | string | null
}

export async function issueDueCaseCards(deps: Deps, opts: { limit?: number } = {}): Promise<{ due: number; cards: number }> {
  const now = deps.now()
  const rules = (await loadRules(deps)).filter((r) => r.enabled && r.trigger.type === 'clock' && (r.trigger.clock === 'promised' || r.trigger.clock === 'statutory') && !r.condition && usesOnlyBulkFacts(r.template))
  if (rules.length === 0) return { due: 0, cards: 0 }
  const k = deps.db.knex
  // The interval since the last pass: a case is found once (next_case_at only moves forward, to
  // instants after the visit that sets it).
  const last = (await k('settings').where({ key: CURSOR }).first()) as { value: string } | undefined
  const cursor = last ? Number(JSON.parse(last.value)) : 0
  const since = cursor > now ? 0 : cursor // a clock set back (tests, the controlled clock): look again from the start
  const rows = (await k('cases')
    .where('next_case_at', '<=', now)
    .andWhere('next_case_at', '>', since)
    .whereNot('status', 'concluded')
    .select('id', 'case_no', 'item_key', 'department_id', 'next_kind', 'next_level', 'promised_due_at')
    .limit(opts.limit ?? 200_000)) as DueRow[]
  if (rows.length === 0) {
    await saveCursor(deps, now)
    return { due: 0, cards: 0 }
  }
  const names = new Map(((await k('items').select('key', 'name')) as { key: string; name: string }[]).map((i) => [i.key, i.name]))
  const cal = deps.calendar
  const drafts: CardDraft[] = []
  for (const r of rows) {
    for (const rule of rules) {
      const t = rule.trigger as { clock: string; level: string }
      if (t.clock !== r.next_kind || t.level !== r.next_level) continue
      const facts = { caseNo: r.case_no, promisedDeadline: r.promised_due_at === null ? '' : cal.dueDay(Number(r.promised_due_at)) }
      drafts.push({
        rule,
        level: rule.level,
        businessKey: r.id,
        subjectKind: 'case',
        subjectId: r.id,
        caseId: r.id,
        caseNo: r.case_no,
        itemKey: r.item_key,
        departmentId: r.department_id,
        message: renderCardMessage(rule, rule.level, { case: facts, item: { key: r.item_key, name: names.get(r.item_key) ?? r.item_key } }),
      })
    }
  }
  const written = await deps.db.write(async (trx) => {
    const out = await issueCards(trx, deps, drafts, now)
    await saveCursor(deps, now, trx)
    return out
  })
  return { due: rows.length, cards: written.length }
}
