import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { eventsOf, findCase, stateOf } from '../services/case-store'
import { definitionAt } from '../services/items-store'
import { publicView } from '../services/case-queries'
import { applicantSupplement, caseByNumberAndCode, submitApplication } from '../services/cases'
import { applicantSchema } from '../services/commands'
import { myCases, signUp } from '../services/applicants'
import { AppError } from '../errors'
import { SESSION_COOKIE } from '../middleware/session'

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
      handler: ({ body, principal }) =>
        submitApplication(deps, body, undefined, principal.kind === 'user' && principal.user.roles.includes('applicant') ? principal.user : undefined),
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
    defineRoute({
      method: 'post',
      path: '/api/hall/signup',
      summary: 'Create an applicant account (optional: applying needs none) and sign in',
      tag: 'hall',
      access: 'public',
      status: 201,
      body: z
        .object({
          username: z.string().regex(/^[A-Za-z0-9_.-]{4,32}$/, '4–32 letters, digits, _ . -'),
          password: z.string().min(1).max(128),
          name: z.string().trim().min(1).max(100),
          phone: z.string().regex(/^1[3-9]\d{9}$/, 'a mobile number').optional(),
        })
        .strict(),
      async handler({ body, koa }) {
        const { token, csrf, user } = await signUp(deps, body, koa.ip)
        koa.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: deps.config.secureCookies, maxAge: deps.config.sessionAbsoluteMs, path: '/' })
        return { user, csrfToken: csrf }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/hall/my-cases',
      summary: "The signed-in applicant's own cases",
      tag: 'hall',
      access: ['applicant'],
      handler: ({ user }) => myCases(deps, user),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hall/my-cases/:caseNo',
      summary: "One of the signed-in applicant's cases, as the hall shows it",
      tag: 'hall',
      access: ['applicant'],
      params: z.object({ caseNo: lookup.caseNo }),
      async handler({ user, params }) {
        const row = await findCase(deps.db.knex, { case_no: params.caseNo })
        if (!row || (row as { applicant_user_id?: string | null }).applicant_user_id !== user.id) throw new AppError('NOT_FOUND', 'no such case of yours')
        const def = await definitionAt(deps, row.item_key, row.item_version)
        return publicView(def, row, stateOf(row), await eventsOf(deps.db.knex, row.id), deps)
      },
    }),
  ]
}
