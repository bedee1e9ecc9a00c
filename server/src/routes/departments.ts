import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { departmentTree } from '../services/org'

/** The department tree for pickers, limited to what the user may act on (services/org.ts). */
export function departmentRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/departments',
      summary: 'The departments the user may act on, as a tree (id, name, level, credit code, region code, canEdit), for pickers',
      tag: 'departments',
      access: ['designer', 'reviewer', 'supervisor', 'admin'],
      handler: async ({ user }) => ({ departments: await departmentTree(deps, user) }),
    }),
  ]
}
