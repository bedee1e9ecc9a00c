import { appliesOnline } from '@sunlight/definition'
import { z } from 'zod'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { defineRoute, type RouteSpec } from '../route-table'
import { staffFields } from '../services/cases'
import { listPublished, currentPublished } from '../services/items-store'

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
      async handler({ params }) {
        const { definition: d } = await currentPublished(deps, params.key).catch(() => {
          throw new AppError('NOT_FOUND', `no published item "${params.key}"`, { key: params.key })
        })
        return {
          key: d.key,
          version: d.version,
          item: d.item,
          /** false for 依职权 items (penalties, coercive measures, inspections): no online application. */
          appliesOnline: appliesOnline(d.item.category),
          form: d.form,
          /** Fields staff fill in while handling: the hall does not ask the applicant for them. */
          staffFields: [...staffFields(d)],
          flow: publicFlow(d),
          documents: d.documents.filter((x) => x.toApplicant).map((x) => ({ id: x.id, kind: x.kind, title: x.title })),
        }
      },
    }),
  ]
}

/** The 外部流程图: public steps under their public names; internal steps are not shown. */
function publicFlow(d: import('@sunlight/definition').PowerItemDefinition) {
  return {
    steps: d.flow.nodes
      .filter((n) => n.type === 'step' && n.public)
      .map((n) => (n.type === 'step' ? { id: n.id, name: n.publicName ?? n.name, limit: n.limit } : null)),
  }
}
