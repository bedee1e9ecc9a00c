import type { ChartFlow } from '../lib/flow-chart'
import type { CardAction, CardLevel, CardState } from '../modules/supervision/lib/cards'
import type { RuleLike } from '../modules/supervision/lib/rules'
import type { ClockLevel } from './types'


/** The shapes of /api/supervision/* and /api/notifications (server/src/routes/supervision.ts). */

export type { CardAction, CardLevel, CardState }
export type DashboardScope = 'own' | 'government'
export type SubjectType = 'department' | 'window' | 'staff'

export interface DashboardQuery {
  scope?: DashboardScope
  department?: string
  days?: 30 | 90
  itemKey?: string
}

/** A case row of the dashboard's lists: the case summary with its department's name. */
export interface DrillCase {
  id: string
  caseNo: string
  itemKey: string
  itemVersion: number
  departmentId: string
  departmentName: string
  status: string
  level: ClockLevel
  applicantName: string
  /** The highest counting card of the case. */
  cardLevel: CardLevel | null
  createdAt: number
  updatedAt: number
  concludedAt?: number | null
}

/** GET /api/supervision/dashboard (server/src/services/supervision-dashboard.ts). */
export interface Dashboard {
  scope: { kind: DashboardScope; departments: { id: string; name: string; level: string; parentId: string | null }[] }
  now: number
  days: number
  live: { total: number; open: number; byStatus: Record<string, number>; byLevel: Partial<Record<ClockLevel, number>> }
  overdue: { total: number; items: DrillCase[] }
  departments: {
    since: string
    until: string
    rows: { departmentId: string; departmentName: string; created: number; concluded: number; onTime: number; onTimeRate: number | null; early: number; avgDurationDays: number | null; open: number; overdueOpen: number }[]
  }
  trend: { since: string; until: string; days: { day: string; created: number; concluded: number; onTime: number }[] }
  flow: { itemKey: string | null; name: string | null; items: { itemKey: string; completed: number; name?: string }[]; nodes: { node: string; name: string; completed: number; avgWaitHours: number | null; heat: number }[]; flow?: ChartFlow; layout?: Record<string, { x: number; y: number }> }
  cards: { since: string; byLevel: Record<CardLevel, number>; pending: number; open: number; byDepartment: { departmentId: string; departmentName: string; warning: number; yellow: number; red: number }[] }
  interactions: {
    since: string
    ratings: { total: number; bad: number; avgStars: number | null; byDepartment: { departmentId: string; departmentName: string; total: number; bad: number; avgStars: number | null }[] }
    complaints: RequestFigure
    consultations: RequestFigure
  }
}

export interface RequestFigure {
  total: number
  open: number
  overdue: number
  byDepartment: { departmentId: string; departmentName: string; total: number; open: number; overdue: number }[]
}

export interface Page<T> {
  total: number
  page: number
  pageSize: number
  items: T[]
}

export interface Card {
  id: string
  caseId: string | null
  caseNo: string | null
  itemKey: string | null
  /** Not sent by the server today: the UI shows the item key when absent. */
  itemName?: string | null
  departmentId: string
  departmentName: string
  ruleId: string | null
  ruleName: string | null
  kind: string
  level: CardLevel
  status: CardState
  mode: 'auto' | 'manual'
  message: string
  issuedAt: number | null
  createdAt: number
  updatedAt?: number
  feedbackDueAt: number | null
  feedback?: string | null
  feedbackAt?: number | null
  appealStatus?: 'none' | 'open' | 'accepted' | 'rejected'
  appealReason?: string | null
  appealDecision?: string | null
  orderContent?: string | null
  orderDueDay: string | null
  orderedAt?: number | null
  closedAt?: number | null
  closeNote?: string | null
  node?: string | null
  levelZh?: string
}

export interface CardEvent {
  at: number
  action: string
  actorId: string | null
  actorName: string | null
  from?: string | null
  to?: string | null
  note: string | null
}

export interface CardDetail {
  card: Card
  events: CardEvent[]
  /** The server's names: confirm, dismiss, feedback, appeal, acceptAppeal, rejectAppeal, order, close. */
  actions: string[]
}

export interface CardQuery {
  status?: CardState | 'open'
  level?: CardLevel
  kind?: string
  department?: string
  caseId?: string
  ruleId?: string
  page?: number
  pageSize?: number
}

export interface AppNotification {
  id: number
  kind: string
  title: string
  body: string
  cardId: string | null
  caseId: string | null
  createdAt: number
  readAt: number | null
}

export interface NotificationList {
  total: number
  unread: number
  items: AppNotification[]
}

export interface ScoreRow {
  subjectId: string
  subjectName: string
  departmentId: string | null
  /** null when the formula could not be evaluated (`error` says why). */
  score: number | null
  error?: string
  components: Record<string, number>
  adjustments: { points: number; reason: string; source?: string; by?: string; at: number }[]
}

export interface ScoreSheet {
  period: string
  subject: SubjectType
  published?: boolean
  publishedAt?: number
  formula?: { fromPeriod?: string; expression: string; source: string; params?: Record<string, number> }
  rows: ScoreRow[]
}

export interface ScoreAppeal {
  id: string
  period: string
  subjectType: SubjectType
  subjectId: string
  departmentId?: string
  reason: string
  status: 'open' | 'accepted' | 'rejected'
  decision?: string | null
  points?: number | null
  createdAt: number
}

export type Rule = RuleLike & { version?: number; updatedAt?: number | null; updatedBy?: string | null }
