import type { Knex } from 'knex'
import { parseDefinition, type PowerItemDefinition } from '@sunlight/definition'
import type { Deps } from '../deps'
import { AppError } from '../errors'

export interface ItemRow {
  key: string
  department_id: string
  name: string
  category: string
  status: 'draft' | 'inReview' | 'published' | 'cancelled'
  published_version: number | null
  created_at: number
  updated_at: number
}

/** Published versions never change, so parsed definitions are cached by key@version. */
const cache = new Map<string, PowerItemDefinition>()

/** A published (immutable) version of an item, parsed. Throws NOT_FOUND if there is none. */
/**
 * A published (or since superseded/cancelled) version, cached: versions are immutable. Inside a
 * write transaction pass its `trx` — on SQLite's single connection a read through `deps.db.knex`
 * would wait for the connection the transaction holds.
 */
export async function definitionAt(deps: Deps, key: string, version: number, k: Knex | Knex.Transaction = deps.db.knex): Promise<PowerItemDefinition> {
  const id = `${deps.db.kind}:${key}@${version}`
  const hit = cache.get(id)
  if (hit) return hit
  const row = (await k('item_versions').where({ item_key: key, version }).first()) as { definition: string; status: string } | undefined
  if (!row || (row.status !== 'published' && row.status !== 'superseded' && row.status !== 'cancelled'))
    throw new AppError('NOT_FOUND', `item ${key} has no published version ${version}`, { key, version })
  const { definition } = parseDefinition(JSON.parse(row.definition))
  if (!definition) throw new Error(`published definition ${key}@${version} no longer parses`)
  if (cache.size > 2000) cache.clear()
  cache.set(id, definition)
  return definition
}

/** The version new cases start on: published and not cancelled (清单之外无权力). */
export async function currentPublished(deps: Deps, key: string): Promise<{ item: ItemRow; definition: PowerItemDefinition }> {
  const item = (await deps.db.knex('items').where({ key }).first()) as ItemRow | undefined
  if (!item || item.published_version === null || item.status === 'cancelled')
    throw new AppError('NOT_FOUND', `"${key}" is not a published power item; it cannot be applied for`, { key })
  return { item, definition: await definitionAt(deps, key, item.published_version) }
}

export async function listPublished(deps: Deps): Promise<{ item: ItemRow; definition: PowerItemDefinition }[]> {
  const items = (await deps.db.knex('items').whereNotNull('published_version').whereNot({ status: 'cancelled' }).orderBy('key')) as ItemRow[]
  return Promise.all(items.map(async (item) => ({ item, definition: await definitionAt(deps, item.key, item.published_version as number) })))
}

/**
 * Records a definition as published directly (used to seed the demo catalog from templates;
 * the governed path is draft → submit → review → publish).
 */
export async function insertPublished(deps: Deps, def: PowerItemDefinition, departmentId: string, note: string): Promise<void> {
  const now = deps.now()
  await deps.db.knex.transaction(async (trx) => {
    await trx('items').insert({ key: def.key, department_id: departmentId, name: def.item.name, category: def.item.category, status: 'published', published_version: def.version, created_at: now, updated_at: now })
    await trx('item_versions').insert({
      item_key: def.key,
      version: def.version,
      status: 'published',
      definition: JSON.stringify(def),
      change_request: JSON.stringify({ type: 'add', reason: note }),
      review: JSON.stringify({ note }),
      effective_date: deps.calendar.dayOf(now),
      created_by: null,
      created_at: now,
      updated_at: now,
    })
  })
}
