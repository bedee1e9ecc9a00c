import { z } from 'zod'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { defineRoute, type RouteSpec } from '../route-table'
import { cardAction, cardDetail, issueManualCard, listCards } from '../services/supervision-cards'
import { dashboard, dashboardCases, dashboardFigure, figureNames } from '../services/supervision-dashboard'
import { exportFigure } from '../services/supervision-export'
import { listNotifications, markNotificationRead } from '../services/notifications'
import { processOwner, runSchedulerOnce } from '../services/scheduler'
import { getRules, putRules } from '../services/supervision-rules'
import { cardLevels, cardStatuses, day, period, rulesBodySchema, ruleKinds, scoreFormulaSchema, subjectTypes } from '../services/supervision-model'
import { addAdjustment, decideScoreAppeal, fileScoreAppeal, getFormulas, listScoreAppeals, publishScores, publishedScores, putFormula, scores } from '../services/supervision-scores'

const id = z.object({ id: z.string().uuid('an id') })
const paging = { page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }
const text = (max: number) => z.string().trim().min(1).max(max)
const department = z.string().min(1).max(64)
const bool = z.enum(['true', 'false']).transform((v) => v === 'true')
const overseers = ['staff', 'supervisor', 'admin'] as const
const supervisors = ['supervisor', 'admin'] as const

/** Dashboard scope: `own` (the user's department, or `department`), `government` (everything the user oversees, optionally narrowed to `department` and below). */
const scopeQuery = {
  scope: z.enum(['own', 'government']).optional(),
  department: department.optional(),
  days: z.coerce.number().int().refine((d) => d === 30 || d === 90, 'days is 30 or 90').default(30),
}

/** Drill-down filters: every dashboard figure's dimension. */
const caseFilters = {
  ...scopeQuery,
  status: z.enum(['submitted', 'awaitingSupplement', 'handling', 'paused', 'concluded', 'open']).optional(),
  level: z.enum(['normal', 'warning', 'yellow', 'red', 'overdue']).optional(),
  cardLevel: z.enum([...cardLevels, 'any']).optional(),
  itemKey: z.string().max(80).optional(),
  node: z.string().max(100).optional(),
  createdDay: day.optional(),
  concludedDay: day.optional(),
  onTime: bool.optional(),
  ...paging,
}
const caseFiltersSchema = z.object(caseFilters)

const cardFilters = z.object({
  status: z.enum([...cardStatuses, 'open']).optional(),
  level: z.enum(cardLevels).optional(),
  kind: z.enum(ruleKinds).optional(),
  department: department.optional(),
  caseId: z.string().uuid().optional(),
  ruleId: z.string().max(64).optional(),
  ...paging,
})

const figure = z.enum(figureNames)

/**
 * E-supervision (电子监察): global rules, cards (预警 / 黄牌 / 红牌) and their lifecycle, notifications,
 * efficiency scores, dashboards with drill-down and export. Department scoping in the services:
 * supervisors see their government and below, staff their own department, others get 404.
 */
export function supervisionRoutes(deps: Deps): RouteSpec[] {
  return [
    // ── rules ──────────────────────────────────────────────────────────────────────────────
    defineRoute({
      method: 'get',
      path: '/api/supervision/rules',
      summary: 'Global supervision rules (time, flow, content) with their level, 发牌方式 and version; and the message-template placeholders',
      tag: 'supervision',
      access: supervisors,
      handler: () => getRules(deps),
    }),
    defineRoute({
      method: 'put',
      path: '/api/supervision/rules',
      summary: 'Replace the global rules; a changed rule gets version + 1 (it may fire again per case); audited with before/after',
      tag: 'supervision',
      access: supervisors,
      body: rulesBodySchema,
      handler: ({ user, body, koa }) => putRules(deps, user, body.rules, koa.ip),
    }),
    // ── cards ──────────────────────────────────────────────────────────────────────────────
    defineRoute({
      method: 'get',
      path: '/api/supervision/cards',
      summary: 'Cards visible to the user (staff: their department; supervisors: their level and below), newest first',
      tag: 'supervision',
      access: overseers,
      query: cardFilters,
      handler: ({ user, query }) => listCards(deps, user, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards',
      summary: '人工发牌: a supervisor issues a card on a case by hand',
      tag: 'supervision',
      access: supervisors,
      status: 201,
      body: z.object({ caseId: z.string().uuid(), level: z.enum(cardLevels), message: text(500), feedbackDays: z.number().int().min(1).max(365).default(30) }).strict(),
      handler: ({ user, body }) => issueManualCard(deps, user, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/cards/:id',
      summary: 'A card with its full log (card_events) and what the user may do with it',
      tag: 'supervision',
      access: overseers,
      params: id,
      handler: ({ user, params }) => cardDetail(deps, user, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards/:id/confirm',
      summary: 'Confirm a card held for manual confirmation (待发 → issued); the unit is notified',
      tag: 'supervision',
      access: supervisors,
      params: id,
      body: z.object({ note: z.string().trim().max(500).optional() }).strict(),
      handler: ({ user, params, body }) => cardAction(deps, user, params.id, { action: 'confirm', note: body.note }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards/:id/dismiss',
      summary: 'Dismiss a card held for manual confirmation, with a reason',
      tag: 'supervision',
      access: supervisors,
      params: id,
      body: z.object({ reason: text(500) }).strict(),
      handler: ({ user, params, body }) => cardAction(deps, user, params.id, { action: 'dismiss', note: body.reason }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards/:id/feedback',
      summary: "The unit's feedback (反馈) on an issued or ordered card, by staff of the card's department",
      tag: 'supervision',
      access: ['staff'],
      params: id,
      body: z.object({ content: text(2000) }).strict(),
      handler: ({ user, params, body }) => cardAction(deps, user, params.id, { action: 'feedback', note: body.content }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards/:id/appeal',
      summary: "The unit disputes a card (申诉), once, before it is ordered or closed",
      tag: 'supervision',
      access: ['staff'],
      params: id,
      body: z.object({ reason: text(2000) }).strict(),
      handler: ({ user, params, body }) => cardAction(deps, user, params.id, { action: 'appeal', note: body.reason }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards/:id/appeal-decision',
      summary: 'Decide an appeal: accepted revokes the card; rejected returns it to where it was',
      tag: 'supervision',
      access: supervisors,
      params: id,
      body: z.object({ accept: z.boolean(), reason: text(2000) }).strict(),
      handler: ({ user, params, body }) => cardAction(deps, user, params.id, { action: body.accept ? 'acceptAppeal' : 'rejectAppeal', note: body.reason }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards/:id/order',
      summary: '督办: order the unit to act by a deadline (China day, today or later); the unit is notified',
      tag: 'supervision',
      access: supervisors,
      params: id,
      body: z.object({ content: text(2000), dueDay: day }).strict(),
      handler: ({ user, params, body }) => cardAction(deps, user, params.id, { action: 'order', note: body.content, dueDay: body.dueDay }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/cards/:id/close',
      summary: 'Close a card (办结) with a note',
      tag: 'supervision',
      access: supervisors,
      params: id,
      body: z.object({ note: text(2000) }).strict(),
      handler: ({ user, params, body }) => cardAction(deps, user, params.id, { action: 'close', note: body.note }),
    }),
    // ── notifications ──────────────────────────────────────────────────────────────────────
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      summary: "The signed-in user's in-app notifications (cards issued to the unit, 督办 orders), newest first",
      tag: 'supervision',
      access: ['designer', 'reviewer', 'staff', 'supervisor', 'admin'],
      query: z.object({ unread: bool.optional(), ...paging }),
      handler: ({ user, query }) => listNotifications(deps, user, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/read',
      summary: 'Mark one of my notifications read',
      tag: 'supervision',
      access: ['designer', 'reviewer', 'staff', 'supervisor', 'admin'],
      params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
      handler: ({ user, params }) => markNotificationRead(deps, user, params.id),
    }),
    // ── efficiency scores ──────────────────────────────────────────────────────────────────
    defineRoute({
      method: 'get',
      path: '/api/supervision/score-formulas',
      summary: 'Scoring formulas by starting month (the default, with its source, applies before the first one)',
      tag: 'supervision',
      access: overseers,
      handler: () => getFormulas(deps),
    }),
    defineRoute({
      method: 'put',
      path: '/api/supervision/score-formulas',
      summary: 'Set the formula from a month on (expression over the score variables, parameters, source); audited',
      tag: 'supervision',
      access: supervisors,
      body: scoreFormulaSchema,
      handler: ({ user, body, koa }) => putFormula(deps, user, body, koa.ip),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/scores',
      summary: 'Efficiency scores of a month for departments, windows or staff, with every component of the formula',
      tag: 'supervision',
      access: overseers,
      query: z.object({ period, subject: z.enum(subjectTypes).default('department'), department: department.optional() }),
      handler: ({ user, query }) => scores(deps, user, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/scores/adjustments',
      summary: '绩效登记: a manual plus or minus with a reason',
      tag: 'supervision',
      access: supervisors,
      status: 201,
      body: z.object({ period, subjectType: z.enum(subjectTypes), subjectId: z.string().min(1).max(64), points: z.number().min(-100).max(100).refine((p) => p !== 0, 'not zero'), reason: text(500) }).strict(),
      handler: ({ user, body }) => addAdjustment(deps, user, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/scores/appeals',
      summary: 'Score appeals visible to the user',
      tag: 'supervision',
      access: overseers,
      query: z.object({ period: period.optional(), status: z.enum(['open', 'accepted', 'rejected']).optional() }),
      handler: ({ user, query }) => listScoreAppeals(deps, user, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/scores/appeals',
      summary: '指标成绩申诉: staff dispute the score of their department (or their own) for a month',
      tag: 'supervision',
      access: ['staff'],
      status: 201,
      body: z.object({ period, subjectType: z.enum(subjectTypes), subjectId: z.string().min(1).max(64), reason: text(2000) }).strict(),
      handler: ({ user, body }) => fileScoreAppeal(deps, user, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/scores/appeals/:id/decision',
      summary: 'Decide a score appeal; an accepted one may add points (recorded as an adjustment)',
      tag: 'supervision',
      access: supervisors,
      params: id,
      body: z.object({ accept: z.boolean(), reason: text(2000), points: z.number().min(-100).max(100).default(0) }).strict(),
      handler: ({ user, params, body }) => decideScoreAppeal(deps, user, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/supervision/scores/publish',
      summary: 'Publish (or withdraw) the scores of a month to the public hall; the published figures are a snapshot',
      tag: 'supervision',
      access: supervisors,
      body: z.object({ period, subjectType: z.enum(subjectTypes).default('department'), published: z.boolean().default(true) }).strict(),
      handler: ({ user, body, koa }) => publishScores(deps, user, body, koa.ip),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hall/scores',
      summary: 'Published efficiency scores (public hall); without a period, the list of published months',
      tag: 'hall',
      access: 'public',
      query: z.object({ period: period.optional(), subject: z.enum(subjectTypes).default('department') }),
      handler: ({ query }) => publishedScores(deps, query),
    }),
    // ── dashboards ─────────────────────────────────────────────────────────────────────────
    defineRoute({
      method: 'get',
      path: '/api/supervision/dashboard',
      summary: 'Every dashboard figure at once: live counts, overdue list, departments, trend, flow heat (itemKey), cards, ratings and complaints',
      tag: 'supervision',
      access: overseers,
      query: z.object({ ...scopeQuery, itemKey: z.string().max(80).optional() }),
      handler: ({ user, query }) => dashboard(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/dashboard/cases',
      summary: 'Drill-down: the cases behind a figure, filtered by the same dimensions (each links to GET /api/cases/:id)',
      tag: 'supervision',
      access: overseers,
      query: caseFiltersSchema,
      handler: ({ user, query }) => dashboardCases(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/dashboard/:figure',
      summary: 'One dashboard figure: live | overdue | departments | trend | flow | cards | interactions',
      tag: 'supervision',
      access: overseers,
      params: z.object({ figure }),
      query: z.object({ ...scopeQuery, itemKey: z.string().max(80).optional() }),
      handler: ({ user, params, query }) => dashboardFigure(deps, user, params.figure, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/export',
      summary: 'Export a figure, the drill-down list, cards or scores as CSV (UTF-8 with BOM) or XLSX',
      tag: 'supervision',
      access: overseers,
      query: z.object({
        what: z.enum([...figureNames, 'cases', 'cardList', 'scores']),
        format: z.enum(['csv', 'xlsx']).default('csv'),
        ...caseFilters,
        pageSize: z.coerce.number().int().min(1).max(10000).default(5000),
        period: period.optional(),
        subject: z.enum(subjectTypes).default('department'),
      }),
      async handler({ user, query, koa }) {
        const file = await exportFigure(deps, user, query)
        koa.set('Content-Type', file.contentType)
        koa.set('Content-Disposition', `attachment; filename="${file.filename}"`)
        koa.body = file.body
      },
    }),
  ]
}

/**
 * Browser tests under a controlled clock (SUNLIGHT_CLOCK_CONTROL=1 only; never mounted otherwise):
 * set the server's clock and run a scheduler tick now. Administrators only.
 */
export function devRoutes(deps: Deps): RouteSpec[] {
  const clock = deps.clockControl
  if (!clock) return []
  return [
    defineRoute({
      method: 'get',
      path: '/api/dev/clock',
      summary: 'The controlled clock: now and the offset from the real time (SUNLIGHT_CLOCK_CONTROL=1 only)',
      tag: 'dev',
      access: ['admin'],
      handler: () => ({ now: deps.now(), offsetMs: clock.offset() }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/dev/clock',
      summary: 'Set the server clock (epoch ms or ISO instant); it runs on from there (SUNLIGHT_CLOCK_CONTROL=1 only)',
      tag: 'dev',
      access: ['admin'],
      body: z.object({ now: z.union([z.number().int().min(0).max(8.64e15), z.string().datetime({ offset: true })]) }).strict(),
      handler: ({ body }) => {
        const t = typeof body.now === 'number' ? body.now : Date.parse(body.now)
        if (!Number.isFinite(t)) throw new AppError('VALIDATION_FAILED', 'not an instant', { issues: [{ path: '/body/now', message: 'not an instant' }] })
        clock.set(t)
        return { now: deps.now(), offsetMs: clock.offset() }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/dev/scheduler/tick',
      summary: 'Run one scheduler tick now, taking the lease (SUNLIGHT_CLOCK_CONTROL=1 only)',
      tag: 'dev',
      access: ['admin'],
      handler: () => runSchedulerOnce(deps, processOwner),
    }),
  ]
}
