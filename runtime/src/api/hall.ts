import type { MaterialSubmission } from '@sunlight/engine'
import { http, withCsrf } from './http'
import type { ApplicationInput, HallRequestReceipt, HallRequestView, PublicCaseView, RatingView, Receipt } from './types'

export interface CaseLookup {
  caseNo: string
  queryCode: string
}

/** Apply online without an account; the answer carries the case number and the query password (shown once). */
export function submitApplication(input: ApplicationInput): Promise<Receipt> {
  return withCsrf(() => http.post<Receipt>('/api/hall/applications', input))
}

/** Status and public timeline of a case. The password travels in the body, never in a URL. */
export function trackCase(lookup: CaseLookup): Promise<PublicCaseView> {
  return withCsrf(() => http.post<PublicCaseView>('/api/hall/track', lookup))
}

/** 补正 online: supply the materials the notice asked for. */
export function supplementCase(lookup: CaseLookup, materials: Record<string, MaterialSubmission>): Promise<{ caseNo: string; status: string }> {
  return withCsrf(() => http.post('/api/hall/supplement', { ...lookup, materials }))
}

export interface ApplicantDocument {
  id: string
  kind: string
  kindName: string
  title: string
  docNo: string
  issuedAt: number
  pdfUrl: string
  htmlUrl: string
}

/** The documents issued to the applicant, with short-lived download links. */
export function fetchApplicantDocuments(lookup: CaseLookup): Promise<{ caseNo: string; linksExpireAt: number; documents: ApplicantDocument[] }> {
  return withCsrf(() => http.post('/api/hall/documents', lookup))
}

export interface RatingInput extends CaseLookup {
  stars: number
  comment?: string
  channel: 'pc' | 'mobile'
}

/** Rate a concluded case once (一事一评). */
export function rateCase(input: RatingInput): Promise<{ stars: number; bad: boolean; followUp: { status: string; dueDay: string } | null }> {
  return withCsrf(() => http.post('/api/hall/ratings', input))
}

/** The applicant's rating and, for a bad one, its follow-up. */
export function fetchRating(lookup: CaseLookup): Promise<RatingView> {
  return withCsrf(() => http.post<RatingView>('/api/hall/ratings/track', lookup))
}

export interface RequestInput {
  name: string
  phone: string
  title: string
  content: string
  isPublic: boolean
  itemKey?: string
  departmentId?: string
}

export type RequestKind = 'consultations' | 'complaints'

/** Ask (咨询) or complain (投诉) without an account; the answer carries the number and query password. */
export function submitRequest(kind: RequestKind, input: RequestInput & { category?: string; caseNo?: string; targetPerson?: string }): Promise<HallRequestReceipt> {
  return withCsrf(() => http.post<HallRequestReceipt>(`/api/hall/${kind}`, input))
}

/** Status and answer of a consultation or complaint. */
export function trackRequest(kind: RequestKind, no: string, queryCode: string): Promise<HallRequestView> {
  return withCsrf(() => http.post<HallRequestView>(`/api/hall/${kind}/track`, { no, queryCode }))
}

/** The complaint categories (a configurable dictionary). */
export async function fetchComplaintCategories(): Promise<{ code: string; nameZh: string }[]> {
  return (await http.get<{ items: { code: string; nameZh: string }[] }>('/api/hall/complaint-categories')).items
}

/** The receipt (申请回执) as a PDF made on the server from the case number and the query password the applicant holds. */
export function downloadReceipt(lookup: CaseLookup): Promise<Blob> {
  return withCsrf(() => http.postForBlob('/api/hall/receipt', lookup))
}

/** Case figures of one item or department, or of all (GET /api/hall/statistics). */
export interface Figures {
  received: number
  concluded: number
  timed: number
  onTime: number
  /** Concluded cases whose deadline lies beyond the holiday table: left out of the rate and the mean. */
  unknownCalendar: number
  onTimeRate: number | null
  averageWorkdays: number | null
}
export interface Statistics {
  durationUnit: 'workdays'
  asOf: string
  items: (Figures & { itemKey: string; itemName: string; departmentId: string; department: string })[]
  departments: (Figures & { departmentId: string; department: string })[]
}

export function fetchStatistics(filter: { itemKey?: string; departmentId?: string } = {}): Promise<Statistics> {
  const p = new URLSearchParams()
  if (filter.itemKey) p.set('itemKey', filter.itemKey)
  if (filter.departmentId) p.set('departmentId', filter.departmentId)
  const q = p.toString()
  return http.get<Statistics>(`/api/hall/statistics${q ? `?${q}` : ''}`)
}

/** 双公示: a published licensing or penalty decision. */
export interface PublishedDecision {
  id: string
  type: 'licensing' | 'penalty'
  docNo: string
  title: string
  itemKey: string
  itemName: string
  counterpart: string
  counterpartKind: 'legalPerson' | 'naturalPerson'
  creditCode: string | null
  content: string
  department: string
  decidedOn: string
}

export function fetchDecisions(query: { type?: 'licensing' | 'penalty'; itemKey?: string; page?: number; pageSize?: number } = {}): Promise<{ total: number; page: number; pageSize: number; items: PublishedDecision[] }> {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') p.set(k, String(v))
  const q = p.toString()
  return http.get(`/api/hall/decisions${q ? `?${q}` : ''}`)
}
