import { defaultDictionaries } from '@sunlight/definition'
import { refusal } from '../refusal'
import type { Command } from '../types'
import { acceptanceStep, emit, event, holdsPost, needsReason, refuse, type Ctx, type Decision } from './context'

type Of<T extends Command['type']> = Extract<Command, { type: T }>

/** A step the actor holds whose definition allows `op`; before acceptance, the acceptance post may. */
function actingStep(ctx: Ctx, op: string): { node: string; post: string } | undefined {
  const a = ctx.cmd.actor
  if (ctx.state.status === 'submitted' || ctx.state.status === 'awaitingSupplement') {
    const acc = acceptanceStep(ctx.def)
    return holdsPost(a, acc.post) ? { node: acc.id, post: acc.post } : undefined
  }
  for (const t of ctx.state.tasks) {
    const n = ctx.graph.nodes.get(t.node)?.node
    if (n?.type === 'step' && holdsPost(a, n.post) && n.operations.includes(op as never)) return { node: n.id, post: n.post }
  }
  return undefined
}

const denied = (ctx: Ctx, op: string) =>
  refusal('operation.not_allowed', { node: ctx.state.tasks.map((t) => t.node).join('/') || 'acceptance', operation: op, operationZh: op })

/** 办结 early with a result code (补正逾期, 退件, 转报 …) and a reason. */
export function conclude(ctx: Ctx<Of<'conclude'>>): Decision {
  const results = new Set([...defaultDictionaries.result.map((r) => r.code), ...ctx.def.flow.nodes.flatMap((n) => (n.type === 'end' ? [n.result] : []))])
  if (!results.has(ctx.cmd.result)) return refuse(refusal('result.unknown', { result: ctx.cmd.result }))
  const noReason = needsReason(ctx, ctx.cmd.reason)
  if (noReason) return refuse(noReason)
  const at = actingStep(ctx, 'conclude')
  if (!at) return refuse(denied(ctx, 'conclude'))
  return emit(event(ctx, 'case:concluded', { ...at, reason: ctx.cmd.reason, data: { result: ctx.cmd.result } }))
}

/** 作废 with a reason. */
export function voidCase(ctx: Ctx<Of<'void'>>): Decision {
  const noReason = needsReason(ctx, ctx.cmd.reason)
  if (noReason) return refuse(noReason)
  const at = actingStep(ctx, 'void')
  if (!at) return refuse(denied(ctx, 'void'))
  return emit(event(ctx, 'case:voided', { ...at, reason: ctx.cmd.reason, data: { result: 'voided' } }))
}

/**
 * 并案 (行政处罚): this case's decision covers the listed cases. Each of those receives `mergeInto`
 * (the server applies both in one transaction) and is concluded as merged, so no act is fined twice
 * (一事不再罚, 行政处罚法 art. 29).
 */
export function merge(ctx: Ctx<Of<'merge'>>): Decision {
  const { cmd, state, def } = ctx
  const bad = (detail: string, detailZh: string) => refuse(refusal('merge.invalid', { detail, detailZh }))
  if (def.item.category !== '02') return bad('only penalty cases can be merged', '只有行政处罚案件可以并案')
  if (cmd.caseNos.length === 0) return bad('name the cases to merge', '请列出需并案的案件')
  if (cmd.caseNos.includes(state.caseNo)) return bad('a case cannot be merged into itself', '案件不能与自身并案')
  const again = cmd.caseNos.find((n) => state.merged.includes(n))
  if (again) return bad(`case ${again} is already merged here`, `案件 ${again} 已并入本案`)
  const noReason = needsReason(ctx, cmd.reason)
  if (noReason) return refuse(noReason)
  const at = actingStep(ctx, 'merge')
  if (!at) return refuse(denied(ctx, 'merge'))
  return emit(event(ctx, 'case:merged', { ...at, reason: cmd.reason, data: { caseNos: [...cmd.caseNos] } }))
}

export function mergeInto(ctx: Ctx<Of<'mergeInto'>>): Decision {
  const { cmd, state, def } = ctx
  if (def.item.category !== '02' || cmd.into === state.caseNo)
    return refuse(refusal('merge.invalid', { detail: 'cannot merge into that case', detailZh: '不能并入该案件' }))
  const noReason = needsReason(ctx, cmd.reason)
  if (noReason) return refuse(noReason)
  const at = actingStep(ctx, 'merge')
  if (!at) return refuse(denied(ctx, 'merge'))
  return emit(event(ctx, 'case:mergedInto', { ...at, reason: cmd.reason, data: { into: cmd.into, result: 'merged' } }))
}
