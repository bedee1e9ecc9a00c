import type { Knex } from 'knex'
import { parseDefinition, type PowerItemDefinition } from '@sunlight/definition'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'

export interface ItemRow {
  key: string
  department_id: string
  name: string
  category: string
  status: 'draft' | 'inReview' | 'published' | 'cancelled'
  published_version: number | null
  /** An approved version waiting for its effective date (migration 010), with that date. */
  scheduled_version?: number | null
  scheduled_date?: string | null
  created_at: number
  updated_at: number
}

/**
 * The version in force on `day` (China day, YYYY-MM-DD): the scheduled version from its effective
 * date on, else the published one; null when none is in force yet (a new item approved for a
 * future date). Pure: the hall and case start resolve it on every read, whether or not the
 * promotion has been written yet (settleScheduled).
 */
export function effectiveVersion(item: Pick<ItemRow, 'published_version' | 'scheduled_version' | 'scheduled_date'>, day: string): number | null {
  if (item.scheduled_version !== null && item.scheduled_version !== undefined && item.scheduled_date && item.scheduled_date <= day) return Number(item.scheduled_version)
  return item.published_version === null ? null : Number(item.published_version)
}

const today = (deps: Deps) => deps.calendar.dayOf(deps.now())

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
  if (!row || (row.status !== 'published' && row.status !== 'scheduled' && row.status !== 'superseded' && row.status !== 'cancelled'))
    throw new AppError('NOT_FOUND', `item ${key} has no published version ${version}`, { key, version })
  const { definition } = parseDefinition(JSON.parse(row.definition))
  if (!definition) throw new Error(`published definition ${key}@${version} no longer parses`)
  if (cache.size > 2000) cache.clear()
  cache.set(id, definition)
  return definition
}

/**
 * The version new cases start on: the one in force today, not cancelled (清单之外无权力). Cases
 * started earlier keep the version they started with.
 */
export async function currentPublished(deps: Deps, key: string): Promise<{ item: ItemRow; definition: PowerItemDefinition }> {
  const item = (await deps.db.knex('items').where({ key }).first()) as ItemRow | undefined
  const version = item ? effectiveVersion(item, today(deps)) : null
  if (!item || version === null || item.status === 'cancelled')
    throw new AppError('NOT_FOUND', `"${key}" is not a published power item; it cannot be applied for`, { key })
  return { item: { ...item, published_version: version }, definition: await definitionAt(deps, key, version) }
}

/** Every item in force today with the version in force (the public catalog). */
export async function listPublished(deps: Deps): Promise<{ item: ItemRow; definition: PowerItemDefinition }[]> {
  const day = today(deps)
  const items = (await deps.db
    .knex('items')
    .where((w) => w.whereNotNull('published_version').orWhere('scheduled_date', '<=', day))
    .whereNot({ status: 'cancelled' })
    .orderBy('key')) as ItemRow[]
  return Promise.all(
    items.map(async (item) => {
      const version = effectiveVersion(item, day) as number
      return { item: { ...item, published_version: version }, definition: await definitionAt(deps, item.key, version) }
    }),
  )
}

/**
 * Records the promotions that are due: for each item whose scheduled version's effective date has
 * come, the previous published version becomes superseded, the scheduled one published, and the
 * item points at it. Idempotent and safe with concurrent callers (a conditional update on the
 * item decides; the loser changes nothing). Reads never depend on it (effectiveVersion); it keeps
 * the stored statuses true. `key` limits it to one item. Returns the promoted item keys.
 */
export async function settleScheduled(deps: Deps, key?: string): Promise<string[]> {
  const day = today(deps)
  const q = deps.db.knex('items').whereNotNull('scheduled_version').where('scheduled_date', '<=', day)
  if (key) q.where({ key })
  const due = (await q) as ItemRow[]
  const promoted: string[] = []
  for (const item of due) {
    const version = Number(item.scheduled_version)
    const done = await deps.db.knex.transaction(async (trx) => {
      const row = (await trx('item_versions').where({ item_key: item.key, version }).first()) as { definition: string } | undefined
      const def = row ? (JSON.parse(row.definition) as { item?: { name?: string; category?: string } }) : {}
      const n = await trx('items')
        .where({ key: item.key, scheduled_version: version })
        .update({
          published_version: version,
          scheduled_version: null,
          scheduled_date: null,
          ...(item.status === 'cancelled' ? {} : { status: 'published' }),
          ...(def.item?.name ? { name: def.item.name } : {}),
          ...(def.item?.category ? { category: def.item.category } : {}),
          updated_at: deps.now(),
        })
      if (n !== 1) return false
      if (item.published_version !== null && Number(item.published_version) !== version)
        await trx('item_versions').where({ item_key: item.key, version: item.published_version, status: 'published' }).update({ status: 'superseded', updated_at: deps.now() })
      await trx('item_versions').where({ item_key: item.key, version, status: 'scheduled' }).update({ status: 'published', updated_at: deps.now() })
      await audit({ ...deps, db: { ...deps.db, knex: trx } }, {
        actorId: null,
        action: 'item.effective',
        target: `${item.key}@${version}`,
        success: true,
        details: { effectiveDate: item.scheduled_date, superseded: item.published_version === null ? null : Number(item.published_version) },
      })
      return true
    })
    if (done) promoted.push(item.key)
  }
  return promoted
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
