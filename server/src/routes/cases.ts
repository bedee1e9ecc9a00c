import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { caseDetail, listCases, setWatched } from '../services/case-queries'
import { runCommand, submitApplication } from '../services/cases'
import { applicantSchema, staffCommandSchema } from '../services/commands'

const caseId = z.object({ id: z.string().uuid('a case id') })
const materials = z.record(z.string().max(64), z.object({ provided: z.boolean(), originalChecked: z.boolean().optional(), files: z.array(z.object({ name: z.string().min(1).max(200), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict()).max(20).optional() }).strict())

/** The staff workbench API: lists, case pages, window acceptance and every engine operation. */
export function caseRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/cases',
      summary: 'Todo / done / all cases visible to the user, with filters and paging',
      tag: 'cases',
      access: ['staff', 'supervisor', 'admin'],
      query: z.object({
        view: z.enum(['todo', 'done', 'watched', 'all']).default('todo'),
        status: z.enum(['submitted', 'awaitingSupplement', 'handling', 'paused', 'concluded']).optional(),
        itemKey: z.string().max(80).optional(),
        level: z.enum(['normal', 'warning', 'yellow', 'red']).optional(),
        q: z.string().max(100).optional(),
        page: z.coerce.number().int().min(1).max(100000).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(20),
      }),
      handler: ({ user, query }) => listCases(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:id',
      summary: 'A case: state, timeline, clocks, chain verification and the actions open to the user',
      tag: 'cases',
      access: ['staff', 'supervisor', 'admin'],
      params: caseId,
      handler: ({ user, params }) => caseDetail(deps, user, params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/cases/:id/watch',
      summary: 'Follow (关注) a case: it joins the user\'s watched list',
      tag: 'cases',
      access: ['staff', 'supervisor'],
      params: caseId,
      handler: ({ user, params }) => setWatched(deps, user, params.id, true),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/cases/:id/watch',
      summary: 'Stop following a case',
      tag: 'cases',
      access: ['staff', 'supervisor'],
      params: caseId,
      handler: ({ user, params }) => setWatched(deps, user, params.id, false),
    }),
    defineRoute({
      method: 'post',
      path: '/api/cases',
      summary: 'Window acceptance: staff enter an application for a walk-in applicant',
      tag: 'cases',
      access: ['staff'],
      status: 201,
      body: z.object({ itemKey: z.string().max(80), applicant: applicantSchema, form: z.record(z.string().max(64), z.unknown()), materials }).strict(),
      handler: ({ user, body }) => submitApplication(deps, body, user),
    }),
    defineRoute({
      method: 'post',
      path: '/api/cases/:id/commands',
      summary: 'Apply one operation (accept, complete, return, suspend…) with optimistic concurrency; header Idempotency-Key makes retries safe',
      tag: 'cases',
      access: ['staff'],
      params: caseId,
      body: z.object({ expectedVersion: z.number().int().min(1), command: staffCommandSchema }).strict(),
      handler: ({ user, params, body, koa }) => {
        const key = koa.get('idempotency-key')
        return runCommand(deps, user, params.id, body.command, body.expectedVersion, key && /^[A-Za-z0-9._:-]{8,100}$/.test(key) ? key : undefined)
      },
    }),
  ]
}
