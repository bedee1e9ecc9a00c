import { parseDefinition } from '@sunlight/definition'
import type { Knex } from 'knex'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import {
  editableItem,
  fieldError,
  isUniqueViolation,
  itemDto,
  parseJson,
  refuseWhilePending,
  versionDto,
  versionsOf,
  type Actor,
  type ChangeRequest,
  type ChangeType,
  type VersionRow,
} from './governance-model'
import { blankDefinition } from './item-skeleton'
import { currentPublished, settleScheduled, type ItemRow } from './items-store'
import { listDepartments, subtree, type Department } from './org'
import { definitionDiff } from './review-parts'

/**
 * Catalog governance (权力清单动态调整), the designer's side: create an item, edit its draft,
 * submit it with a change request. The legal office's side is in item-review.ts; reading is in
 * item-queries.ts.
 *
 * Versions: an item has at most one draft and at most one submission at a time, and never both
 * (a new draft cannot be opened while a version is in review). A draft is version max + 1 over all
 * the item's versions, so a number is never reused: once submitted, a version is immutable,
 * whatever the review decides. After a rejection the designer edits again: the next draft
 * (max + 1) starts from the rejected content, and the rejected version stays on record with its
 * reasons. So published versions may skip numbers (1, 3) when a submission was rejected.
 */

/** Runs `fn` in one transaction; the audit entries it writes commit or roll back with the change. */
export async function inTransaction<T>(deps: Deps, fn: (tx: Deps, trx: Knex.Transaction) => Promise<T>): Promise<T> {
  try {
    return await deps.db.knex.transaction((trx) => fn({ ...deps, db: { ...deps.db, knex: trx } }, trx))
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'another request changed this item at the same time; reload and retry', { reason: 'CONCURRENT_CHANGE' })
    throw e
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The server owns `key` and `version` inside a stored definition. */
const normalize = (definition: unknown, key: string, version: number) => (isObj(definition) ? { ...definition, key, version } : definition)

/** Name and category as far as a (possibly invalid) draft says them. */
function factsOf(definition: unknown): { name?: string; category?: string } {
  const item = isObj(definition) && isObj(definition.item) ? definition.item : {}
  const name = typeof item.name === 'string' && item.name.trim() && item.name.length <= 200 ? item.name.trim() : undefined
  const category = typeof item.category === 'string' && /^[0-9A-Za-z_.-]{1,8}$/.test(item.category) ? item.category : undefined
  return { name, category }
}

async function insertDraft(tx: Deps, actor: Actor, key: string, versions: readonly VersionRow[], definition: unknown): Promise<VersionRow> {
  const version = Math.max(0, ...versions.map((v) => Number(v.version))) + 1
  const now = tx.now()
  const row: VersionRow = {
    item_key: key,
    version,
    status: 'draft',
    definition: JSON.stringify(normalize(definition, key, version)),
    change_request: null,
    review: null,
    effective_date: null,
    created_by: actor.user.id,
    created_at: now,
    updated_at: now,
  }
  await tx.db.knex('item_versions').insert(row)
  await audit(tx, { actorId: actor.user.id, action: 'item.draftOpen', target: `${key}@${version}`, ip: actor.ip, success: true })
  return row
}

export type CreateInput = { key?: string; departmentId?: string } & (
  | { source: 'blank'; name: string; category: string }
  | { source: 'template'; templateKey: string }
  | { source: 'import'; definition: Record<string, unknown> }
)

const KEY = /^[a-z0-9][a-z0-9-]{1,79}$/

/** Creates an item with its first draft (version 1): blank, copied from a published item, or imported JSON. */
export async function createItem(deps: Deps, actor: Actor, input: CreateInput) {
  const { user } = actor
  const departments = await listDepartments(deps)
  const departmentId = input.departmentId ?? user.departmentId
  if (!departmentId) throw fieldError('/body/departmentId', 'required: your account belongs to no department')
  if (!user.roles.includes('admin') && departmentId !== user.departmentId)
    throw new AppError('FORBIDDEN', 'designers create items for their own department only', { departmentId })
  const department = departments.find((d) => d.id === departmentId)
  if (!department) throw fieldError('/body/departmentId', `no department "${departmentId}"`)

  let definition: Record<string, unknown>
  let key: string
  if (input.source === 'import') {
    const k = input.key ?? input.definition.key
    if (typeof k !== 'string' || !KEY.test(k)) throw fieldError('/body/key', 'an item key (kebab-case) is required, here or in the definition')
    key = k
    definition = input.definition
  } else {
    if (!input.key) throw fieldError('/body/key', 'required')
    key = input.key
    if (input.source === 'blank') definition = blankDefinition(key, input.name, input.category, department)
    else {
      const source = await currentPublished(deps, input.templateKey).catch(() => {
        throw fieldError('/body/templateKey', `no published item "${input.templateKey}" to copy`)
      })
      definition = structuredClone(source.definition) as unknown as Record<string, unknown>
    }
  }
  const facts = factsOf(definition)
  const now = deps.now()
  return inTransaction(deps, async (tx) => {
    if (await tx.db.knex('items').where({ key }).first()) throw new AppError('CONFLICT', `the item key "${key}" is taken`, { key })
    const item: ItemRow = { key, department_id: departmentId, name: facts.name ?? key, category: facts.category ?? '', status: 'draft', published_version: null, created_at: now, updated_at: now }
    await tx.db.knex('items').insert(item)
    await audit(tx, { actorId: user.id, action: 'item.create', target: key, ip: actor.ip, success: true, details: { source: input.source, departmentId } })
    const draft = await insertDraft(tx, actor, key, [], definition)
    return { item: itemDto(item, new Map(departments.map((d) => [d.id, d]))), draft: versionDto(draft, true) }
  })
}

/**
 * Opens the next draft from the latest version (published, or the rejected submission); returns the
 * existing draft when there is one. 409 while a version is in review.
 */
export async function openDraft(deps: Deps, actor: Actor, key: string) {
  await editableItem(deps, actor.user, key)
  await settleScheduled(deps, key)
  return inTransaction(deps, async (tx) => {
    const versions = await versionsOf(tx.db.knex, key)
    refuseWhilePending(key, versions)
    const existing = versions.find((v) => v.status === 'draft')
    if (existing) return versionDto(existing, true)
    const latest = versions[versions.length - 1]
    return versionDto(await insertDraft(tx, actor, key, versions, parseJson(latest?.definition ?? null)), true)
  })
}

/** Saves the draft (opening it if needed). Drafts may be invalid: the answer lists the diagnostics. */
export async function saveDraft(deps: Deps, actor: Actor, key: string, definition: Record<string, unknown>) {
  const item = await editableItem(deps, actor.user, key)
  return inTransaction(deps, async (tx) => {
    const versions = await versionsOf(tx.db.knex, key)
    refuseWhilePending(key, versions)
    const now = tx.now()
    let draft = versions.find((v) => v.status === 'draft')
    if (!draft) draft = await insertDraft(tx, actor, key, versions, definition)
    else {
      const stored = JSON.stringify(normalize(definition, key, Number(draft.version)))
      const n = await tx.db.knex('item_versions').where({ item_key: key, version: draft.version, status: 'draft' }).update({ definition: stored, updated_at: now })
      if (n !== 1) throw new AppError('CONFLICT', 'the draft changed meanwhile; reload', { key })
      draft = { ...draft, definition: stored, updated_at: now }
    }
    if (item.published_version === null) {
      const facts = factsOf(definition)
      await tx.db.knex('items').where({ key }).update({ ...(facts.name ? { name: facts.name } : {}), ...(facts.category ? { category: facts.category } : {}), updated_at: now })
    }
    return versionDto(draft, true)
  })
}

/** Throws the draft away; an item that has no other version (never submitted) disappears with it. */
export async function discardDraft(deps: Deps, actor: Actor, key: string) {
  await editableItem(deps, actor.user, key)
  return inTransaction(deps, async (tx) => {
    const versions = await versionsOf(tx.db.knex, key)
    const draft = versions.find((v) => v.status === 'draft')
    if (!draft) throw new AppError('CONFLICT', `"${key}" has no draft to discard`, { key, status: (await tx.db.knex('items').where({ key }).first()).status })
    await tx.db.knex('item_versions').where({ item_key: key, version: draft.version, status: 'draft' }).delete()
    const removedItem = versions.length === 1
    if (removedItem) await tx.db.knex('items').where({ key }).delete()
    await audit(tx, { actorId: actor.user.id, action: 'item.draftDiscard', target: `${key}@${draft.version}`, ip: actor.ip, success: true, details: { itemRemoved: removedItem } })
    return { key, discardedVersion: Number(draft.version), itemRemoved: removedItem }
  })
}

export interface SubmitInput {
  type: ChangeType
  reason: string
  legalBasis?: string
  targetDepartmentId?: string
}

/** The government a department belongs to (a unit's parent; a government itself). */
const governmentOf = (d: Department) => (d.level === 'unit' && d.parentId ? d.parentId : d.id)

async function checkDelegation(deps: Deps, item: ItemRow, targetId: string): Promise<void> {
  const all = await listDepartments(deps)
  const target = all.find((d) => d.id === targetId)
  if (!target) throw fieldError('/body/targetDepartmentId', `no department "${targetId}"`)
  const current = all.find((d) => d.id === item.department_id)
  const from = current ? governmentOf(current) : item.department_id
  const to = governmentOf(target)
  if (to === from || !subtree(all, from).has(to))
    throw fieldError('/body/targetDepartmentId', `"${targetId}" is not below the item's level of government (下放 goes to a lower level)`)
}

/**
 * Submits the draft for legal-office review with its change request. `add` is for an item never
 * published; `change`, `cancel` and `delegate` for a published one. A cancel or delegate request
 * needs no edits: without a draft, the published definition is submitted as the next version.
 * 422 with the diagnostics when the draft has errors; 409 when there is nothing to submit.
 */
export async function submitItem(deps: Deps, actor: Actor, key: string, input: SubmitInput) {
  await settleScheduled(deps, key)
  const seen = await editableItem(deps, actor.user, key)
  // approved for a later date counts as published: the next request changes it
  const published = seen.published_version !== null || (seen.scheduled_version !== null && seen.scheduled_version !== undefined)
  if (published && input.type === 'add') throw fieldError('/body/type', `"${key}" is already published: use change, cancel or delegate`)
  if (!published && input.type !== 'add') throw fieldError('/body/type', `"${key}" was never published: the only request is add`)
  if (input.type === 'delegate') await checkDelegation(deps, seen, input.targetDepartmentId as string)
  return inTransaction(deps, async (tx) => {
    const item = (await tx.db.knex('items').where({ key }).first()) as ItemRow
    const versions = await versionsOf(tx.db.knex, key)
    refuseWhilePending(key, versions)
    const base = versions.find((v) => Number(v.version) === Number(item.published_version))
    let draft = versions.find((v) => v.status === 'draft')
    if (!draft && base && (input.type === 'cancel' || input.type === 'delegate')) draft = await insertDraft(tx, actor, key, versions, parseJson(base.definition))
    if (!draft) throw new AppError('CONFLICT', `"${key}" has no draft to submit; save one first`, { key, status: item.status })
    const { definition, diagnostics } = parseDefinition(parseJson(draft.definition))
    if (!definition)
      throw new AppError('UNPROCESSABLE', `version ${draft.version} of "${key}" has errors; fix them before submitting`, { key, version: Number(draft.version), diagnostics })
    const diff = definitionDiff(base ? parseJson(base.definition) : {}, definition)
    if (input.type === 'change' && diff.length === 0)
      throw new AppError('UNPROCESSABLE', `version ${draft.version} of "${key}" does not differ from the published version ${base?.version}; nothing to change`, { key, version: Number(draft.version), diagnostics })
    const now = tx.now()
    const changeRequest: ChangeRequest = {
      type: input.type,
      reason: input.reason,
      ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
      ...(input.type === 'delegate' ? { targetDepartmentId: input.targetDepartmentId, fromDepartmentId: item.department_id } : {}),
      baseVersion: base ? Number(base.version) : null,
      diff,
      submittedBy: actor.user.id,
      submittedAt: now,
    }
    const patch = { status: 'submitted', definition: JSON.stringify(definition), change_request: JSON.stringify(changeRequest), updated_at: now }
    const n = await tx.db.knex('item_versions').where({ item_key: key, version: draft.version, status: 'draft' }).update(patch)
    if (n !== 1) throw new AppError('CONFLICT', 'the draft changed meanwhile; reload', { key })
    await tx.db.knex('items').where({ key }).update({ status: 'inReview', updated_at: now })
    await audit(tx, {
      actorId: actor.user.id,
      action: 'item.submit',
      target: `${key}@${draft.version}`,
      ip: actor.ip,
      success: true,
      details: { type: input.type, from: item.status, to: 'inReview', changes: changeRequest.diff.length },
    })
    return { item: itemDto({ ...item, status: 'inReview', updated_at: now }), version: versionDto({ ...draft, ...patch } as VersionRow, true) }
  })
}

