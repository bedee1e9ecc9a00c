import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { publishedDecisions, statistics } from '../services/transparency'

const itemKey = z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'an item key (kebab-case)')
const departmentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a department id')

/** 政务公开 in the hall: case figures per item and department, and 双公示 decisions. Public, aggregated, no personal data. */
export function transparencyRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/hall/statistics',
      summary: 'Received, concluded, on-time rate and average duration (working days) per item and per department',
      tag: 'hall',
      access: 'public',
      query: z.object({ itemKey: itemKey.optional(), departmentId: departmentId.optional() }).strict(),
      handler: ({ query }) => statistics(deps, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hall/decisions',
      summary: '双公示: issued licensing and penalty decisions (natural persons\' names masked), newest first',
      tag: 'hall',
      access: 'public',
      query: z
        .object({
          type: z.enum(['licensing', 'penalty']).optional(),
          itemKey: itemKey.optional(),
          departmentId: departmentId.optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        })
        .strict(),
      handler: ({ query }) => publishedDecisions(deps, query),
    }),
  ]
}
