import { defaultDictionaries, dictionaryLabel } from '@sunlight/definition'
import type { Knex } from 'knex'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { missingGlyphs, renderPdf } from './document-pdf'
import { withBanner, type DocumentContent } from './document-render'

export interface DocumentRow {
  id: string
  case_id: string
  item_key: string
  item_version: number
  template_id: string
  kind: string
  title: string
  doc_no: string
  department_id: string
  year: number
  seq: number
  event_seq: number
  revision: number
  to_applicant: boolean | number
  issued_at: number | string
  issued_by: string
  issued_by_name: string
  content: string
  html: string
  pdf: Buffer | null
  superseded_by: string | null
  superseded_at: number | string | null
  reissue_reason: string | null
}

/** Every column but the bytes (lists never load PDFs or HTML). */
export const SUMMARY_COLUMNS = ['id', 'case_id', 'item_key', 'item_version', 'template_id', 'kind', 'title', 'doc_no', 'department_id', 'year', 'seq', 'event_seq', 'revision', 'to_applicant', 'issued_at', 'issued_by', 'issued_by_name', 'content', 'superseded_by', 'superseded_at', 'reissue_reason'] as const

export type SummaryRow = Omit<DocumentRow, 'html' | 'pdf'>

export const contentOf = (r: Pick<DocumentRow, 'content'>) => JSON.parse(r.content) as DocumentContent

/** A document as the API shows it, without its bytes. */
export function documentSummary(r: SummaryRow) {
  return {
    id: r.id,
    caseId: r.case_id,
    templateId: r.template_id,
    kind: r.kind,
    kindName: dictionaryLabel(defaultDictionaries.documentKind, r.kind) ?? r.kind,
    title: r.title,
    docNo: r.doc_no,
    departmentId: r.department_id,
    year: Number(r.year),
    seq: Number(r.seq),
    eventSeq: Number(r.event_seq),
    revision: Number(r.revision),
    toApplicant: Boolean(r.to_applicant),
    issuedAt: Number(r.issued_at),
    issuedBy: r.issued_by_name,
    status: r.superseded_by ? ('superseded' as const) : ('issued' as const),
    supersededBy: r.superseded_by,
    supersededAt: r.superseded_at === null ? null : Number(r.superseded_at),
    reissueReason: r.reissue_reason,
    /** Characters the PDF font lacks; the PDF shows 〓 for each (the HTML shows them as written). */
    missingGlyphs: missingGlyphs(contentOf(r)).join(''),
  }
}

export async function findDocument(k: Knex, id: string): Promise<DocumentRow | undefined> {
  return (await k('documents').where({ id }).first()) as DocumentRow | undefined
}

/**
 * The PDF bytes: stored once, right after the issuing transaction; if that render failed or was
 * interrupted, rendered now from the frozen content and stored (only if still empty: never replaced).
 */
export async function pdfOf(deps: Deps, row: DocumentRow): Promise<Buffer> {
  if (row.pdf && row.pdf.length > 0) return Buffer.from(row.pdf)
  const bytes = await renderPdf(contentOf(row), Number(row.issued_at))
  await deps.db.knex('documents').where({ id: row.id }).whereNull('pdf').update({ pdf: bytes })
  const stored = (await deps.db.knex('documents').where({ id: row.id }).first('pdf')) as { pdf: Buffer | null } | undefined
  return stored?.pdf ? Buffer.from(stored.pdf) : bytes
}

/** The stored HTML page; a superseded document carries a notice naming its replacement. */
export async function htmlOf(deps: Deps, row: DocumentRow): Promise<string> {
  if (!row.superseded_by) return row.html
  const next = (await deps.db.knex('documents').where({ id: row.superseded_by }).first('doc_no')) as { doc_no: string } | undefined
  return withBanner(row.html, `本文书已被重新制发的 ${next?.doc_no ?? ''} 替代，仅供查阅。`)
}

export type DocumentFormat = 'json' | 'html' | 'pdf'

/** Sets the Koa response for one document in the asked format. */
export async function sendDocument(deps: Deps, koa: import('koa').Context, row: DocumentRow, format: DocumentFormat): Promise<unknown> {
  koa.set('Cache-Control', 'private, no-store')
  if (format === 'json') return documentSummary(row)
  const name = encodeURIComponent(`${row.title}-${row.doc_no}.${format}`)
  if (format === 'html') {
    koa.type = 'text/html; charset=utf-8'
    koa.set('Content-Disposition', `inline; filename*=UTF-8''${name}`)
    koa.body = await htmlOf(deps, row)
    return undefined
  }
  koa.type = 'application/pdf'
  koa.set('Content-Disposition', `inline; filename*=UTF-8''${name}`)
  koa.body = await pdfOf(deps, row)
  return undefined
}

export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `no document ${id}`, { documentId: id })
}
