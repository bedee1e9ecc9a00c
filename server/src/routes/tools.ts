import { CalendarUnknownError } from '@sunlight/calendar'
import { validateDefinition } from '@sunlight/definition'
import { z } from 'zod'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { defineRoute, type RouteSpec } from '../route-table'

/** Stateless helpers the designer and the hall use: validate a definition, compute a deadline. */
export function toolRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/definitions/validate',
      summary: 'Validate a definition and return its diagnostics (never stores anything)',
      tag: 'tools',
      access: ['designer', 'reviewer', 'admin'],
      body: z.record(z.string(), z.unknown()),
      handler({ body }) {
        const diagnostics = validateDefinition(body)
        return { valid: !diagnostics.some((d) => d.severity === 'error'), diagnostics }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/deadline',
      summary: 'Last day of a time limit (the start day is not counted; ends 24:00 China time)',
      tag: 'tools',
      access: 'public',
      query: z.object({
        start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/, 'an ISO date-time with offset, e.g. 2026-03-02T10:00+08:00'),
        n: z.coerce.number().int().min(0).max(3650),
        unit: z.enum(['workdays', 'days']),
      }),
      handler({ query }) {
        const start = Date.parse(query.start)
        if (Number.isNaN(start)) throw new AppError('VALIDATION_FAILED', 'start is not a valid instant', { issues: [{ path: '/query/start', message: 'not a valid instant' }] })
        try {
          const deadline = deps.calendar.addLimit(start, { value: query.n, unit: query.unit })
          return { lastDay: deps.calendar.dueDay(deadline), deadline: new Date(deadline).toISOString(), startDayCounted: false }
        } catch (e) {
          if (e instanceof CalendarUnknownError) throw new AppError('UNPROCESSABLE', e.message, { date: e.date, messageZh: e.messageZh })
          throw e
        }
      },
    }),
  ]
}
