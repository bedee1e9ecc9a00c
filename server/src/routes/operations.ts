import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { calendarOverview, putCalendarEntries, putOfficeHours } from '../services/calendar-admin'
import { exchangeCompleteness, exchangeFeed } from '../services/exchange'
import { processOwner, runSchedulerOnce, schedulerStatus } from '../services/scheduler'

/** A real calendar day (2026-02-30 matches the pattern but is no day: found by the API fuzz test). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return true // the pattern already names it: one issue per field
    const t = Date.parse(`${d}T00:00:00Z`)
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d
  }, 'no such day')
const department = z.string().min(1).max(64).optional()
const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "a time 'HH:mm' (24:00 allowed as an end)")

const calendarTableBody = z
  .object({
    coveredFrom: day,
    coveredTo: day,
    entries: z
      .array(
        z
          .object({
            date: day,
            kind: z.enum(['holiday', 'makeupWorkday']),
            name: z.string().trim().min(1).max(50),
            source: z.string().trim().min(1).max(200),
          })
          .strict(),
      )
      .max(400),
  })
  .strict()

/**
 * Operations: the warning scheduler's status (and a manual tick), the upward exchange feed with
 * its completeness figure, and calendar administration.
 */
export function operationRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/scheduler/status',
      summary: 'Warning scheduler: lease holder, due cases, next due instant, warnings in the last 24 h',
      tag: 'operations',
      access: ['admin', 'supervisor'],
      handler: () => schedulerStatus(deps),
    }),
    defineRoute({
      method: 'post',
      path: '/api/scheduler/run',
      summary: 'Run one scheduler tick now in this process (does nothing if another process holds the lease)',
      tag: 'operations',
      access: ['admin'],
      handler: () => runSchedulerOnce(deps, processOwner),
    }),
    defineRoute({
      method: 'get',
      path: '/api/exchange/feed',
      summary: 'Upward exchange (上报): case records in the national shapes after the cursor `since`; one batch per request (machine accounts hold the supervisor role)',
      tag: 'exchange',
      access: ['admin', 'supervisor'],
      query: z.object({
        since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        department,
      }),
      handler: ({ user, query }) => exchangeFeed(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/exchange/completeness',
      summary: 'Per department: cases created in the window, how many were delivered completely, share delivered within 24 h',
      tag: 'exchange',
      access: ['admin', 'supervisor'],
      query: z
        .object({ department, since: day.optional(), until: day.optional() })
        .refine((q) => !q.since || !q.until || q.since <= q.until, { path: ['until'], message: 'until is before since' }),
      handler: ({ user, query }) => exchangeCompleteness(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar',
      summary: 'The working-day calendar: coverage, holiday and make-up entries (optionally of one year), office hours',
      tag: 'calendar',
      access: ['admin', 'supervisor', 'staff'],
      query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      handler: ({ query }) => calendarOverview(deps, query.year),
    }),
    defineRoute({
      method: 'put',
      path: '/api/calendar/entries',
      summary: "Extend or correct the holiday table (e.g. next year's State Council notice, each December); audited",
      tag: 'calendar',
      access: ['admin'],
      body: calendarTableBody,
      handler: ({ user, body, koa }) => putCalendarEntries(deps, user, body, koa.ip),
    }),
    defineRoute({
      method: 'put',
      path: '/api/calendar/office-hours',
      summary: 'Office hours of working days and the receipt rule for after-hours applications; audited',
      tag: 'calendar',
      access: ['admin'],
      body: z
        .object({
          officeHours: z.array(z.object({ from: hhmm, to: hhmm }).strict()).min(1).max(6),
          receiptAfterHours: z.enum(['sameDay', 'nextWorkday']).default('nextWorkday'),
        })
        .strict(),
      handler: ({ user, body, koa }) => putOfficeHours(deps, user, body, koa.ip),
    }),
  ]
}
