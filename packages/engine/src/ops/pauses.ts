import { refusal, pauseNamesZh } from '../refusal'
import type { Command } from '../types'
import { allows, emit, event, holdsPost, needsReason, notAllowed, refuse, taskFor, type Ctx, type Decision } from './context'

type Of<T extends Command['type']> = Extract<Command, { type: T }>

function openPause(ctx: Ctx) {
  return ctx.state.pauses.find((p) => p.to === undefined)
}

function stepActor(ctx: Ctx, node: string | undefined, op: string) {
  const target = node ?? ctx.state.tasks[0]?.node ?? ''
  const found = taskFor(ctx, target)
  if ('refusal' in found) return { refusal: found.refusal }
  if (!allows(found.step, op)) return { refusal: notAllowed(found.step, op) }
  return { node: target, post: found.step.post }
}

/**
 * 特别程序 (hearing, testing, expert review, public notice…): a type the definition allows; its time
 * is excluded from the case limit (行政许可法 art. 45) and runs on its own clock up to its maximum.
 */
export function startSpecialProcedure(ctx: Ctx<Of<'startSpecialProcedure'>>): Decision {
  const { cmd } = ctx
  const active = openPause(ctx)
  if (active) return refuse(refusal('pause.active', { kind: active.kind, kindZh: pauseNamesZh[active.kind] ?? active.kind }))
  if (!ctx.def.timeLimits.specialProcedures.some((s) => s.type === cmd.procedure))
    return refuse(refusal('special_procedure.not_allowed', { procedure: cmd.procedure }))
  const noReason = needsReason(ctx, cmd.reason)
  if (noReason) return refuse(noReason)
  const who = stepActor(ctx, cmd.node, 'specialProcedure')
  if ('refusal' in who) return refuse(who.refusal as NonNullable<typeof who.refusal>)
  return emit(
    event(ctx, 'case:specialProcedureStarted', { node: who.node, post: who.post, reason: cmd.reason, data: { procedure: cmd.procedure } }),
  )
}

export function endSpecialProcedure(ctx: Ctx<Of<'endSpecialProcedure'>>): Decision {
  const active = openPause(ctx)
  if (active?.kind !== 'specialProcedure') return refuse(refusal('special_procedure.none'))
  const a = ctx.cmd.actor
  if (a.kind !== 'staff') return refuse(refusal('actor.not_staff'))
  const task = ctx.state.tasks.find((t) => {
    const n = ctx.graph.nodes.get(t.node)?.node
    return n?.type === 'step' && holdsPost(a, n.post)
  })
  if (!task) return refuse(refusal('post.mismatch', { post: ctx.state.tasks.map((t) => t.node).join('/') }))
  return emit(
    event(ctx, 'case:specialProcedureEnded', { node: task.node, data: { procedure: active.procedure, outcome: ctx.cmd.outcome } }),
  )
}

/** 暂停 with a reason; every clock stops until 恢复. */
export function suspend(ctx: Ctx<Of<'suspend'>>): Decision {
  const active = openPause(ctx)
  if (active) return refuse(refusal('pause.active', { kind: active.kind, kindZh: pauseNamesZh[active.kind] ?? active.kind }))
  const noReason = needsReason(ctx, ctx.cmd.reason)
  if (noReason) return refuse(noReason)
  const who = stepActor(ctx, undefined, 'suspend')
  if ('refusal' in who) return refuse(who.refusal as NonNullable<typeof who.refusal>)
  return emit(event(ctx, 'case:suspended', { node: who.node, post: who.post, reason: ctx.cmd.reason }))
}

export function resume(ctx: Ctx<Of<'resume'>>): Decision {
  const active = openPause(ctx)
  if (active?.kind !== 'suspension') return refuse(refusal('pause.none'))
  const who = stepActor(ctx, undefined, 'suspend')
  if ('refusal' in who) return refuse(who.refusal as NonNullable<typeof who.refusal>)
  return emit(event(ctx, 'case:resumed', { node: who.node, post: who.post, reason: ctx.cmd.reason }))
}

/**
 * 延期 under the definition's rule (行政许可法 art. 42: +10 days with the head's approval, the
 * applicant told why). The approver must hold the rule's post; the total may not exceed the maximum.
 * An extension lengthens both the statutory and the promised limit.
 */
export function extend(ctx: Ctx<Of<'extend'>>): Decision {
  const rule = ctx.def.timeLimits.extension
  if (!rule) return refuse(refusal('extension.not_allowed'))
  const noReason = needsReason(ctx, ctx.cmd.reason)
  if (noReason) return refuse(noReason)
  const a = ctx.cmd.actor
  if (!holdsPost(a, rule.approverPost)) return refuse(refusal('post.mismatch', { post: rule.approverPost }))
  const step = ctx.state.tasks
    .map((t) => ctx.graph.nodes.get(t.node)?.node)
    .find((n) => n?.type === 'step' && n.operations.includes('extend'))
  if (!step) return refuse(refusal('operation.not_allowed', { node: ctx.state.tasks[0]?.node ?? '', operation: 'extend', operationZh: '延期' }))
  const total = ctx.state.extension + ctx.cmd.value
  if (!Number.isInteger(ctx.cmd.value) || ctx.cmd.value <= 0 || total > rule.max.value)
    return refuse(refusal('extension.exceeds', { requested: ctx.cmd.value, max: `${rule.max.value} ${rule.max.unit}` }))
  return emit(event(ctx, 'case:extended', { node: step.id, post: rule.approverPost, reason: ctx.cmd.reason, data: { value: ctx.cmd.value, unit: rule.max.unit } }))
}
