import { Router } from '@koa/router'
import { CalendarUnknownError, type Calendar } from '@sunlight/calendar'
import { validateDefinition } from '@sunlight/definition'
import { z } from 'zod'
import { AppError } from '../errors'
import { parseInput } from '../validate'

const deadlineQuery = z.object({
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/, 'an ISO date-time with offset, e.g. 2026-03-02T10:00+08:00'),
  n: z.coerce.number().int().min(0).max(3650),
  unit: z.enum(['workdays', 'days']),
})

/** Stateless helpers the designer uses: validate a definition, compute a deadline. */
export function toolRoutes(calendar: Calendar): Router {
  const router = new Router({ prefix: '/api' })
  router.post('/definitions/validate', (ctx) => {
    const body = (ctx.request as unknown as { body?: unknown }).body
    if (body === undefined || body === null || typeof body !== 'object')
      throw new AppError('VALIDATION_FAILED', 'the body must be a JSON definition', { issues: [{ path: '/body', message: 'expected a JSON object' }] })
    const diagnostics = validateDefinition(body)
    ctx.body = { valid: !diagnostics.some((d) => d.severity === 'error'), diagnostics }
  })
  router.get('/calendar/deadline', (ctx) => {
    const q = parseInput(deadlineQuery, ctx.query, 'query')
    const start = Date.parse(q.start)
    if (Number.isNaN(start)) throw new AppError('VALIDATION_FAILED', 'start is not a valid instant', { issues: [{ path: '/query/start', message: 'not a valid instant' }] })
    try {
      const deadline = calendar.addLimit(start, { value: q.n, unit: q.unit })
      ctx.body = { lastDay: calendar.dueDay(deadline), deadline: new Date(deadline).toISOString(), startDayCounted: false }
    } catch (e) {
      if (e instanceof CalendarUnknownError)
        throw new AppError('UNPROCESSABLE', e.message, { date: e.date, messageZh: e.messageZh })
      throw e
    }
  })
  return router
}
