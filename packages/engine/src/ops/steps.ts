import { isParallelJoin, isParallelSplit, reachable } from '@sunlight/definition'
import { refusal } from '../refusal'
import { advance } from '../routing'
import type { Command, UnsignedEvent } from '../types'
import { allows, conditionScope, emit, event, needsReason, notAllowed, refuse, taskFor, type Ctx, type Decision } from './context'
import { discretionFor, fineBand, formatBand } from './penalty'
import { separationBreach } from './separation'

type Of<T extends Command['type']> = Extract<Command, { type: T }>

const builtin = (ctx: Ctx, node: string, point: string, name: string, message: string): UnsignedEvent =>
  event(ctx, 'monitor:raised', { node, operation: 'monitor', data: { point, name, level: 'warning', mode: 'auto', message, builtin: true } })

/**
 * 办理: complete a step with an opinion. Guards: the actor holds the step's post (and is its
 * assignee after a transfer); separation of duties; an opinion where required; a reason for a
 * negative opinion; only fields the step may write; a fee off the standard or a penalty outside
 * the discretion band needs a reason and raises a monitoring event at once (domain.md §5.3).
 */
export function complete(ctx: Ctx<Of<'complete'>>): Decision {
  const { cmd, state, def } = ctx
  const found = taskFor(ctx, cmd.node)
  if ('refusal' in found) return refuse(found.refusal)
  const { step, task } = found
  if (step.kind === 'acceptance') return refuse(notAllowed(step, 'complete'))
  if (step.countersign) return refuse(refusal('countersign.pending', { needed: step.countersign.count - task.signatures.length }))
  if (step.opinionRequired && !cmd.opinion?.trim()) return refuse(refusal('opinion.required', { node: step.name }))
  if (cmd.approve === false) {
    const noReason = needsReason(ctx, cmd.reason)
    if (noReason) return refuse(noReason)
  }
  const breach = separationBreach(ctx, step.id)
  if (breach) return refuse(breach)
  const patch = cmd.form ?? {}
  for (const field of Object.keys(patch))
    if (step.fieldPermissions[field] !== 'write') return refuse(refusal('field.not_writable', { node: step.name, field }))
  const form = { ...state.form, ...patch }
  const extra: UnsignedEvent[] = []
  const data: Record<string, unknown> = { approve: cmd.approve ?? true }
  if (Object.keys(patch).length) data.form = patch

  if (cmd.fee) {
    const fee = def.item.fees.find((f) => f.item === cmd.fee?.item)
    if (!fee) return refuse(refusal('fee.unknown', { item: cmd.fee.item }))
    data.fee = cmd.fee
    if (fee.amount !== undefined && fee.amount !== cmd.fee.amount) {
      if (!cmd.fee.reason?.trim()) return refuse(refusal('fee.mismatch', { amount: cmd.fee.amount, standard: fee.amount }))
      extra.push(builtin(ctx, step.id, 'builtin:feeMismatch', '收费与标准不一致', `收费 ${cmd.fee.amount} 元，标准 ${fee.amount} 元；理由：${cmd.fee.reason}`))
    }
  }

  const ds = cmd.penalty ? discretionFor(def) : discretionFor(def, Object.keys(patch))
  if (cmd.penalty || ds) {
    if (!ds) return refuse(refusal('penalty.no_standard'))
    const grade = cmd.penalty?.grade ?? String(form[ds.gradeField] ?? '')
    const amount = cmd.penalty?.amount ?? Number(form[ds.amountField] ?? 0) // no amount entered = no fine
    const reason = cmd.penalty?.reason ?? cmd.reason
    const g = ds.grades.find((x) => x.id === grade)
    if (!g) return refuse(refusal('penalty.unknown_grade', { grade }))
    const band = fineBand(g.fine, form)
    if (band && (!(amount >= band.min) || !(amount <= band.max))) {
      if (!reason?.trim()) return refuse(refusal('penalty.outside_band', { amount, band: formatBand(band), grade: g.name }))
      extra.push(builtin(ctx, step.id, 'builtin:penaltyOutsideBand', '罚款超出裁量幅度', `等级“${g.name}”幅度 ${formatBand(band)} 元，决定 ${amount} 元；理由：${reason}`))
    }
    if (state.penalty?.noticed && state.penalty.grade !== grade) {
      if (!reason?.trim()) return refuse(refusal('penalty.grade_changed'))
      extra.push(builtin(ctx, step.id, 'builtin:gradeChangedAfterNotice', '告知后变更裁量等级', `由“${state.penalty.grade}”变更为“${grade}”；理由：${reason}`))
    }
    data.penalty = { grade, amount, ...(reason ? { reason } : {}) }
  }
  if (step.documents.some((id) => def.documents.find((d) => d.id === id)?.kind === 'penaltyPreNotice')) data.noticed = true

  const route = advance(ctx.graph, state, step.id, conditionScope(ctx, form))
  return emit(
    event(ctx, 'step:completed', { node: step.id, post: step.post, opinion: cmd.opinion, reason: cmd.reason, data, route }),
    ...extra,
  )
}

/** 会签: each holder of the post signs once; "any" completes on the first signature, "all" on the count. */
export function countersign(ctx: Ctx<Of<'countersign'>>): Decision {
  const { cmd, state } = ctx
  const found = taskFor(ctx, cmd.node)
  if ('refusal' in found) return refuse(found.refusal)
  const { step, task } = found
  if (!step.countersign) return refuse(refusal('countersign.not_countersign', { node: step.name }))
  if (task.signatures.some((s) => s.actorId === cmd.actor.id)) return refuse(refusal('countersign.duplicate'))
  if (!cmd.opinion.trim()) return refuse(refusal('opinion.required', { node: step.name }))
  const breach = separationBreach(ctx, step.id)
  if (breach) return refuse(breach)
  const done = step.countersign.mode === 'any' || task.signatures.length + 1 >= step.countersign.count
  // Every signature counts towards completion, a dissent too: 会签 records each signer's view and
  // the procedure decides what the votes mean — the gateway after the step reads them as
  // case.countersignFor / case.countersignAgainst (e.g. route to 复议 when any signer dissents).
  const votes = [...task.signatures.map((s) => s.approve), cmd.approve]
  const scope = () => {
    const base = conditionScope(ctx, state.form)
    return { ...base, case: { ...(base.case as Record<string, unknown>), countersignFor: votes.filter(Boolean).length, countersignAgainst: votes.filter((v) => !v).length } }
  }
  const route = done ? advance(ctx.graph, state, step.id, scope()) : undefined
  return emit(event(ctx, 'step:signed', { node: step.id, post: step.post, opinion: cmd.opinion, data: { approve: cmd.approve }, route }))
}

/**
 * 退回 to an earlier step of this case, with a reason. Inside a parallel section a step may only
 * return within its own branch; a return to before the split waits until the join has fired.
 */
export function returnStep(ctx: Ctx<Of<'return'>>): Decision {
  const { cmd, state, graph } = ctx
  const found = taskFor(ctx, cmd.node)
  if ('refusal' in found) return refuse(found.refusal)
  if (!allows(found.step, 'return')) return refuse(notAllowed(found.step, 'return'))
  const noReason = needsReason(ctx, cmd.reason)
  if (noReason) return refuse(noReason)
  const target = graph.nodes.get(cmd.to)?.node
  const wasDone = state.completed.some((c) => c.node === cmd.to)
  if (!target || target.type !== 'step' || target.kind === 'acceptance' || !wasDone || cmd.to === cmd.node)
    return refuse(refusal('return.invalid_target', { to: cmd.to }))
  // Nodes on the way from the target back to here decide whether the return is safe.
  const between = [...reachable(graph, [cmd.to], 'forward')].filter((id) => reachable(graph, [id], 'forward').has(cmd.node))
  // The target must lie upstream of this step (not in another parallel branch) and hold no open task.
  if (!between.includes(cmd.to) || state.tasks.some((t) => t.node === cmd.to))
    return refuse(refusal('return.invalid_target', { to: cmd.to }))
  const splits = between.filter((id) => isParallelSplit(graph, id)).length
  const joins = between.filter((id) => isParallelJoin(graph, id)).length
  const othersOpen = state.tasks.length > 1 || Object.keys(state.joins).length > 0
  // Back over a join but not its split: the target alone could never pass the join again.
  // Back over a split while other branches are open: those branches would be orphaned.
  if ((joins > 0 && splits === 0) || (splits > 0 && othersOpen)) return refuse(refusal('return.parallel'))
  return emit(
    event(ctx, 'step:returned', {
      node: cmd.node,
      post: found.step.post,
      reason: cmd.reason,
      data: { to: cmd.to },
      route: { left: [cmd.node], entered: [cmd.to], waiting: [], joined: [], decisions: [] },
    }),
  )
}

/** 撤回: the person who completed the previous step takes it back before the next step acts. */
export function withdraw(ctx: Ctx<Of<'withdraw'>>): Decision {
  const { cmd, state } = ctx
  const last = state.lastCompletion
  const nextUntouched = last?.entered.every((n) => state.tasks.some((t) => t.node === n && !t.touched)) ?? false
  if (!last || last.node !== cmd.node || last.actorId !== cmd.actor.id || !last.simple || !nextUntouched)
    return refuse(refusal('withdraw.not_allowed'))
  const step = ctx.graph.nodes.get(cmd.node)?.node
  if (step?.type === 'step' && !allows(step, 'withdraw')) return refuse(notAllowed(step, 'withdraw'))
  return emit(
    event(ctx, 'step:withdrawn', {
      node: cmd.node,
      post: step?.type === 'step' ? step.post : undefined,
      reason: cmd.reason,
      route: { left: last.entered, entered: [cmd.node], waiting: [], joined: [], decisions: [] },
    }),
  )
}

/** 转办 to another person who holds the same post. */
export function transfer(ctx: Ctx<Of<'transfer'>>): Decision {
  const { cmd } = ctx
  const found = taskFor(ctx, cmd.node)
  if ('refusal' in found) return refuse(found.refusal)
  if (!allows(found.step, 'transfer')) return refuse(notAllowed(found.step, 'transfer'))
  const to = cmd.to
  if (to.kind !== 'staff' || !(to.posts ?? []).includes(found.step.post) || to.id === cmd.actor.id)
    return refuse(refusal('transfer.invalid', { to: to.name, post: found.step.post }))
  return emit(
    event(ctx, 'step:transferred', { node: cmd.node, post: found.step.post, reason: cmd.reason, data: { to: { id: to.id, name: to.name } } }),
  )
}
