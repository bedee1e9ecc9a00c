import { refusal } from '../refusal'
import type { Command } from '../types'
import { advance } from '../routing'
import { separationBreach } from './separation'
import {
  acceptanceStep,
  allows,
  conditionScope,
  emit,
  event,
  holdsPost,
  missingMaterials,
  needsReason,
  notAllowed,
  refuse,
  taskFor,
  type Ctx,
  type Decision,
} from './context'

type Of<T extends Command['type']> = Extract<Command, { type: T }>

function atWindow(ctx: Ctx): Decision | undefined {
  const acc = acceptanceStep(ctx.def)
  const a = ctx.cmd.actor
  if (a.kind !== 'staff') return refuse(refusal('actor.not_staff'))
  if (!holdsPost(a, acc.post)) return refuse(refusal('post.mismatch', { post: acc.post }))
  return undefined
}

/**
 * 受理. Every mandatory material must be present. The clocks start from (行政许可法 art. 32):
 * - the day the materials became complete, after a pre-acceptance 补正 (受理日期 = 补齐之日);
 * - the day of receipt, when the 补正 notice came later than the item's notice limit (default 5
 *   working days): "逾期不告知的，自收到申请材料之日起即为受理";
 * - otherwise the moment of acceptance.
 * The day the clock starts is never counted (art. 82 / calendar README).
 */
export function accept(ctx: Ctx<Of<'accept'>>): Decision {
  const denied = atWindow(ctx)
  if (denied) return denied
  const missing = missingMaterials(ctx.def, ctx.state.materials)
  if (missing.length)
    return refuse(
      refusal('materials.incomplete', {
        missing: missing.map((m) => m.id).join(', '),
        missingZh: missing.map((m) => m.name).join('、'),
      }),
    )
  const acc = acceptanceStep(ctx.def)
  const breach = separationBreach(ctx, acc.id)
  if (breach) return refuse(breach)
  const s = ctx.state
  let clockStart = ctx.now
  let basis = 'accepted'
  if (s.preAcceptanceNoticeAt !== undefined) {
    const noticeDeadline = ctx.cal.addLimit(s.submittedAt, ctx.def.timeLimits.supplementNotice)
    if (s.preAcceptanceNoticeAt > noticeDeadline) {
      clockStart = s.submittedAt
      basis = 'lateSupplementNotice'
    } else if (s.materialsCompletedAt !== undefined) {
      clockStart = s.materialsCompletedAt
      basis = 'materialsCompleted'
    }
  }
  const route = advance(ctx.graph, s, acc.id, conditionScope(ctx, s.form))
  return emit(
    event(ctx, 'case:accepted', { post: acc.post, node: acc.id, opinion: ctx.cmd.opinion, data: { clockStart, basis }, route }),
  )
}

/** 不予受理: a reason is required (and is printed on the notice with the applicant's remedies). */
export function refuseCase(ctx: Ctx<Of<'refuse'>>): Decision {
  const denied = atWindow(ctx)
  if (denied) return denied
  const noReason = needsReason(ctx, ctx.cmd.reason)
  if (noReason) return refuse(noReason)
  const acc = acceptanceStep(ctx.def)
  return emit(event(ctx, 'case:refused', { post: acc.post, node: acc.id, reason: ctx.cmd.reason, data: { result: 'refused' } }))
}

/**
 * 补正 (一次性告知): the whole list at once. Before acceptance it does not touch any limit; during
 * handling it pauses every clock until the materials arrive. Rounds are counted; a second round
 * needs a reason (repeated 补正 is a sign of trouble, domain.md §5.3).
 */
export function requestSupplement(ctx: Ctx<Of<'requestSupplement'>>): Decision {
  const { cmd, state } = ctx
  if (cmd.items.length === 0 || cmd.items.some((i) => i.description.trim() === '')) return refuse(refusal('supplement.empty'))
  for (const i of cmd.items)
    if (i.materialId !== undefined && !ctx.def.item.materials.some((m) => m.id === i.materialId))
      return refuse(refusal('materials.unknown', { material: i.materialId }))
  if (state.supplementRounds >= 1) {
    const noReason = needsReason(ctx, cmd.reason)
    if (noReason) return refuse(noReason)
  }
  const items = cmd.items.map((i) => ({ ...i }))
  if (state.status === 'submitted') {
    const denied = atWindow(ctx)
    if (denied) return denied
    const acc = acceptanceStep(ctx.def)
    return emit(
      event(ctx, 'case:supplementRequested', {
        post: acc.post,
        node: acc.id,
        reason: cmd.reason,
        data: { items, phase: 'preAcceptance', round: state.supplementRounds + 1 },
      }),
    )
  }
  const node = cmd.node ?? state.tasks[0]?.node ?? ''
  const found = taskFor(ctx, node)
  if ('refusal' in found) return refuse(found.refusal)
  if (!allows(found.step, 'requestSupplement')) return refuse(notAllowed(found.step, 'requestSupplement'))
  return emit(
    event(ctx, 'case:supplementRequested', {
      post: found.step.post,
      node,
      reason: cmd.reason,
      data: { items, phase: 'handling', round: state.supplementRounds + 1 },
    }),
  )
}

/** Materials received from the applicant (online, or at the window by staff of the acceptance post). */
export function supplement(ctx: Ctx<Of<'supplement'>>): Decision {
  const { cmd, state, def } = ctx
  const pending = state.pendingSupplement
  if (!pending) return refuse(refusal('supplement.none_pending'))
  const a = cmd.actor
  if (a.kind === 'system' || (a.kind === 'staff' && !holdsPost(a, acceptanceStep(def).post)))
    return refuse(refusal('actor.not_applicant'))
  for (const id of Object.keys(cmd.materials))
    if (!def.item.materials.some((m) => m.id === id)) return refuse(refusal('materials.unknown', { material: id }))
  const materials = { ...state.materials }
  for (const [k, v] of Object.entries(cmd.materials)) materials[k] = { ...materials[k], ...v }
  const stillMissing = pending.items
    .filter((i) => i.materialId !== undefined && materials[i.materialId]?.provided !== true)
    .map((i) => ({ id: i.materialId as string, name: def.item.materials.find((m) => m.id === i.materialId)?.name ?? '' }))
  if (stillMissing.length)
    return refuse(
      refusal('supplement.incomplete', {
        missing: stillMissing.map((m) => m.id).join(', '),
        missingZh: stillMissing.map((m) => m.name).join('、'),
      }),
    )
  const complete = missingMaterials(def, materials).length === 0
  return emit(event(ctx, 'case:supplemented', { data: { materials: cmd.materials, form: cmd.form, complete, phase: pending.phase } }))
}
