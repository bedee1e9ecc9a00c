import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { previewDraftDocument } from '../services/document-preview'

const params = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'an item key (kebab-case, 2–80 characters)'),
    templateId: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a document template id'),
  })
  .strict()

/** Sample values are plain JSON, bounded: ≤ 200 fields, ≤ 64 kB. */
const sampleForm = z
  .record(z.string().max(100), z.unknown())
  .refine((o) => Object.keys(o).length <= 200, 'at most 200 fields')
  .refine((o) => JSON.stringify(o).length <= 65_536, 'at most 64 kB of sample data')
const sampleCase = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'a case fact name'), z.union([z.string().max(2000), z.number()])).refine((o) => Object.keys(o).length <= 100, 'at most 100 facts')

/** The designer's previews of a draft: a document template rendered with sample data. */
export function itemPreviewRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/items/:key/draft/documents/:templateId/preview',
      summary: 'A document template of the version in progress rendered with sample data, as PDF (default) or HTML, under a 样稿 banner; nothing is issued or numbered',
      tag: 'items',
      access: ['designer', 'reviewer', 'admin'],
      params,
      body: z.object({ form: sampleForm.default({}), case: sampleCase.default({}), format: z.enum(['pdf', 'html']).default('pdf') }).strict(),
      async handler({ user, params: p, body, koa }) {
        const out = await previewDraftDocument(deps, user, p.key, p.templateId, body)
        koa.set('Cache-Control', 'private, no-store')
        koa.set('Content-Disposition', out.disposition)
        koa.set('X-Item-Version', String(out.version))
        koa.type = out.type
        koa.body = out.body
        return undefined
      },
    }),
  ]
}
