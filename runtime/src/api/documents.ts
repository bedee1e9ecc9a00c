import { http } from './http'

export interface DocumentSummary {
  id: string
  caseId: string
  templateId: string
  kind: string
  kindName: string
  title: string
  docNo: string
  revision: number
  toApplicant: boolean
  issuedAt: number
  issuedBy: string
  status: 'issued' | 'superseded'
}

export interface DocumentTemplateState {
  id: string
  kind: string
  title: string
  node: string
  nodeName: string
  operation: string | null
  post: string | null
  toApplicant: boolean
  /** Whether the act this document records has happened on the case. */
  actDone: boolean
  /** The act happened and the document fits the case's outcome (an approval is not offered after a denial). */
  available: boolean
  issuedDocumentId: string | null
}

/** A case's issued documents and the templates it may issue. */
export function fetchCaseDocuments(caseId: string): Promise<{ documents: DocumentSummary[]; templates: DocumentTemplateState[] }> {
  return http.get(`/api/cases/${encodeURIComponent(caseId)}/documents`)
}

/** Issue (or, with a reason, reissue) a document from a template; the server numbers it. */
export function issueDocument(caseId: string, templateId: string, reissueReason?: string): Promise<DocumentSummary> {
  const body = reissueReason ? { templateId, reissue: true, reason: reissueReason } : { templateId }
  return http.post<DocumentSummary>(`/api/cases/${encodeURIComponent(caseId)}/documents`, body)
}

/** Printable HTML or PDF of an issued document. */
export const documentUrl = (docId: string, format: 'html' | 'pdf') => `/api/documents/${encodeURIComponent(docId)}?format=${format}`
