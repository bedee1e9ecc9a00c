import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { itemDto, parseJson, scopeOf, versionDto, versionsOf, visibleItem, type ChangeRequest, type VersionRow } from './governance-model'
import { settleScheduled, type ItemRow } from './items-store'
import { listDepartments } from './org'
import { definitionDiff, diffSummary } from './review-parts'

/** Reading the governed catalog: every list is limited to the departments the user sees. */

const departmentMap = async (deps: Deps) => new Map((await listDepartments(deps)).map((d) => [d.id, d]))

export interface ItemFilter {
  status?: ItemRow['status']
  department?: string
  q?: string
}

/** Items the user sees, with the version in progress (draft or in review) if any. */
export async function listItems(deps: Deps, user: User, filter: ItemFilter) {
  await settleScheduled(deps)
  const scope = await scopeOf(deps, user)
  const q = deps.db.knex('items').orderBy('key')
  if (scope !== 'all') q.whereIn('department_id', [...scope])
  if (filter.status) q.where({ status: filter.status })
  if (filter.department) q.where({ department_id: filter.department })
  const items = ((await q) as ItemRow[]).filter((i) => !filter.q || i.name.includes(filter.q) || i.key.includes(filter.q))
  const open = items.length
    ? ((await deps.db.knex('item_versions').whereIn('status', ['draft', 'submitted']).whereIn('item_key', items.map((i) => i.key)).select('item_key', 'version', 'status')) as Pick<VersionRow, 'item_key' | 'version' | 'status'>[])
    : []
  const departments = await departmentMap(deps)
  return {
    items: items.map((i) => ({
      ...itemDto(i, departments),
      draftVersion: num(open.find((v) => v.item_key === i.key && v.status === 'draft')?.version),
      pendingVersion: num(open.find((v) => v.item_key === i.key && v.status === 'submitted')?.version),
    })),
  }
}

const num = (v: number | string | undefined) => (v === undefined ? null : Number(v))

/** One item with the summary of every version. */
export async function getItem(deps: Deps, user: User, key: string) {
  await visibleItem(deps, user, key)
  await settleScheduled(deps, key)
  const item = await visibleItem(deps, user, key)
  return { item: itemDto(item, await departmentMap(deps)), versions: (await versionsOf(deps.db.knex, key)).map((v) => versionDto(v, false)) }
}

export async function getVersion(deps: Deps, user: User, key: string, version: number) {
  await visibleItem(deps, user, key)
  const row = (await deps.db.knex('item_versions').where({ item_key: key, version }).first()) as VersionRow | undefined
  if (!row) throw new AppError('NOT_FOUND', `"${key}" has no version ${version}`, { key, version })
  return versionDto(row, true)
}

/**
 * The structural diff between two versions. `to` defaults to the latest version; `from` to the
 * version `to` was submitted against (its change request's base), else the published version;
 * `from=0` compares with nothing (everything added).
 */
export async function itemDiff(deps: Deps, user: User, key: string, query: { from?: number; to?: number }) {
  const item = await visibleItem(deps, user, key)
  const versions = await versionsOf(deps.db.knex, key)
  const find = (v: number, field: string) => {
    const row = versions.find((x) => Number(x.version) === v)
    if (!row) throw new AppError('NOT_FOUND', `"${key}" has no version ${v}`, { key, version: v, issues: [{ path: `/query/${field}`, message: `no version ${v}` }] })
    return row
  }
  const toRow = query.to !== undefined ? find(query.to, 'to') : versions[versions.length - 1]
  if (!toRow) throw new AppError('NOT_FOUND', `"${key}" has no version`, { key })
  const base = (parseJson(toRow.change_request) as Partial<ChangeRequest> | null)?.baseVersion
  const published = item.published_version === null ? null : Number(item.published_version)
  let from: number | null
  if (query.from !== undefined) from = query.from === 0 ? null : query.from
  else if (typeof base === 'number' || base === null) from = base
  else from = published !== null && published !== Number(toRow.version) ? published : null
  const fromRow = from === null ? null : find(from, 'from')
  const entries = definitionDiff(fromRow ? parseJson(fromRow.definition) : {}, parseJson(toRow.definition))
  return { key, from, to: Number(toRow.version), summary: diffSummary(entries), entries }
}

/** Submissions waiting for review in the reviewer's departments; `canReview` is false for his own. */
export async function reviewQueue(deps: Deps, user: User) {
  const scope = await scopeOf(deps, user)
  const q = deps.db
    .knex('item_versions as v')
    .join('items as i', 'i.key', 'v.item_key')
    .where('v.status', 'submitted')
    .select('v.*', 'i.name as item_name', 'i.department_id as department_id', 'i.published_version as published_version')
    .orderBy('v.updated_at')
  if (scope !== 'all') q.whereIn('i.department_id', [...scope])
  const rows = (await q) as (VersionRow & { item_name: string; department_id: string; published_version: number | null })[]
  const departments = await departmentMap(deps)
  return {
    submissions: rows.map((r) => {
      const cr = parseJson(r.change_request) as ChangeRequest
      return {
        key: r.item_key,
        version: Number(r.version),
        name: r.item_name,
        departmentId: r.department_id,
        departmentName: departments.get(r.department_id)?.name ?? null,
        type: cr.type,
        reason: cr.reason,
        legalBasis: cr.legalBasis ?? null,
        targetDepartmentId: cr.targetDepartmentId ?? null,
        baseVersion: cr.baseVersion,
        submittedBy: cr.submittedBy,
        submittedAt: cr.submittedAt,
        diffSummary: diffSummary(cr.diff ?? []),
        canReview: cr.submittedBy !== user.id && r.created_by !== user.id,
      }
    }),
  }
}
