import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { inTransaction } from './catalog-governance'
import { settleScheduled } from './items-store'
import { fieldError, itemDto, parseJson, versionDto, visibleItem, type Actor, type ChangeRequest, type PartDecision, type Review, type VersionRow } from './governance-model'
import type { ItemRow } from './items-store'
import { confirmableParts, type ReviewPart } from './review-parts'

/**
 * The legal office's review of a submitted version (法制办 审核确认), per part (domain.md §1.4):
 * basic information and the public flowchart are confirmed or rejected (a rejection needs a
 * reason); the internal flowchart and the discretion standards are filed (备案), with an optional
 * note. One rejected part rejects the version. When both are confirmed:
 *
 * - add / change: the version is published with the effective date the reviewer chose: today
 *   (China time) by default, or a later day (at most a year ahead). Effective today, the previous
 *   published version becomes superseded at once; on a later day the version is `scheduled`, the
 *   previous one stays in force until then, and from that day new cases start on the new version
 *   (items-store.ts effectiveVersion / settleScheduled). Running cases always keep theirs. A later
 *   approval replaces a version still waiting for its date (it is superseded, never in force).
 * - delegate (下放): as change, effective today, and the item moves to the target department.
 * - cancel: the request version is recorded as `cancelled` (effective today) and the previous
 *   published version as superseded; the item is `cancelled` and accepts no new case
 *   (清单之外无权力). `items.published_version` keeps naming the last version cases could start
 *   on; running cases go on with the version they started with.
 *
 * Separation of duties: nobody reviews a version he submitted or whose draft he opened (403).
 */
export interface ReviewInput {
  basicInfo: PartDecision
  publicFlow: PartDecision
  internalFlow?: { note?: string }
  discretion?: { note?: string }
  /** YYYY-MM-DD, today or later (add / change only); today when absent. */
  effectiveDate?: string
}

/** The last day a publication may be scheduled for: a year ahead. */
function latestEffectiveDay(today: string): string {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  return d.toISOString().slice(0, 10)
}

export async function reviewVersion(deps: Deps, actor: Actor, key: string, version: number, input: ReviewInput) {
  const { user } = actor
  await visibleItem(deps, user, key)
  // a version whose date has come is recorded as published first, so this decision supersedes the right one
  await settleScheduled(deps, key)
  return inTransaction(deps, async (tx) => {
    const item = (await tx.db.knex('items').where({ key }).first()) as ItemRow
    const row = (await tx.db.knex('item_versions').where({ item_key: key, version }).first()) as VersionRow | undefined
    if (!row) throw new AppError('NOT_FOUND', `"${key}" has no version ${version}`, { key, version })
    if (row.status !== 'submitted')
      throw new AppError('CONFLICT', `version ${version} of "${key}" is ${row.status}, not submitted for review`, { key, version, status: row.status })
    const cr = parseJson(row.change_request) as ChangeRequest
    if (cr.submittedBy === user.id || row.created_by === user.id)
      throw new AppError('FORBIDDEN', 'you cannot review a version you drafted or submitted (separation of duties)', { reason: 'SEPARATION_OF_DUTIES', key, version })

    const now = tx.now()
    const today = tx.calendar.dayOf(now)
    const effective = input.effectiveDate ?? today
    const rejectedParts = confirmableParts.filter((p) => input[p].decision === 'reject')
    if (rejectedParts.length === 0) {
      if (effective < today) throw fieldError('/body/effectiveDate', `must be today (${today}) or later`, { today })
      if (effective > latestEffectiveDay(today)) throw fieldError('/body/effectiveDate', `must be within a year (at the latest ${latestEffectiveDay(today)})`, { today })
      if (effective > today && (cr.type === 'cancel' || cr.type === 'delegate'))
        throw fieldError('/body/effectiveDate', `a ${cr.type} request takes effect on the day it is confirmed; only add and change may be scheduled`, { today })
    }
    const future = rejectedParts.length === 0 && effective > today
    const reasons: Partial<Record<ReviewPart, string>> = Object.fromEntries(rejectedParts.map((p) => [p, input[p].reason ?? '']))
    const outcome: Review['outcome'] = rejectedParts.length > 0 ? 'rejected' : cr.type === 'cancel' ? 'cancelled' : cr.type === 'delegate' ? 'delegated' : 'published'
    const review: Review = {
      reviewerId: user.id,
      reviewerName: user.name,
      at: now,
      outcome,
      parts: {
        basicInfo: input.basicInfo,
        publicFlow: input.publicFlow,
        internalFlow: { filed: true, ...(input.internalFlow?.note ? { note: input.internalFlow.note } : {}) },
        discretion: { filed: true, ...(input.discretion?.note ? { note: input.discretion.note } : {}) },
      },
      ...(outcome === 'rejected' ? { reasons } : { effectiveDate: effective }),
    }

    const versionStatus = outcome === 'rejected' ? 'rejected' : outcome === 'cancelled' ? 'cancelled' : future ? 'scheduled' : 'published'
    const versionPatch = { status: versionStatus, review: JSON.stringify(review), effective_date: outcome === 'rejected' ? null : effective, updated_at: now }
    const n = await tx.db.knex('item_versions').where({ item_key: key, version, status: 'submitted' }).update(versionPatch)
    if (n !== 1) throw new AppError('CONFLICT', `version ${version} of "${key}" was reviewed meanwhile`, { key, version })

    let itemPatch: Partial<ItemRow>
    const waiting = item.scheduled_version === null || item.scheduled_version === undefined ? null : Number(item.scheduled_version)
    if (outcome === 'rejected') itemPatch = { status: item.published_version !== null || waiting !== null ? 'published' : 'draft' }
    else {
      // Any approval replaces a version still waiting for its date: it never comes into force.
      if (waiting !== null) await tx.db.knex('item_versions').where({ item_key: key, version: waiting, status: 'scheduled' }).update({ status: 'superseded', updated_at: now })
      if (future) itemPatch = { status: 'published', scheduled_version: version, scheduled_date: effective }
      else {
        if (item.published_version !== null)
          await tx.db.knex('item_versions').where({ item_key: key, version: item.published_version, status: 'published' }).update({ status: 'superseded', updated_at: now })
        itemPatch = { scheduled_version: null, scheduled_date: null }
      }
    }
    if (outcome !== 'rejected' && !future) {
      if (outcome === 'cancelled') itemPatch.status = 'cancelled'
      else {
        const def = parseJson(row.definition) as { item: { name: string; category: string } }
        Object.assign(itemPatch, { status: 'published', published_version: version, name: def.item.name, category: def.item.category })
        if (outcome === 'delegated' && cr.targetDepartmentId) itemPatch.department_id = cr.targetDepartmentId
      }
    }
    itemPatch.updated_at = now
    await tx.db.knex('items').where({ key }).update(itemPatch)

    const target = `${key}@${version}`
    await audit(tx, { actorId: user.id, action: 'item.review', target, ip: actor.ip, success: true, details: { type: cr.type, outcome, parts: review.parts } })
    await audit(tx, {
      actorId: user.id,
      action: `item.${outcome}`,
      target,
      ip: actor.ip,
      success: true,
      details: {
        item: { from: item.status, to: itemPatch.status },
        version: { from: 'submitted', to: versionStatus },
        ...(outcome === 'rejected'
          ? { reasons }
          : { effectiveDate: effective, ...(future ? { inForceUntilThen: item.published_version } : { superseded: item.published_version }), ...(waiting !== null ? { replacedScheduled: waiting } : {}) }),
        ...(outcome === 'delegated' ? { fromDepartmentId: item.department_id, toDepartmentId: cr.targetDepartmentId } : {}),
      },
    })
    return { item: itemDto({ ...item, ...itemPatch }), version: versionDto({ ...row, ...versionPatch } as VersionRow, true) }
  })
}
