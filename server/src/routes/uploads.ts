import { z } from 'zod'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { defineRoute, type RouteSpec } from '../route-table'
import { caseFiles, contentDisposition, downloadName, fileFor, precheck, storeUpload } from '../services/uploads'

const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the download token returned by the upload')

/**
 * Uploads: the raw request body is the file (Content-Type = its type or application/octet-stream,
 * X-File-Name = its name, URL-encoded). Rules in services/uploads.ts. Downloads are attachments,
 * streamed from the store, for the uploader (token) and for staff who see a case naming the file.
 */
export function uploadRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/uploads',
      summary: 'Upload one file as the raw body (PDF, PNG, JPEG; ≤ maxUploadBytes); returns { fileId, sha256, size, mime, downloadToken }',
      tag: 'files',
      access: 'public',
      status: 201,
      async handler({ principal, koa }) {
        const user = principal.kind === 'user' ? principal.user : undefined
        try {
          const meta = precheck(
            deps,
            { name: koa.get('x-file-name') || undefined, type: koa.get('content-type'), length: koa.request.length, encoding: koa.get('content-encoding') || undefined, ip: koa.ip },
            user,
          )
          return await storeUpload(deps, koa.req, meta, user)
        } catch (e) {
          // Refused uploads are security-relevant (ASVS 7.1.3): who, from where, why (structured, so no log injection).
          if (e instanceof AppError) deps.logger.warn({ requestId: koa.state.requestId, ip: koa.ip, user: user?.id ?? 'public', code: e.code, reason: e.message }, 'upload refused')
          throw e
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/files',
      summary: "The files a case's materials name, with their ids for download",
      tag: 'files',
      access: ['staff', 'supervisor', 'admin'],
      query: z.object({ caseId: z.string().uuid('a case id') }).strict(),
      handler: ({ user, query }) => caseFiles(deps, user, query.caseId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/files/:id',
      summary: 'Download a file as an attachment: the uploader with ?token= or header X-File-Token, or staff who see a case naming it',
      tag: 'files',
      access: 'public',
      params: z.object({ id: z.string().uuid('a file id') }),
      query: z.object({ token: token.optional() }).strict(),
      async handler({ principal, params, query, koa }) {
        const header = koa.get('x-file-token')
        const given = query.token ?? (header ? token.safeParse(header).data : undefined)
        const { row, stream } = await fileFor(deps, params.id, principal.kind === 'user' ? principal.user : undefined, given)
        koa.type = row.mime
        koa.set('Content-Disposition', contentDisposition(downloadName(row.original_name, row.mime)))
        koa.set('Cache-Control', 'private, no-store')
        koa.set('Content-Security-Policy', "default-src 'none'; sandbox")
        koa.body = stream
        koa.length = Number(row.size)
        return undefined
      },
    }),
  ]
}
