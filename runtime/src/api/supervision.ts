import { http } from './http'
import type { Card, CardDetail, CardQuery, Dashboard, DashboardQuery, DrillCase, NotificationList, Page, Rule, ScoreAppeal, ScoreSheet, SubjectType } from './supervision-types'

/** The supervision platform's calls (server/src/routes/supervision.ts); the only place its URLs are written. */

const qs = (q: object) => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}
const enc = encodeURIComponent

export const fetchDashboard = (q: DashboardQuery) => http.get<Dashboard>(`/api/supervision/dashboard${qs(q)}`)

/** The server's drill-down filters (a figure's dimensions). */
export interface CaseFilterQuery extends DashboardQuery {
  status?: string
  level?: string
  cardLevel?: string
  itemKey?: string
  node?: string
  createdDay?: string
  concludedDay?: string
  onTime?: 'true' | 'false'
  satisfaction?: number
  page?: number
  pageSize?: number
}

export const fetchDrillCases = (q: CaseFilterQuery) => http.get<Page<DrillCase>>(`/api/supervision/dashboard/cases${qs(q)}`)

/** Where a figure, list, the cards or the scores download as CSV or XLSX (a plain link: the browser keeps the cookie). */
export const exportUrl = (what: string, format: 'csv' | 'xlsx', q: object = {}) => `/api/supervision/export${qs({ what, format, ...q })}`

export const fetchCards = (q: CardQuery) => http.get<Page<Card>>(`/api/supervision/cards${qs(q)}`)
export const fetchCard = (id: string) => http.get<CardDetail>(`/api/supervision/cards/${enc(id)}`)

export type CardCommand =
  | { action: 'confirm'; note?: string }
  | { action: 'dismiss'; reason: string }
  | { action: 'feedback'; content: string }
  | { action: 'appeal'; reason: string }
  | { action: 'decideAppeal'; accept: boolean; reason: string }
  | { action: 'order'; content: string; dueDay: string }
  | { action: 'close'; note: string }

const PATHS = { confirm: 'confirm', dismiss: 'dismiss', feedback: 'feedback', appeal: 'appeal', decideAppeal: 'appeal-decision', order: 'order', close: 'close' } as const

/** One step of a card's lifecycle. */
export function runCardCommand(id: string, command: CardCommand): Promise<unknown> {
  const { action, ...body } = command
  return http.post(`/api/supervision/cards/${enc(id)}/${PATHS[action]}`, body)
}

export const issueManualCard = (body: { caseId: string; level: string; message: string; feedbackDays?: number }) => http.post<Card>('/api/supervision/cards', body)

export const fetchNotifications = (q: { unread?: boolean; page?: number; pageSize?: number } = {}) => http.get<NotificationList>(`/api/notifications${qs(q)}`)
export const markNotificationRead = (id: number) => http.post(`/api/notifications/${id}/read`)

export const fetchScores = (q: { period: string; subject: SubjectType; department?: string }) => http.get<ScoreSheet>(`/api/supervision/scores${qs(q)}`)
export const addScoreAdjustment = (body: { period: string; subjectType: SubjectType; subjectId: string; points: number; reason: string }) => http.post('/api/supervision/scores/adjustments', body)
export const fetchScoreAppeals = (q: { period?: string; status?: 'open' | 'accepted' | 'rejected' } = {}) => http.get<ScoreAppeal[] | { items: ScoreAppeal[] }>(`/api/supervision/scores/appeals${qs(q)}`)
export const fileScoreAppeal = (body: { period: string; subjectType: SubjectType; subjectId: string; reason: string }) => http.post('/api/supervision/scores/appeals', body)
export const decideScoreAppeal = (id: string, body: { accept: boolean; reason: string; points?: number }) => http.post(`/api/supervision/scores/appeals/${enc(id)}/decision`, body)
export const publishScores = (body: { period: string; subjectType: SubjectType; published: boolean }) => http.post('/api/supervision/scores/publish', body)
export const fetchPublishedScores = (q: { period?: string; subject?: SubjectType }) => http.get<ScoreSheet | { periods: string[] }>(`/api/hall/scores${qs(q)}`)

export const fetchRules = () => http.get<{ rules: Rule[]; placeholders?: string[] }>('/api/supervision/rules')
export const saveRules = (rules: Rule[]) => http.put<{ rules: Rule[] }>('/api/supervision/rules', { rules })

/** One rating as GET /api/ratings lists it. */
export interface RatingRow {
  id: string
  caseId: string
  caseNo: string
  itemKey: string
  departmentId: string
  department: string | null
  stars: number
  bad: boolean
  comment: string | null
  channel: string
  ratedAt: number
  followUp: { status?: string } | null
}

/** One complaint as GET /api/complaints lists it. */
export interface ComplaintRow {
  id: string
  no: string
  title: string
  category: string | null
  departmentId: string
  department: string | null
  status: string
  submittedAt: number
  dueAt: number
  dueDay: string
  overdue?: boolean
  targetCaseNo: string | null
}

export const fetchRatings = (q: { bad?: boolean; page?: number; pageSize?: number }) => http.get<Page<RatingRow>>(`/api/ratings${qs(q)}`)
export const fetchComplaints = (q: { overdue?: boolean; page?: number; pageSize?: number }) => http.get<Page<ComplaintRow>>(`/api/complaints${qs(q)}`)
