import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { caseFilePdf, receiptPdf } from '../services/case-file'

const lookup = { caseNo: z.string().regex(/^SL\d{14}$/, 'a case number such as SL20260302000001'), queryCode: z.string().regex(/^\d{6}$/, 'the 6-digit query password') }

/** Printable PDFs made on the server: the applicant's receipt and the whole 案卷 for the archive. */
export function caseFileRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/cases/:id/file.pdf',
      summary: '案卷 as one PDF: cover, table of contents, materials list, every step\'s opinion, every issued document',
      tag: 'documents',
      access: ['staff', 'supervisor', 'admin'],
      params: z.object({ id: z.string().uuid('a case id') }),
      async handler({ user, params, koa }) {
        const { caseNo, pdf } = await caseFilePdf(deps, user, params.id)
        koa.set('Cache-Control', 'private, no-store')
        koa.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(`案卷-${caseNo}.pdf`)}`)
        koa.type = 'application/pdf'
        koa.body = pdf
        return undefined
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/hall/receipt',
      summary: 'The applicant\'s receipt as PDF: case number + query password in the body (the password is checked against its hash and printed back, never stored; rate-limited)',
      tag: 'hall',
      access: 'public',
      body: z.object(lookup).strict(),
      async handler({ body, koa }) {
        const pdf = await receiptPdf(deps, body.caseNo, body.queryCode, koa.ip)
        koa.set('Cache-Control', 'no-store')
        koa.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`申请回执-${body.caseNo}.pdf`)}`)
        koa.type = 'application/pdf'
        koa.body = pdf
        return undefined
      },
    }),
  ]
}
