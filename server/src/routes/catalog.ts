import { appliesOnline } from '@sunlight/definition'
import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { listPublished } from '../services/items-store'
import { publicEntry } from '../services/public-catalog'

const itemKey = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'an item key (kebab-case)') })

/** The public catalog (权力清单): published, not cancelled items only. */
export function catalogRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/catalog',
      summary: 'Published power items, filtered by category, department or text',
      tag: 'catalog',
      access: 'public',
      query: z.object({
        category: z.string().regex(/^\d{2}$/, 'a two-digit category code').optional(),
        department: z.string().max(64).optional(),
        q: z.string().max(100).optional(),
      }),
      async handler({ query }) {
        const all = await listPublished(deps)
        return {
          items: all
            .filter(({ definition: d }) => !query.category || d.item.category === query.category)
            .filter(({ item }) => !query.department || item.department_id === query.department)
            .filter(({ definition: d }) => !query.q || d.item.name.includes(query.q) || d.item.department.name.includes(query.q))
            .map(({ item, definition: d }) => ({
              key: d.key,
              version: d.version,
              name: d.item.name,
              category: d.item.category,
              departmentId: item.department_id,
              department: d.item.department.name,
              caseType: d.item.caseType,
              statutoryLimit: d.item.statutoryLimit,
              promisedLimit: d.item.promisedLimit,
              appliesOnline: appliesOnline(d.item.category),
            })),
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/catalog/:key',
      summary: 'One published item: public facts, form, and the public flowchart (internal steps hidden)',
      tag: 'catalog',
      access: 'public',
      params: itemKey,
      handler: ({ params }) => publicEntry(deps, params.key),
    }),
  ]
}
