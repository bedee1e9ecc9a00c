import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { applicantDocuments, documentByToken, TOKEN_PATTERN } from '../services/document-links'
import { sendDocument } from '../services/document-store'
import { caseDocuments, documentForUser, issueDocument } from '../services/documents'

const caseId = z.object({ id: z.string().uuid('a case id') })
const docId = z.object({ docId: z.string().uuid('a document id') })
const format = z.enum(['json', 'html', 'pdf'])
const lookup = { caseNo: z.string().regex(/^SL\d{14}$/, 'a case number such as SL20260302000001'), queryCode: z.string().regex(/^\d{6}$/, 'the 6-digit query password') }

const issueBody = z
  .object({
    templateId: z.string().min(1).max(64),
    reissue: z.boolean().default(false),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.reissue && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reissue needs a reason (why the issued document is replaced)' })
    if (!b.reissue && b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reason is only given with reissue: true' })
  })

/**
 * Legal documents (法律文书): issued by staff from the definition's templates, read by staff of the
 * department and supervisors above as JSON, printable HTML or PDF; the applicant downloads the
 * documents meant for them with the case number + query password, through short-lived links.
 */
export function documentRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/cases/:id/documents',
      summary: 'Issue a document from a template of the case\'s definition version (number from the gap-free counter); reissue: true + reason replaces the current one',
      tag: 'documents',
      access: ['staff'],
      status: 201,
      params: caseId,
      body: issueBody,
      handler: ({ user, params, body }) => issueDocument(deps, user, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:id/documents',
      summary: 'A case\'s issued documents and its templates (which act each records, whether it happened, which is issued)',
      tag: 'documents',
      access: ['staff', 'supervisor', 'admin'],
      params: caseId,
      handler: ({ user, params }) => caseDocuments(deps, user, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:docId',
      summary: 'One document: ?format=json (default), html (printable A4 page) or pdf',
      tag: 'documents',
      access: ['staff', 'supervisor', 'admin'],
      params: docId,
      query: z.object({ format: format.default('json') }),
      async handler({ user, params, query, koa }) {
        return sendDocument(deps, koa, await documentForUser(deps, user, params.docId), query.format)
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/hall/documents',
      summary: 'The applicant\'s documents of a case, with download links valid for 10 minutes (case number + query password in the body, rate-limited)',
      tag: 'hall',
      access: 'public',
      body: z.object(lookup).strict(),
      handler: ({ body, koa }) => applicantDocuments(deps, body.caseNo, body.queryCode, koa.ip),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hall/documents/file',
      summary: 'Download one of the applicant\'s documents with a link from POST /api/hall/documents',
      tag: 'hall',
      access: 'public',
      query: z.object({ token: z.string().regex(TOKEN_PATTERN, 'a download token from POST /api/hall/documents'), format: z.enum(['html', 'pdf']).default('pdf') }),
      async handler({ query, koa }) {
        return sendDocument(deps, koa, await documentByToken(deps, query.token), query.format)
      },
    }),
  ]
}
