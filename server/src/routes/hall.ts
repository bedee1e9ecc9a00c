import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { eventsOf } from '../services/case-store'
import { publicView } from '../services/case-queries'
import { applicantSupplement, caseByNumberAndCode, submitApplication } from '../services/cases'
import { applicantSchema } from '../services/commands'

const materials = z.record(z.string().max(64), z.object({ provided: z.boolean(), files: z.array(z.object({ name: z.string().min(1).max(200), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict()).max(20).optional() }).strict())
const lookup = { caseNo: z.string().regex(/^SL\d{14}$/, 'a case number such as SL20260302000001'), queryCode: z.string().regex(/^\d{6}$/, 'the 6-digit query password') }

/** The public hall: apply without an account, track with case number + query password, supplement. */
export function hallRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/hall/applications',
      summary: 'Apply online; returns the case number and the query password (shown once)',
      tag: 'hall',
      access: 'public',
      status: 201,
      body: z.object({ itemKey: z.string().max(80), applicant: applicantSchema, form: z.record(z.string().max(64), z.unknown()), materials }).strict(),
      handler: ({ body }) => submitApplication(deps, body, undefined),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hall/track',
      summary: 'Status and public timeline of a case (rate-limited; the password travels in the body, never in a URL)',
      tag: 'hall',
      access: 'public',
      body: z.object(lookup).strict(),
      async handler({ body, koa }) {
        const { row, def, state } = await caseByNumberAndCode(deps, body.caseNo, body.queryCode, koa.ip)
        return publicView(def, row, state, await eventsOf(deps.db.knex, row.id), deps)
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/hall/supplement',
      summary: 'Supply the materials a 补正 notice asked for',
      tag: 'hall',
      access: 'public',
      body: z.object({ ...lookup, materials }).strict(),
      handler: ({ body, koa }) => applicantSupplement(deps, body.caseNo, body.queryCode, body.materials, koa.ip),
    }),
  ]
}
