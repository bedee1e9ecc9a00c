import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { complaintCategories, hallSettingsSchema, listRequests, saveHallSettings, staffRequestView, submitComplaint } from '../services/complaints'
import {
  answerRequest,
  closeByStaff,
  closeRequest,
  extendRequest,
  hallSettings,
  publicRequestView,
  requestByNumberAndCode,
  requestForUser,
  submitConsultation,
  type RequestKind,
} from '../services/consultations'
import { listDepartments } from '../services/org'
import { answerFollowUp, listRatings, rateCase, ratingChannels, ratingForApplicant } from '../services/ratings'

const text = (max: number) => z.string().trim().min(1).max(max)
const submission = {
  name: text(100),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, 'a telephone number (digits, +, -, spaces, 5–20 characters)'),
  title: text(200),
  content: text(5000),
  isPublic: z.boolean().default(false),
}
const about = {
  itemKey: z.string().max(80).optional(),
  departmentId: z.string().max(64).optional(),
}
const caseNo = z.string().regex(/^SL\d{14}$/, 'a case number such as SL20260302000001')
const queryCode = z.string().regex(/^\d{6}$/, 'the 6-digit query password')
const requestNo = (prefix: string) => z.string().regex(new RegExp(`^${prefix}\\d{14}$`), `a number such as ${prefix}20260302000001`)
const id = z.object({ id: z.string().uuid('an id') })
const bool = z.enum(['true', 'false']).transform((v) => v === 'true')
const paging = { page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }
const overseers = ['staff', 'supervisor', 'admin'] as const

/** Lifecycle routes shared by consultations (ZX…) and complaints (TS…): public track and close, staff list, detail, answer, extend, close. */
function lifecycle(deps: Deps, kind: RequestKind, path: string, prefix: string, zh: string): RouteSpec[] {
  const lookup = z.object({ no: requestNo(prefix), queryCode }).strict()
  return [
    defineRoute({
      method: 'post',
      path: `/api/hall/${path}/track`,
      summary: `Status and answer of a ${kind} (${zh}) by its number and query password (rate-limited; same 404 for both mistakes)`,
      tag: 'hall',
      access: 'public',
      body: lookup,
      handler: async ({ body, koa }) => publicRequestView(deps, await requestByNumberAndCode(deps, kind, body.no, body.queryCode, koa.ip)),
    }),
    defineRoute({
      method: 'post',
      path: `/api/hall/${path}/close`,
      summary: `The asker closes an answered ${kind}`,
      tag: 'hall',
      access: 'public',
      body: lookup,
      handler: async ({ body, koa }) => closeRequest(deps, await requestByNumberAndCode(deps, kind, body.no, body.queryCode, koa.ip), undefined),
    }),
    defineRoute({
      method: 'get',
      path: `/api/${path}`,
      summary: `${zh}: those the user's department handles (supervisors: their level and below); overdue=true lists unanswered ones past due_at`,
      tag: 'supervision',
      access: overseers,
      query: z.object({ status: z.enum(['submitted', 'answered', 'closed']).optional(), overdue: bool.optional(), ...paging }).strict(),
      handler: ({ user, query }) => listRequests(deps, user, kind, query),
    }),
    defineRoute({
      method: 'get',
      path: `/api/${path}/:id`,
      summary: `One ${kind} with the asker's contact details`,
      tag: 'supervision',
      access: overseers,
      params: id,
      handler: async ({ user, params }) => staffRequestView(deps, await requestForUser(deps, user, kind, params.id), new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))),
    }),
    defineRoute({
      method: 'post',
      path: `/api/${path}/:id/answer`,
      summary: `Answer a ${kind} (handling department's staff, or a supervisor above it)`,
      tag: 'supervision',
      access: overseers,
      params: id,
      body: z.object({ reply: text(5000) }).strict(),
      handler: ({ user, params, body }) => answerRequest(deps, user, kind, params.id, body.reply),
    }),
    defineRoute({
      method: 'post',
      path: `/api/${path}/:id/extend`,
      summary: `Extend the time limit of a ${kind} once, with a reason, before it ends`,
      tag: 'supervision',
      access: overseers,
      params: id,
      body: z.object({ days: z.number().int().min(1).max(30), reason: text(2000) }).strict(),
      handler: ({ user, params, body }) => extendRequest(deps, user, kind, params.id, body.days, body.reason),
    }),
    defineRoute({
      method: 'post',
      path: `/api/${path}/:id/close`,
      summary: `Close an answered ${kind}`,
      tag: 'supervision',
      access: overseers,
      params: id,
      handler: ({ user, params }) => closeByStaff(deps, user, kind, params.id),
    }),
  ]
}

/** 咨询, 投诉 and 好差评: public submission and tracking in the hall; handling and supervision for staff. */
export function interactionRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/hall/consultations',
      summary: 'Ask a question (咨询) without an account; returns the number (ZX…) and the query password (shown once)',
      tag: 'hall',
      access: 'public',
      status: 201,
      body: z.object({ ...submission, ...about }).strict(),
      handler: ({ body, koa }) => submitConsultation(deps, body, koa.ip),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hall/complaint-categories',
      summary: 'The complaint categories (a configurable dictionary)',
      tag: 'hall',
      access: 'public',
      handler: async () => ({ items: await complaintCategories(deps) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hall/complaints',
      summary: 'Complain (投诉) about an item, a department or a case, without an account; routed by category; returns the number (TS…) and the query password',
      tag: 'hall',
      access: 'public',
      status: 201,
      body: z.object({ ...submission, ...about, category: z.string().max(32), caseNo: caseNo.optional(), targetPerson: z.string().trim().max(100).optional() }).strict(),
      handler: ({ body, koa }) => submitComplaint(deps, body, koa.ip),
    }),
    ...lifecycle(deps, 'consultation', 'consultations', 'ZX', '咨询'),
    ...lifecycle(deps, 'complaint', 'complaints', 'TS', '投诉'),
    defineRoute({
      method: 'post',
      path: '/api/hall/ratings',
      summary: 'Rate a concluded case once (1–5 stars, 5 best; GB/T 39046 satisfaction = 6 − stars); 1–2 stars need a comment and open a follow-up',
      tag: 'hall',
      access: 'public',
      status: 201,
      body: z
        .object({ caseNo, queryCode, stars: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional(), channel: z.enum(ratingChannels) })
        .strict()
        .superRefine((b, ctx) => {
          if (b.stars <= 2 && !b.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'a comment is required for 1 or 2 stars (差评)' })
        }),
      handler: ({ body, koa }) => rateCase(deps, body, koa.ip),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hall/ratings/track',
      summary: "The applicant's rating of a case and, for a bad one, the follow-up: deadline, rectification, feedback",
      tag: 'hall',
      access: 'public',
      body: z.object({ caseNo, queryCode }).strict(),
      handler: ({ body, koa }) => ratingForApplicant(deps, body.caseNo, body.queryCode, koa.ip),
    }),
    defineRoute({
      method: 'get',
      path: '/api/ratings',
      summary: 'Ratings of the cases of the departments the user sees, with their follow-ups',
      tag: 'supervision',
      access: overseers,
      query: z.object({ bad: bool.optional(), followUp: z.enum(['open', 'closed']).optional(), overdue: bool.optional(), itemKey: z.string().max(80).optional(), ...paging }).strict(),
      handler: ({ user, query }) => listRatings(deps, user, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/ratings/:id/follow-up',
      summary: "Answer a bad rating's follow-up (回访核实 → 整改 → 反馈): staff of the case's department; closes it",
      tag: 'supervision',
      access: ['staff'],
      params: id,
      body: z
        .object({ revisit: text(2000), substantiated: z.boolean(), rectification: text(2000).optional(), feedback: text(2000) })
        .strict()
        .superRefine((b, ctx) => {
          if (b.substantiated && !b.rectification) ctx.addIssue({ code: 'custom', path: ['rectification'], message: 'the rectification measures are required when the criticism is substantiated' })
        }),
      handler: ({ user, params, body }) => answerFollowUp(deps, user, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/hall-settings',
      summary: 'Time limits of consultations, complaints and rectifications; complaint categories and routing',
      tag: 'admin',
      access: ['admin'],
      handler: () => hallSettings(deps),
    }),
    defineRoute({
      method: 'put',
      path: '/api/admin/hall-settings',
      summary: 'Replace the hall settings (applies to new submissions)',
      tag: 'admin',
      access: ['admin'],
      body: hallSettingsSchema,
      handler: ({ user, body }) => saveHallSettings(deps, user, body),
    }),
  ]
}
