import { Router } from '@koa/router'
import { z } from 'zod'
import { AppError } from '../errors'
import { summarize, type CatalogEntry } from '../services/catalog'
import { parseInput } from '../validate'

const listQuery = z.object({
  category: z.string().regex(/^\d{2}$/, 'a two-digit category code').optional(),
  q: z.string().max(100).optional(),
})
const keyParams = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'an item key (kebab-case)') })

/** The public catalog (权力清单) of valid definitions. */
export function catalogRoutes(catalog: readonly CatalogEntry[]): Router {
  const router = new Router({ prefix: '/api/catalog' })
  const items = catalog.flatMap((e) => (e.definition ? [e.definition] : []))
  router.get('/', (ctx) => {
    const q = parseInput(listQuery, ctx.query, 'query')
    ctx.body = {
      items: items
        .filter((d) => (q.category ? d.item.category === q.category : true))
        .filter((d) => (q.q ? d.item.name.includes(q.q) || d.item.department.name.includes(q.q) : true))
        .map(summarize),
    }
  })
  router.get('/:key', (ctx) => {
    const { key } = parseInput(keyParams, ctx.params, 'params')
    const def = items.find((d) => d.key === key)
    if (!def) throw new AppError('NOT_FOUND', `no published item "${key}"`, { key })
    ctx.body = def
  })
  return router
}
