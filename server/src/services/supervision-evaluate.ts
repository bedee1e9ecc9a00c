import type { PowerItemDefinition } from '@sunlight/definition'
import { caseFactsOf, renderMessage, type CaseEvent, type CaseState } from '@sunlight/engine'
import { evaluateExpression } from '@sunlight/expression'
import type { Knex } from 'knex'
import type { Deps } from '../deps'
import type { CaseRow } from './case-store'
import { issueCards, type CardDraft, type CardRow } from './supervision-cards'
import { cardLevels, levelRank, levelZh, type CardLevel, type Rule } from './supervision-model'
import { loadRules } from './supervision-rules'

/**
 * Where supervision rules are evaluated — where their data arises:
 *  - time rules on clocks: in the scheduler's transaction that records the clock warning
 *    (scheduler-cases.ts → cardsForWarnings), so a warning and its card commit together;
 *  - time rules on consultations, complaints, rating follow-ups and 督办 deadlines: at every
 *    scheduler tick (runTimeRules), over the open records;
 *  - flow and content rules: in the transaction of each case command (cases.ts → afterCommand).
 * Idempotent everywhere: a card is written at most once per rule × version × business (unique key).
 */

interface CaseCtx {
  row: Pick<CaseRow, 'id' | 'case_no' | 'item_key' | 'department_id'>
  def: PowerItemDefinition
  state: CaseState
  now: number
  deps: Deps
  facts?: Record<string, unknown>
  departmentName?: string
}

const factsOf = (c: CaseCtx) => (c.facts ??= caseFactsOf(c.def, c.state, c.now, c.deps.calendar))

/** The rule's extra condition over the case facts, in the safe expression language (no eval). A condition that fails to evaluate does not fire. */
function conditionHolds(rule: Rule, c: CaseCtx): boolean {
  if (!rule.condition) return true
  const r = evaluateExpression(rule.condition, { case: factsOf(c), item: { key: c.def.key, name: c.def.item.name, category: c.def.item.category }, form: c.state.form })
  return r.ok && r.value === true
}

/** Fills a rule's template with the facts, as text. */
export function renderCardMessage(rule: Pick<Rule, 'template' | 'name'>, level: CardLevel, data: { case?: Record<string, unknown>; item?: Record<string, unknown>; source?: string; request?: Record<string, unknown>; department?: string }): string {
  return renderMessage(rule.template, {
    case: data.case ?? {},
    item: data.item ?? {},
    rule: { name: rule.name },
    level: { name: levelZh[level] },
    department: { name: data.department ?? '' },
    source: { message: data.source ?? '' },
    request: data.request ?? {},
  })
}

/** Whose task or action it was: the step's assignee, else the last person who completed a step, else who accepted. */
function responsibleOf(state: CaseState, node?: string): string | null {
  const task = node ? state.tasks.find((t) => t.node === node) : undefined
  return task?.assignee?.id ?? state.completed[state.completed.length - 1]?.actorId ?? state.acceptedBy ?? null
}

function caseDraft(c: CaseCtx, rule: Rule, level: CardLevel, key: string, message: string, extra: Partial<CardDraft> = {}): CardDraft {
  return {
    rule,
    level,
    businessKey: key,
    subjectKind: 'case',
    subjectId: c.row.id,
    caseId: c.row.id,
    caseNo: c.row.case_no,
    itemKey: c.row.item_key,
    departmentId: c.row.department_id,
    message,
    ...extra,
  }
}

const item = (def: PowerItemDefinition) => ({ key: def.key, name: def.item.name, category: def.item.category })

/** A clock warning or time monitoring point the scheduler has just raised. */
export interface RaisedSignal {
  kind: string // promised | statutory | step | specialProcedure | preAcceptance | point
  node: string
  level: CardLevel
  point: string
  message: string
  mode?: 'auto' | 'manual'
}

/** Cards for the scheduler's clock warnings and time points of one case (in the scheduler's transaction). */
export async function cardsForWarnings(trx: Knex.Transaction, c: CaseCtx, raised: readonly RaisedSignal[]): Promise<CardRow[]> {
  const rules = (await loadRules(c.deps, trx)).filter((r) => r.enabled)
  const drafts: CardDraft[] = []
  for (const w of raised) {
    for (const rule of rules) {
      const t = rule.trigger
      let level: CardLevel | undefined
      if (t.type === 'clock' && t.clock === w.kind && t.level === w.level) level = rule.level
      else if (t.type === 'monitoringPoint' && w.kind === 'point') level = maxLevel(rule.level, w.level)
      if (!level || !conditionHolds(rule, c)) continue
      const message = renderCardMessage(rule, level, { case: factsOf(c), item: item(c.def), source: w.message })
      drafts.push(caseDraft(c, rule, level, w.node ? `${c.row.id}|${w.node}` : c.row.id, message, { node: w.node, responsibleUserId: responsibleOf(c.state, w.kind === 'step' ? w.node : undefined), ...(t.type === 'monitoringPoint' && w.mode ? { mode: w.mode } : {}) }))
    }
  }
  return issueCards(trx, c.deps, drafts, c.now)
}

const maxLevel = (a: CardLevel, b: CardLevel): CardLevel => (levelRank[a] >= levelRank[b] ? a : b)
const asLevel = (v: unknown): CardLevel => ((cardLevels as readonly unknown[]).includes(v) ? (v as CardLevel) : 'warning')

const OPERATION_ZH: Record<string, string> = { refuse: '不予受理', return: '退回', suspend: '暂停', void: '作废', extend: '延期', startSpecialProcedure: '启动特别程序', conclude: '办结', withdraw: '撤回', transfer: '转办' }

/**
 * Flow and content rules for one case command, in the command's transaction: counters (补正,
 * 退回, 暂停), abnormal operations without a reason, acceptance with a mandatory material missing
 * or its original unchecked, one person on steps that must be separate, the engine's content
 * checks (罚款超出裁量幅度, 告知后变更裁量等级, 收费与标准不一致) and the definition's event points.
 */
export async function afterCommand(trx: Knex.Transaction, deps: Deps, row: CaseCtx['row'], def: PowerItemDefinition, state: CaseState, events: readonly CaseEvent[], now: number): Promise<CardRow[]> {
  return issueCards(trx, deps, commandDrafts(await loadRules(deps, trx), deps, row, def, state, events, now), now)
}

/** The cards `afterCommand` would issue, decided in memory (no database): a command group writes only when there are some. */
export function commandDrafts(allRules: readonly Rule[], deps: Deps, row: CaseCtx['row'], def: PowerItemDefinition, state: CaseState, events: readonly CaseEvent[], now: number): CardDraft[] {
  const rules = allRules.filter((r) => r.enabled)
  if (rules.length === 0 || events.length === 0) return []
  const c: CaseCtx = { row, def, state, now, deps }
  const drafts: CardDraft[] = []
  const actorOf = (e?: CaseEvent) => (e && e.actor.kind === 'staff' ? e.actor.id : null)
  for (const rule of rules) {
    const t = rule.trigger
    const fire = (level: CardLevel, source: string, key: string, extra: Partial<CardDraft> = {}) => {
      if (!conditionHolds(rule, c)) return
      drafts.push(caseDraft(c, rule, level, key, renderCardMessage(rule, level, { case: factsOf(c), item: item(def), source }), extra))
    }
    switch (t.type) {
      case 'count': {
        const n = state[t.counter]
        if (n > t.threshold) fire(rule.level, `${n}`, row.id, { responsibleUserId: actorOf(events[events.length - 1]) })
        break
      }
      case 'missingReason': {
        const e = events.find((x) => (t.operations as readonly string[]).includes(x.operation) && !(x.reason ?? '').trim())
        if (e) fire(rule.level, `${OPERATION_ZH[e.operation] ?? e.operation}操作`, row.id, { node: e.node ?? '', responsibleUserId: actorOf(e) })
        break
      }
      case 'acceptedIncomplete': {
        const e = events.find((x) => x.type === 'case:accepted')
        if (!e) break
        // Originals are ticked by window staff at intake; an online application hands its originals in
        // later (at the window or on collection), so only a window case is carded for unchecked ones.
        const checksOriginals = state.channel === 'window'
        const missing = def.item.materials.filter((m) => m.mandatory && (state.materials[m.id]?.provided !== true || (checksOriginals && m.originals > 0 && state.materials[m.id]?.originalChecked !== true)))
        if (missing.length) fire(rule.level, missing.map((m) => `“${m.name}”`).join('、'), row.id, { responsibleUserId: actorOf(e) })
        break
      }
      case 'sameHandler': {
        const clash = separationClash(def, state, t.acceptanceVsDecision, events)
        if (clash) fire(rule.level, clash.text, row.id, { responsibleUserId: clash.actorId })
        break
      }
      case 'builtin': {
        const e = events.find((x) => x.type === 'monitor:raised' && (x.data as { point?: string }).point === `builtin:${t.point}`)
        if (e) fire(rule.level, String((e.data as { message?: string }).message ?? ''), `${row.id}|${e.node ?? ''}`, { node: e.node ?? '', responsibleUserId: actorOf(events.find((x) => x.type === 'step:completed')) })
        break
      }
      case 'monitoringPoint': {
        for (const e of events) {
          const d = e.data as { point?: string; level?: string; mode?: 'auto' | 'manual'; message?: string; builtin?: boolean }
          if (e.type !== 'monitor:raised' || d.builtin || !d.point || d.point.startsWith('clock:')) continue
          const node = d.point.replace(/@v\d+$/, '')
          fire(maxLevel(rule.level, asLevel(d.level)), d.message ?? '', `${row.id}|${node}`, { node, ...(d.mode ? { mode: d.mode } : {}), responsibleUserId: actorOf(events.find((x) => x.actor.kind === 'staff')) })
        }
        break
      }
      default:
        break // time triggers: the scheduler
    }
  }
  return drafts
}

/** The same person on two steps of a separation group; optionally the acceptor also completing the deciding step (the one that ends the flow). */
function separationClash(def: PowerItemDefinition, state: CaseState, acceptanceVsDecision: boolean, events: readonly CaseEvent[]): { text: string; actorId: string } | undefined {
  const name = (id: string) => def.flow.nodes.find((n) => n.id === id)?.name ?? id
  for (const group of def.flow.separationOfDuties) {
    const done = state.completed.filter((x) => group.includes(x.node))
    for (const a of done) {
      const b = done.find((x) => x.actorId === a.actorId && x.node !== a.node)
      if (b) return { text: `“${name(a.node)}”与“${name(b.node)}”由同一人办理`, actorId: a.actorId }
    }
  }
  if (acceptanceVsDecision && state.acceptedBy) {
    const decision = events.find((e) => e.type === 'step:completed' && e.route?.end && e.actor.id === state.acceptedBy)
    if (decision) return { text: `受理与“${name(decision.node ?? '')}”（办结决定）由同一人办理`, actorId: decision.actor.id }
  }
  return undefined
}

// ── time rules on records other than case clocks, at each scheduler tick ─────────────────────

interface RequestRow {
  id: string
  kind: 'consultation' | 'complaint'
  request_no: string
  title: string
  department_id: string
  due_at: number | string
  status: string
}

/**
 * Did a record with deadline `due` cross `days` working days from it? days < 0: within |days|
 * working days before the due day (预警 "2 days before due"); days ≥ 0: `days` working days after
 * the due day have begun (黄牌 "> due + 1 day"), days = 0: the deadline has passed.
 */
export function crossed(deps: Deps, due: number, days: number, now: number): boolean {
  const cal = deps.calendar
  const dueDay = cal.dueDay(due)
  const today = cal.dayOf(now)
  if (days < 0) return now < due && cal.workdaysBetween(today, dueDay) <= -days
  if (now < due) return false
  return days === 0 || cal.workdaysBetween(dueDay, today) >= days
}

/** Consultations, complaints, bad-rating follow-ups and 督办 orders past their rule's threshold; returns the cards written. */
export async function runTimeRules(deps: Deps): Promise<number> {
  const rules = (await loadRules(deps)).filter((r) => r.enabled)
  const now = deps.now()
  const k = deps.db.knex
  const drafts: CardDraft[] = []
  const safeCrossed = (due: number, days: number) => {
    try {
      return crossed(deps, due, days, now)
    } catch {
      return false // a day outside the holiday table: never guessed
    }
  }
  const reqRules = rules.filter((r) => r.trigger.type === 'request')
  if (reqRules.length) {
    const open = (await k('hall_requests').where({ status: 'submitted' }).select('id', 'kind', 'request_no', 'title', 'department_id', 'due_at', 'status')) as RequestRow[]
    for (const rule of reqRules) {
      const t = rule.trigger as Extract<Rule['trigger'], { type: 'request' }>
      for (const r of open.filter((x) => x.kind === t.request && safeCrossed(Number(x.due_at), t.days))) {
        const request = { no: r.request_no, title: r.title, dueDay: deps.calendar.dueDay(Number(r.due_at)) }
        drafts.push({ rule, level: rule.level, businessKey: r.id, subjectKind: r.kind, subjectId: r.id, departmentId: r.department_id, message: renderCardMessage(rule, rule.level, { request }) })
      }
    }
  }
  const followRules = rules.filter((r) => r.trigger.type === 'ratingFollowUp')
  if (followRules.length) {
    const open = (await k('rating_followups as f').join('ratings as r', 'r.id', 'f.rating_id').where('f.status', 'open').select('f.id', 'f.case_id', 'f.department_id', 'f.due_at', 'r.case_no')) as { id: string; case_id: string; department_id: string; due_at: number | string; case_no: string }[]
    for (const rule of followRules) {
      const t = rule.trigger as Extract<Rule['trigger'], { type: 'ratingFollowUp' }>
      for (const f of open.filter((x) => safeCrossed(Number(x.due_at), t.days))) {
        const request = { no: f.case_no, title: '差评整改', dueDay: deps.calendar.dueDay(Number(f.due_at)) }
        drafts.push({ rule, level: rule.level, businessKey: f.id, subjectKind: 'rating', subjectId: f.id, caseId: f.case_id, caseNo: f.case_no, departmentId: f.department_id, message: renderCardMessage(rule, rule.level, { request }) })
      }
    }
  }
  const orderRules = rules.filter((r) => r.trigger.type === 'orderOverdue')
  if (orderRules.length) {
    const ordered = (await k('cards').where('status', 'ordered').andWhere('order_due_at', '<=', now)) as CardRow[]
    for (const rule of orderRules) {
      const t = rule.trigger as Extract<Rule['trigger'], { type: 'orderOverdue' }>
      for (const o of ordered.filter((x) => safeCrossed(Number(x.order_due_at), t.days))) {
        const request = { no: o.case_no ?? o.subject_id, title: o.rule_name, dueDay: o.order_due_day }
        drafts.push({ rule, level: rule.level, businessKey: o.id, subjectKind: 'card', subjectId: o.id, caseId: o.case_id, caseNo: o.case_no, itemKey: o.item_key, departmentId: o.department_id, responsibleUserId: o.responsible_user_id, message: renderCardMessage(rule, rule.level, { source: o.message, request }) })
      }
    }
  }
  if (drafts.length === 0) return 0
  const written = await deps.db.write((trx) => issueCards(trx, deps, drafts, now))
  return written.length
}
