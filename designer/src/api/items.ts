import { http } from './http'
import type { CatalogEntry, CreateItemInput, DepartmentNode, ItemDetail, ItemDiff, ItemStatus, ItemSummary, SubmitInput, VersionFull } from './types'

const enc = encodeURIComponent

export interface ItemQuery {
  status?: ItemStatus
  department?: string
  q?: string
}

function query(params: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== '')
  return pairs.length ? '?' + pairs.map(([k, v]) => `${enc(k)}=${enc(String(v))}`).join('&') : ''
}

export const listItems = (q: ItemQuery = {}) => http.get<{ items: ItemSummary[] }>(`/api/items${query({ ...q })}`)
export const getItem = (key: string) => http.get<ItemDetail>(`/api/items/${enc(key)}`)
export const getVersion = (key: string, version: number) => http.get<VersionFull>(`/api/items/${enc(key)}/versions/${version}`)
export const createItem = (input: CreateItemInput) => http.post<{ item: ItemSummary; draft: VersionFull }>('/api/items', input)
export const openDraft = (key: string) => http.post<VersionFull>(`/api/items/${enc(key)}/draft`)
export const saveDraft = (key: string, definition: Record<string, unknown>) => http.put<VersionFull>(`/api/items/${enc(key)}/draft`, { definition })
export const discardDraft = (key: string) => http.delete<{ key: string; discardedVersion: number; itemRemoved: boolean }>(`/api/items/${enc(key)}/draft`)
export const submitItem = (key: string, input: SubmitInput) => http.post<{ item: ItemSummary; version: VersionFull }>(`/api/items/${enc(key)}/submit`, input)
export const itemDiff = (key: string, from?: number, to?: number) => http.get<ItemDiff>(`/api/items/${enc(key)}/diff${query({ from, to })}`)
/** The public catalog: published items of every department (the templates to start from). */
export const listCatalog = () => http.get<{ items: CatalogEntry[] }>('/api/catalog')
/** The departments the user may act on, as a tree (pickers). */
export const listDepartments = () => http.get<{ departments: DepartmentNode[] }>('/api/departments')
/** A document template of the draft rendered with sample data, as a PDF (nothing is issued). */
export const previewDocumentPdf = (key: string, templateId: string, body: { form: Record<string, unknown>; case: Record<string, string | number> }) =>
  http.postForBlob(`/api/items/${enc(key)}/draft/documents/${enc(templateId)}/preview`, { ...body, format: 'pdf' })
