import type { StaffCommandInput } from '../lib/operations'
import { http } from './http'
import type { ApplicationInput, CaseDetail, CaseFile, CaseList, CommandResult, ClockLevel, Receipt } from './types'

export interface CaseListQuery {
  view: 'todo' | 'done' | 'watched' | 'all'
  status?: string
  itemKey?: string
  level?: ClockLevel | ''
  q?: string
  page?: number
  pageSize?: number
}

/** Todo / done / all cases visible to the signed-in user. */
export function fetchCases(query: CaseListQuery): Promise<CaseList> {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v))
  return http.get<CaseList>(`/api/cases?${params.toString()}`)
}

/** A case page: state, timeline, clocks, chain check and the user's actions. */
export function fetchCase(id: string): Promise<CaseDetail> {
  return http.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`)
}

/**
 * One operation with optimistic concurrency (`expectedVersion`) and an idempotency key, so a
 * retried click never applies twice.
 */
export function runCommand(id: string, expectedVersion: number, command: StaffCommandInput, idempotencyKey: string): Promise<CommandResult> {
  return http.post<CommandResult>(`/api/cases/${encodeURIComponent(id)}/commands`, { expectedVersion, command }, { 'idempotency-key': idempotencyKey })
}

/** Follows (关注) or stops following a case: it joins or leaves the user's watched list. */
export function setWatched(id: string, watched: boolean): Promise<{ caseId: string; watched: boolean }> {
  const path = `/api/cases/${encodeURIComponent(id)}/watch`
  return watched ? http.put(path) : http.delete(path)
}

/** Window acceptance: staff enter an application for a walk-in applicant. */
export function submitAtWindow(input: ApplicationInput): Promise<Receipt> {
  return http.post<Receipt>('/api/cases', input)
}

/** The uploaded files a case's materials name. */
export function fetchCaseFiles(caseId: string): Promise<CaseFile[]> {
  return http.get<CaseFile[]>(`/api/files?caseId=${encodeURIComponent(caseId)}`)
}

/** Where staff download a material file. */
export const fileUrl = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}`

export interface Colleague {
  id: string
  name: string
  posts: string[]
  self: boolean
}

/** Staff of the signed-in user's department holding a post (移交 picks from them). */
export async function fetchColleagues(post?: string): Promise<Colleague[]> {
  return (await http.get<{ colleagues: Colleague[] }>(`/api/colleagues${post ? `?post=${encodeURIComponent(post)}` : ''}`)).colleagues
}

/** The whole 案卷 as one PDF, made on the server (cover, materials, opinions, documents). */
export const caseFileUrl = (id: string) => `/api/cases/${encodeURIComponent(id)}/file.pdf`
