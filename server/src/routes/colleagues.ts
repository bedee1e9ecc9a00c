import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { listColleagues } from '../services/colleagues'

/** Who a case can be transferred (移交) or assigned to: staff of the caller's own department. */
export function colleagueRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/colleagues',
      summary: "Staff of the caller's department (id, name, posts), optionally only those holding ?post=",
      tag: 'cases',
      access: ['staff'],
      query: z.object({ post: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'a post code such as investigator').optional() }).strict(),
      handler: ({ user, query }) => listColleagues(deps, user, query.post),
    }),
  ]
}
