import { validateDefinition, type Diagnostic } from '@sunlight/definition'
import type { Knex } from 'knex'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { ItemRow } from './items-store'
import { visibleDepartments, type Department } from './org'
import { diffSummary, type PartDiffEntry, type ReviewPart } from './review-parts'

/** Rows, shapes and access checks shared by the catalog-governance services. */

export type VersionStatus = 'draft' | 'submitted' | 'rejected' | 'scheduled' | 'published' | 'superseded' | 'cancelled'
export const changeTypes = ['add', 'change', 'cancel', 'delegate'] as const
export type ChangeType = (typeof changeTypes)[number]

export interface VersionRow {
  item_key: string
  version: number
  status: VersionStatus
  definition: string | null
  change_request: string | null
  review: string | null
  effective_date: string | null
  created_by: string | null
  created_at: number | string
  updated_at: number | string
}

/** What a submission records (stored as JSON in item_versions.change_request). */
export interface ChangeRequest {
  type: ChangeType
  reason: string
  legalBasis?: string
  /** delegate: where the item goes, and where it came from */
  targetDepartmentId?: string
  fromDepartmentId?: string
  /** The published version this one was compared with; null for a new item. */
  baseVersion: number | null
  diff: PartDiffEntry[]
  submittedBy: string
  submittedAt: number
}

export interface PartDecision {
  decision: 'confirm' | 'reject'
  reason?: string
}

/** What a review records (stored as JSON in item_versions.review). */
export interface Review {
  reviewerId: string
  reviewerName: string
  at: number
  outcome: 'published' | 'rejected' | 'cancelled' | 'delegated'
  parts: {
    basicInfo: PartDecision
    publicFlow: PartDecision
    internalFlow: { filed: true; note?: string }
    discretion: { filed: true; note?: string }
  }
  /** Rejection reasons per confirmable part. */
  reasons?: Partial<Record<ReviewPart, string>>
  effectiveDate?: string
}

/** Anything done by a person: who, and from where (for the audit log). */
export interface Actor {
  user: User
  ip?: string
}

export const parseJson = (s: string | null): unknown => (s === null || s === undefined ? null : JSON.parse(s))
const num = (v: number | string | null) => (v === null ? null : Number(v))

export function itemDto(r: ItemRow, departments?: ReadonlyMap<string, Department>) {
  return {
    key: r.key,
    name: r.name,
    category: r.category,
    departmentId: r.department_id,
    ...(departments ? { departmentName: departments.get(r.department_id)?.name ?? null } : {}),
    status: r.status,
    publishedVersion: num(r.published_version),
    /** An approved version waiting for its effective date; the published one is in force until then. */
    scheduled: r.scheduled_version === null || r.scheduled_version === undefined ? null : { version: Number(r.scheduled_version), effectiveDate: r.scheduled_date ?? null },
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  }
}

/** A version; `full` adds the definition, the diff and (for drafts and submissions) the diagnostics. */
export function versionDto(r: VersionRow, full: boolean) {
  const cr = parseJson(r.change_request) as (Partial<ChangeRequest> & Record<string, unknown>) | null
  const { diff, ...crRest } = cr ?? {}
  const base = {
    key: r.item_key,
    version: Number(r.version),
    status: r.status,
    changeRequest: cr ? { ...crRest, diffSummary: Array.isArray(diff) ? diffSummary(diff) : null, ...(full ? { diff: diff ?? [] } : {}) } : null,
    review: parseJson(r.review),
    effectiveDate: r.effective_date,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  }
  if (!full) return base
  const definition = parseJson(r.definition)
  return { ...base, definition, ...(r.status === 'draft' || r.status === 'submitted' ? diagnosticsOf(definition) : {}) }
}

export function diagnosticsOf(definition: unknown): { valid: boolean; diagnostics: Diagnostic[] } {
  const diagnostics = validateDefinition(definition)
  return { valid: !diagnostics.some((d) => d.severity === 'error'), diagnostics }
}

/** Departments whose items the user sees: designers their own, reviewers their level and below, admins all. */
export async function scopeOf(deps: Deps, user: User): Promise<Set<string> | 'all'> {
  return visibleDepartments(deps, user)
}

export const inScope = (scope: Set<string> | 'all', departmentId: string) => scope === 'all' || scope.has(departmentId)

/**
 * An item the user may see. Another department's item answers 404, exactly like a missing one,
 * so that drafts of other departments do not leak their existence.
 */
export async function visibleItem(deps: Deps, user: User, key: string): Promise<ItemRow> {
  const item = (await deps.db.knex('items').where({ key }).first()) as ItemRow | undefined
  if (!item || !inScope(await scopeOf(deps, user), item.department_id)) throw new AppError('NOT_FOUND', `no item "${key}"`, { key })
  return item
}

/**
 * An item the user may edit: designers only their own department's (a reviewer who is also a
 * designer may see more than he may edit: 403 for those), administrators any.
 */
export async function editableItem(deps: Deps, user: User, key: string): Promise<ItemRow> {
  const item = await visibleItem(deps, user, key)
  if (!user.roles.includes('admin') && !(user.roles.includes('designer') && item.department_id === user.departmentId))
    throw new AppError('FORBIDDEN', 'designers edit the items of their own department only', { key, departmentId: item.department_id })
  if (item.status === 'cancelled') throw new AppError('CONFLICT', `item "${key}" is cancelled; it takes no new version`, { key, status: item.status })
  return item
}

export async function versionsOf(db: Knex, key: string): Promise<VersionRow[]> {
  return (await db('item_versions').where({ item_key: key }).orderBy('version')) as VersionRow[]
}

/** Throws 409 when a version of the item is waiting for review (one change at a time). */
export function refuseWhilePending(key: string, versions: readonly VersionRow[]): void {
  const pending = versions.find((v) => v.status === 'submitted')
  if (pending)
    throw new AppError('CONFLICT', `version ${pending.version} of "${key}" is in review; wait for the decision`, { key, status: 'inReview', version: Number(pending.version) })
}

/** Maps a unique-key violation (a concurrent request won) to 409. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; message?: string }
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint failed/.test(err.message ?? '')
}

/** A 400 naming one input field, in the same shape parseInput produces. */
export function fieldError(path: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', `invalid ${path.split('/')[1]}: ${path} ${message}`, { issues: [{ path, message }], ...extra })
}
