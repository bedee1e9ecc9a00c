/**
 * The card lifecycle as the screens see it (issue 7 §2; domain.md §5.2 DZJC): a card is issued
 * (automatically, or held as 待发 until a supervisor confirms it) → the unit gives feedback by a
 * deadline (default 30 days) → may appeal → the supervisor accepts or rejects the appeal → may
 * order 督办 with a deadline → closes. The server decides; this only says which buttons to show
 * when the server does not list them, and how states and deadlines read. States and actions follow
 * server/src/services/supervision-model.ts and routes/supervision.ts.
 */

export type CardLevel = 'warning' | 'yellow' | 'red'
/** The server's card statuses (server/src/services/supervision-model.ts): revoked = appeal accepted, dismissed = a 待发 card not confirmed. */
export type CardState = 'pending' | 'issued' | 'answered' | 'appealed' | 'revoked' | 'ordered' | 'closed' | 'dismissed'
export type CardAction = 'confirm' | 'dismiss' | 'feedback' | 'appeal' | 'decideAppeal' | 'order' | 'close'
const ACTIONS: readonly CardAction[] = ['confirm', 'dismiss', 'feedback', 'appeal', 'decideAppeal', 'order', 'close']

export const CARD_LEVEL_RANK: Record<CardLevel, number> = { warning: 1, yellow: 2, red: 3 }
export const CARD_STATES: readonly CardState[] = ['pending', 'issued', 'answered', 'appealed', 'revoked', 'ordered', 'closed', 'dismissed']

export interface CardLike {
  level: CardLevel
  status: CardState
  departmentId: string
  feedbackDueAt?: number | null
  orderDueAt?: number | null
  /** What the server says the caller may do, when it says. */
  actions?: readonly string[]
}

export interface Viewer {
  roles: readonly string[]
  departmentId: string | null
}

const isSupervisor = (u: Viewer) => u.roles.includes('supervisor') || u.roles.includes('admin')
const isUnit = (u: Viewer, c: CardLike) => u.roles.includes('staff') && u.departmentId === c.departmentId

/** The actions to offer on a card: the server's list when given, else the lifecycle's. */
export function cardActions(card: CardLike, viewer: Viewer): CardAction[] {
  if (card.actions) {
    // The server names the two outcomes of an appeal; the screen offers one "decide" form for both.
    const named = card.actions.map((a) => (a === 'acceptAppeal' || a === 'rejectAppeal' ? 'decideAppeal' : a))
    return ACTIONS.filter((a) => named.includes(a))
  }
  const out: CardAction[] = []
  const s = card.status
  if (isSupervisor(viewer)) {
    if (s === 'pending') out.push('confirm', 'dismiss')
    if (s === 'appealed') out.push('decideAppeal')
    if (s === 'issued' || s === 'answered') out.push('order')
    if (s === 'issued' || s === 'answered' || s === 'ordered') out.push('close')
  }
  if (isUnit(viewer, card)) {
    if (s === 'issued' || s === 'ordered') out.push('feedback')
    if (s === 'issued' || s === 'answered') out.push('appeal')
  }
  return out
}

/** Whether a card counts (scores, highest per case): issued and not revoked or dismissed, closed included. */
export const counts = (state: CardState) => ['issued', 'answered', 'appealed', 'ordered', 'closed'].includes(state)

/** Whether someone still has to act on the card. */
export const isOpen = (state: CardState) => ['pending', 'issued', 'answered', 'appealed', 'ordered'].includes(state)

/** The highest counting card of a case (红牌 over 黄牌 over 预警); the newest wins a tie. */
export function highestCard<T extends { level: CardLevel; status: CardState; issuedAt: number }>(cards: readonly T[]): T | undefined {
  let best: T | undefined
  for (const c of cards) {
    if (!counts(c.status)) continue
    if (!best || CARD_LEVEL_RANK[c.level] > CARD_LEVEL_RANK[best.level] || (CARD_LEVEL_RANK[c.level] === CARD_LEVEL_RANK[best.level] && c.issuedAt > best.issuedAt)) best = c
  }
  return best
}

export type DeadlineState = 'none' | 'open' | 'soon' | 'overdue'

/** A response or 督办 deadline against now: overdue, due within 3 days ("soon"), or open. */
export function deadlineState(dueAt: number | null | undefined, now: number): DeadlineState {
  if (dueAt === null || dueAt === undefined) return 'none'
  if (now > dueAt) return 'overdue'
  return dueAt - now <= 3 * 86_400_000 ? 'soon' : 'open'
}

/** The deadline that matters now: the 督办 deadline once ordered, else the feedback deadline while the unit owes feedback. */
export function currentDeadline(card: CardLike): number | null {
  if (card.status === 'ordered') return card.orderDueAt ?? null
  if (card.status === 'issued') return card.feedbackDueAt ?? null
  return null
}

/** What a dialog must carry before it can be sent; returns the i18n keys of what is missing. */
export function actionProblems(action: CardAction, input: { text?: string; deadline?: string; accept?: boolean | null }, today: string): string[] {
  const out: string[] = []
  const text = (input.text ?? '').trim()
  if (['feedback', 'appeal', 'order', 'dismiss', 'close'].includes(action) && text.length < 2) out.push('sv.card.needText')
  if (action === 'decideAppeal') {
    if (input.accept === null || input.accept === undefined) out.push('sv.card.needDecision')
    if (text.length < 2) out.push('sv.card.needText')
  }
  if (action === 'order') {
    if (!input.deadline || !/^\d{4}-\d{2}-\d{2}$/.test(input.deadline)) out.push('sv.card.needDeadline')
    else if (input.deadline <= today) out.push('sv.card.deadlinePast')
  }
  return out
}
