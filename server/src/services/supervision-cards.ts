import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { insertJson } from './bulk-sql'
import { raiseCardLevels, setCardLevel } from './case-card-levels'
import { findCase } from './case-store'
import { listDepartments, visibleDepartments } from './org'
import { COUNTING, levelRank, levelZh, OPEN, type CardLevel, type CardStatus, type Rule, type RuleKind } from './supervision-model'

/**
 * Cards (预警 / 黄牌 / 红牌) and their lifecycle (domain.md §5.2):
 *
 *   pending (待发, manual rules) ─confirm→ issued ─feedback→ answered
 *        └─dismiss→ dismissed        │  └────appeal───┐      │
 *                                    │                ▼      ▼
 *                                    │            appealed ─accept→ revoked
 *                                    │                └─reject→ back (issued / answered)
 *                                    └─order (督办)→ ordered ─feedback→ answered ─close→ closed
 *
 * Every step is one row in card_events. A card counts (scores, the case's highest card) once
 * issued and until revoked. Who: supervisors act on cards of the departments they oversee (their
 * government and below); staff of the card's department give feedback and appeal; anyone else
 * gets 404. Each transition is a conditional UPDATE on (id, version), so two people acting at once
 * cannot both move the same card: the second gets 409.
 */

export interface CardRow {
  id: string
  rule_id: string
  rule_version: number
  rule_name: string
  business_key: string
  subject_kind: string
  subject_id: string
  case_id: string | null
  case_no: string | null
  item_key: string | null
  node: string
  department_id: string
  responsible_user_id: string | null
  kind: RuleKind
  level: CardLevel
  level_rank: number
  mode: 'auto' | 'manual'
  status: CardStatus
  message: string
  source_warning_id: number | null
  issued_at: number | string | null
  issued_by: string | null
  feedback_due_at: number | string | null
  feedback: string | null
  feedback_at: number | string | null
  feedback_by: string | null
  appeal_status: 'none' | 'open' | 'accepted' | 'rejected'
  appeal_reason: string | null
  appeal_decision: string | null
  order_content: string | null
  order_due_day: string | null
  order_due_at: number | string | null
  ordered_at: number | string | null
  closed_at: number | string | null
  close_note: string | null
  created_at: number | string
  updated_at: number | string
  version: number
}

const num = (v: number | string | null) => (v === null || v === undefined ? null : Number(v))

export function cardView(r: CardRow, names?: Map<string, string>) {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    ruleName: r.rule_name,
    kind: r.kind,
    level: r.level,
    levelZh: levelZh[r.level],
    status: r.status,
    mode: r.mode,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    caseId: r.case_id,
    caseNo: r.case_no,
    itemKey: r.item_key,
    departmentId: r.department_id,
    departmentName: names?.get(r.department_id) ?? r.department_id,
    node: r.node,
    message: r.message,
    issuedAt: num(r.issued_at),
    feedbackDueAt: num(r.feedback_due_at),
    feedback: r.feedback,
    feedbackAt: num(r.feedback_at),
    appealStatus: r.appeal_status,
    appealReason: r.appeal_reason,
    appealDecision: r.appeal_decision,
    orderContent: r.order_content,
    orderDueDay: r.order_due_day,
    orderedAt: num(r.ordered_at),
    closedAt: num(r.closed_at),
    closeNote: r.close_note,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  }
}

/** A card a rule wants to raise; issueCards writes it unless the same rule version already fired for the business. */
export interface CardDraft {
  rule: Pick<Rule, 'id' | 'version' | 'name' | 'kind' | 'mode' | 'feedbackDays'>
  level: CardLevel
  businessKey: string
  subjectKind: 'case' | 'consultation' | 'complaint' | 'rating' | 'card'
  subjectId: string
  caseId?: string | null
  caseNo?: string | null
  itemKey?: string | null
  node?: string
  departmentId: string
  responsibleUserId?: string | null
  message: string
  sourceWarningId?: number | null
  /** Overrides the rule's mode (a definition's monitoring point says its own). */
  mode?: 'auto' | 'manual'
}

const DAY_MS = 86_400_000
const CHUNK = 400

/**
 * A time-ordered UUID (RFC 9562 version 7: 48-bit Unix ms, then a per-process sequence and random
 * bits): cards written together get increasing ids, so a batch of 100 k appends to the primary-key
 * B-tree instead of writing at random pages (random v4 ids cost SQLite ~5× on a million-row batch).
 */
let lastMs = 0
let seq = 0
export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now
    seq = 0
  } else if (++seq > 0xfff) {
    lastMs++ // more than 4096 in one millisecond: borrow the next one, so ids keep increasing
    seq = 0
  }
  const b = randomBytes(16)
  b.writeUIntBE(lastMs, 0, 6)
  b[6] = 0x70 | (seq >> 8)
  b[7] = seq & 0xff
  b[8] = 0x80 | ((b[8] as number) & 0x3f)
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/**
 * Writes cards in the caller's transaction, at most once per rule × version × business (the
 * unique key; a duplicate is skipped, never an error), logs them, notifies the unit of issued
 * ones and raises the case's highest card. Returns the cards actually written.
 */
export async function issueCards(
  trx: Knex.Transaction | Knex,
  deps: Deps,
  drafts: readonly CardDraft[],
  now = deps.now(),
  actor: { id: string; name: string } = { id: 'system', name: '电子监察' },
): Promise<CardRow[]> {
  if (drafts.length === 0) return []
  // In business-key order with increasing ids: both the unique key and the primary key are appended to.
  const sorted = [...drafts].sort((a, b) => (a.businessKey < b.businessKey ? -1 : a.businessKey > b.businessKey ? 1 : 0))
  const rows: CardRow[] = sorted.map((d) => {
    const mode = d.mode ?? d.rule.mode
    const status: CardStatus = mode === 'manual' ? 'pending' : 'issued'
    return {
      id: uuidv7(Date.now()),
      rule_id: d.rule.id,
      rule_version: d.rule.version,
      rule_name: d.rule.name,
      business_key: d.businessKey,
      subject_kind: d.subjectKind,
      subject_id: d.subjectId,
      case_id: d.caseId ?? null,
      case_no: d.caseNo ?? null,
      item_key: d.itemKey ?? null,
      node: d.node ?? '',
      department_id: d.departmentId,
      responsible_user_id: d.responsibleUserId ?? null,
      kind: d.rule.kind,
      level: d.level,
      level_rank: levelRank[d.level],
      mode,
      status,
      message: d.message,
      source_warning_id: d.sourceWarningId ?? null,
      issued_at: status === 'issued' ? now : null,
      issued_by: status === 'issued' ? actor.id : null,
      feedback_due_at: status === 'issued' ? now + d.rule.feedbackDays * DAY_MS : null,
      feedback: null,
      feedback_at: null,
      feedback_by: null,
      appeal_status: 'none',
      appeal_reason: null,
      appeal_decision: null,
      order_content: null,
      order_due_day: null,
      order_due_at: null,
      ordered_at: null,
      closed_at: null,
      close_note: null,
      created_at: now,
      updated_at: now,
      version: 1,
    }
  })
  // Duplicates inside one call collapse to the first; duplicates of stored cards are ignored by the unique key.
  const seen = new Set<string>()
  const unique = rows.filter((r) => {
    const key = `${r.rule_id}|${r.rule_version}|${r.business_key}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  const written: CardRow[] = []
  for (const part of chunks(unique, 20_000)) {
    const ids = new Set((await insertJson(trx, 'cards', part as unknown as Record<string, unknown>[], { ignoreConflictOn: ['rule_id', 'rule_version', 'business_key'], returning: 'id' })).map((r) => r.id as string))
    written.push(...part.filter((r) => ids.has(r.id)))
  }
  if (written.length === 0) return written
  for (const part of chunks(written, 20_000))
    await insertJson(trx, 'card_events', part.map((c) => ({ card_id: c.id, at: now, actor_id: actor.id, actor_name: actor.name, action: c.status === 'pending' ? 'raised' : 'issued', from_status: null, to_status: c.status, note: c.message })))
  await notifyUnits(trx, written.filter((c) => c.status === 'issued'), 'card', now)
  await raiseCaseLevels(trx, written.filter((c) => c.status === 'issued'))
  return written
}

/** In-app notifications to the users of each card's department (staff and designers of the unit). */
async function notifyUnits(trx: Knex.Transaction | Knex, cards: readonly CardRow[], kind: 'card' | 'order', now: number): Promise<void> {
  if (cards.length === 0) return
  const depts = [...new Set(cards.map((c) => c.department_id))]
  const users = new Map<string, string[]>()
  for (const part of chunks(depts)) {
    const rows = (await trx('users').whereIn('department_id', part).select('id', 'department_id', 'roles')) as { id: string; department_id: string; roles: string }[]
    for (const u of rows) {
      const roles = JSON.parse(u.roles) as string[]
      if (!roles.includes('staff') && !roles.includes('designer')) continue
      users.set(u.department_id, [...(users.get(u.department_id) ?? []), u.id])
    }
  }
  const notes = cards.flatMap((c) =>
    (users.get(c.department_id) ?? []).map((userId) => ({
      user_id: userId,
      kind,
      title: kind === 'order' ? `督办：${c.rule_name}` : `${levelZh[c.level]}：${c.rule_name}`,
      body: kind === 'order' ? `${c.order_content ?? ''}（办理期限：${c.order_due_day ?? ''}）` : c.message,
      card_id: c.id,
      case_id: c.case_id,
      created_at: now,
      read_at: null,
    })),
  )
  for (const part of chunks(notes, 20_000)) await insertJson(trx, 'notifications', part)
}

/** The case's highest card := max(it, the new cards' level) (case_card_levels). */
async function raiseCaseLevels(trx: Knex.Transaction | Knex, cards: readonly CardRow[]): Promise<void> {
  await raiseCardLevels(trx, cards.filter((c) => c.case_id).map((c) => ({ caseId: c.case_id as string, level: c.level })))
}

/** The case's highest card := the highest counting card left (after a revocation). */
async function recomputeCaseLevel(trx: Knex.Transaction | Knex, caseId: string): Promise<void> {
  const top = (await trx('cards').where({ case_id: caseId }).whereIn('status', [...COUNTING]).orderBy('level_rank', 'desc').first('level')) as { level: string } | undefined
  await setCardLevel(trx, caseId, top?.level ?? null)
}

// ── queries ─────────────────────────────────────────────────────────────────────────────────

export interface CardFilters {
  status?: CardStatus | 'open'
  level?: CardLevel
  kind?: RuleKind
  department?: string
  caseId?: string
  ruleId?: string
  page: number
  pageSize: number
}

/** The departments whose cards the user sees: supervisors their government and below, staff their own. */
async function cardScope(deps: Deps, user: User, department?: string): Promise<Set<string> | 'all'> {
  const visible = await visibleDepartments(deps, user)
  if (!department) return visible
  if (visible !== 'all' && !visible.has(department)) return new Set()
  return new Set([department])
}

export function cardQuery(k: Knex, scope: Set<string> | 'all', f: Omit<CardFilters, 'page' | 'pageSize'>) {
  const q = k('cards')
  if (scope !== 'all') q.whereIn('department_id', [...scope])
  if (f.status === 'open') q.whereIn('status', [...OPEN])
  else if (f.status) q.where('status', f.status)
  if (f.level) q.where('level', f.level)
  if (f.kind) q.where('kind', f.kind)
  if (f.caseId) q.where('case_id', f.caseId)
  if (f.ruleId) q.where('rule_id', f.ruleId)
  return q
}

export async function listCards(deps: Deps, user: User, f: CardFilters) {
  const scope = await cardScope(deps, user, f.department)
  const q = cardQuery(deps.db.knex, scope, f)
  const total = Number(((await q.clone().count({ n: '*' }).first()) as { n: number | string }).n)
  const rows = (await q.orderBy('created_at', 'desc').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize)) as CardRow[]
  const names = new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => cardView(r, names)) }
}

async function visibleCard(deps: Deps, user: User, id: string, k: Knex | Knex.Transaction = deps.db.knex, seen?: Set<string> | 'all'): Promise<CardRow> {
  const visible = seen ?? (await visibleDepartments(deps, user))
  const row = (await k('cards').where({ id }).first()) as CardRow | undefined
  if (!row || (visible !== 'all' && !visible.has(row.department_id))) throw new AppError('NOT_FOUND', `no card ${id}`, { cardId: id })
  return row
}

const isSupervisor = (u: User) => u.roles.includes('supervisor') || u.roles.includes('admin')
const isUnitStaff = (u: User, c: CardRow) => u.roles.includes('staff') && u.departmentId === c.department_id

export type CardActionName = 'confirm' | 'dismiss' | 'feedback' | 'appeal' | 'acceptAppeal' | 'rejectAppeal' | 'order' | 'close'
export type CardActionInput = { action: CardActionName; note?: string; dueDay?: string }

/** Which actions the card's state allows, and for whom. */
const TRANSITIONS: Record<CardActionName, { from: readonly CardStatus[]; who: 'supervisor' | 'unit' }> = {
  confirm: { from: ['pending'], who: 'supervisor' },
  dismiss: { from: ['pending'], who: 'supervisor' },
  feedback: { from: ['issued', 'ordered'], who: 'unit' },
  appeal: { from: ['issued', 'answered'], who: 'unit' },
  acceptAppeal: { from: ['appealed'], who: 'supervisor' },
  rejectAppeal: { from: ['appealed'], who: 'supervisor' },
  order: { from: ['issued', 'answered'], who: 'supervisor' },
  close: { from: ['issued', 'answered', 'ordered'], who: 'supervisor' },
}

export function actionsFor(user: User, c: CardRow): CardActionName[] {
  return (Object.keys(TRANSITIONS) as CardActionName[]).filter((a) => {
    const t = TRANSITIONS[a]
    if (!t.from.includes(c.status)) return false
    if (a === 'appeal' && c.appeal_status !== 'none') return false
    return t.who === 'supervisor' ? isSupervisor(user) : isUnitStaff(user, c)
  })
}

export async function cardDetail(deps: Deps, user: User, id: string) {
  const row = await visibleCard(deps, user, id)
  const events = (await deps.db.knex('card_events').where({ card_id: id }).orderBy('id')) as { at: number | string; actor_id: string; actor_name: string; action: string; from_status: string | null; to_status: string; note: string | null }[]
  const names = new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))
  return {
    card: cardView(row, names),
    events: events.map((e) => ({ at: Number(e.at), actorId: e.actor_id, actorName: e.actor_name, action: e.action, from: e.from_status, to: e.to_status, note: e.note })),
    actions: actionsFor(user, row),
  }
}

const ACTION_LOG: Record<CardActionName, string> = {
  confirm: 'confirmed',
  dismiss: 'dismissed',
  feedback: 'feedback',
  appeal: 'appealed',
  acceptAppeal: 'appealAccepted',
  rejectAppeal: 'appealRejected',
  order: 'ordered',
  close: 'closed',
}

/** One lifecycle step; see the module comment for the states and who may take each step. */
export async function cardAction(deps: Deps, user: User, id: string, a: CardActionInput) {
  const now = deps.now()
  const t = TRANSITIONS[a.action]
  const visible = await visibleDepartments(deps, user) // before the transaction: SQLite has one connection
  await deps.db.write(async (trx) => {
    const c = await visibleCard(deps, user, id, trx, visible)
    if (t.who === 'supervisor' && !isSupervisor(user)) throw new AppError('FORBIDDEN', 'only supervisors decide on cards')
    if (t.who === 'unit' && !isUnitStaff(user, c)) throw new AppError('FORBIDDEN', "only staff of the card's department give feedback or appeal", { departmentId: c.department_id })
    if (!t.from.includes(c.status))
      throw new AppError('CONFLICT', `a card that is ${c.status} cannot be ${ACTION_LOG[a.action]}`, { status: c.status, allowedFrom: [...t.from] })
    if (a.action === 'appeal' && c.appeal_status !== 'none') throw new AppError('CONFLICT', 'this card was already appealed once', { appealStatus: c.appeal_status })
    const patch: Record<string, unknown> = {}
    let to: CardStatus = c.status
    switch (a.action) {
      case 'confirm': {
        const rule = (await trx('supervision_rules').where({ id: c.rule_id }).first('feedback_days')) as { feedback_days: number } | undefined
        to = 'issued'
        Object.assign(patch, { issued_at: now, issued_by: user.id, feedback_due_at: now + (rule?.feedback_days ?? 30) * DAY_MS })
        break
      }
      case 'dismiss':
        to = 'dismissed'
        Object.assign(patch, { closed_at: now, close_note: a.note ?? null })
        break
      case 'feedback':
        to = 'answered'
        Object.assign(patch, { feedback: a.note, feedback_at: now, feedback_by: user.id })
        break
      case 'appeal':
        to = 'appealed'
        Object.assign(patch, { appeal_status: 'open', appeal_reason: a.note })
        break
      case 'acceptAppeal':
        to = 'revoked'
        Object.assign(patch, { appeal_status: 'accepted', appeal_decision: a.note, closed_at: now, close_note: a.note })
        break
      case 'rejectAppeal':
        to = c.feedback_at === null ? 'issued' : 'answered'
        Object.assign(patch, { appeal_status: 'rejected', appeal_decision: a.note })
        break
      case 'order': {
        const dueDay = a.dueDay as string
        if (dueDay < deps.calendar.dayOf(now))
          throw new AppError('VALIDATION_FAILED', 'the 督办 deadline is in the past', { issues: [{ path: '/body/dueDay', message: 'today or later' }] })
        to = 'ordered'
        Object.assign(patch, { order_content: a.note, order_due_day: dueDay, order_due_at: deps.calendar.endOfDay(dueDay), ordered_at: now })
        break
      }
      case 'close':
        to = 'closed'
        Object.assign(patch, { closed_at: now, close_note: a.note })
        break
    }
    const n = await trx('cards')
      .where({ id, version: c.version })
      .update({ ...patch, status: to, updated_at: now, version: c.version + 1 })
    if (n === 0) throw new AppError('CONFLICT', 'the card was changed by someone else; reload it', { cardId: id })
    await trx('card_events').insert({ card_id: id, at: now, actor_id: user.id, actor_name: user.name, action: ACTION_LOG[a.action], from_status: c.status, to_status: to, note: a.note ?? null })
    const after = { ...c, ...patch, status: to } as CardRow
    if (a.action === 'confirm') {
      await notifyUnits(trx, [after], 'card', now)
      await raiseCaseLevels(trx, [after])
    }
    if (a.action === 'order') await notifyUnits(trx, [after], 'order', now)
    if (a.action === 'acceptAppeal' && c.case_id) await recomputeCaseLevel(trx, c.case_id)
  })
  return cardDetail(deps, user, id)
}

/** 人工发牌: a supervisor's own card on a case they oversee (rule id `manual`, one per case × level × instant). */
export async function issueManualCard(deps: Deps, user: User, b: { caseId: string; level: CardLevel; message: string; feedbackDays: number }) {
  const row = await findCase(deps.db.knex, { id: b.caseId })
  const visible = await visibleDepartments(deps, user)
  if (!row || (visible !== 'all' && !visible.has(row.department_id))) throw new AppError('NOT_FOUND', `no case ${b.caseId}`, { caseId: b.caseId })
  const now = deps.now()
  const [card] = await deps.db.write((trx) =>
    issueCards(
      trx,
      deps,
      [
        {
          rule: { id: 'manual', version: 1, name: `人工发牌（${levelZh[b.level]}）`, kind: 'flow', mode: 'auto', feedbackDays: b.feedbackDays },
          level: b.level,
          businessKey: `${row.id}|${user.id}|${now}`,
          subjectKind: 'case',
          subjectId: row.id,
          caseId: row.id,
          caseNo: row.case_no,
          itemKey: row.item_key,
          departmentId: row.department_id,
          message: b.message,
        },
      ],
      now,
      { id: user.id, name: user.name },
    ),
  )
  if (!card) throw new AppError('CONFLICT', 'the same card was just issued')
  return cardView(card, new Map((await listDepartments(deps)).map((d) => [d.id, d.name])))
}
