import type { Calendar } from '@sunlight/calendar'
import type { FlowGraph, PowerItemDefinition, StepNode } from '@sunlight/definition'
import { caseFactsOf } from '../facts'
import { operationNamesZh, refusal, type Refusal } from '../refusal'
import type { Actor, CaseState, Command, Task, UnsignedEvent } from '../types'

export interface Ctx<C extends Command = Command> {
  def: PowerItemDefinition
  graph: FlowGraph
  state: CaseState
  cmd: C
  now: number
  cal: Calendar
}

export type Decision = { ok: true; events: UnsignedEvent[] } | { ok: false; refusal: Refusal }

export const refuse = (r: Refusal): Decision => ({ ok: false, refusal: r })
export const emit = (...events: UnsignedEvent[]): Decision => ({ ok: true, events })

export function actorOf(a: Actor): UnsignedEvent['actor'] {
  return { id: a.id, name: a.name, kind: a.kind }
}

export function event(ctx: Ctx, type: UnsignedEvent['type'], fields: Partial<UnsignedEvent> = {}): UnsignedEvent {
  const a = ctx.cmd.actor
  return {
    type,
    at: ctx.now,
    actor: actorOf(a),
    department: a.department,
    operation: ctx.cmd.type,
    data: {},
    ...fields,
  }
}

export const holdsPost = (a: Actor, post: string): boolean => a.kind === 'staff' && (a.posts ?? []).includes(post)

export function stepNode(ctx: Ctx, id: string): StepNode | undefined {
  const n = ctx.graph.nodes.get(id)?.node
  return n?.type === 'step' ? n : undefined
}

export function acceptanceStep(def: PowerItemDefinition): StepNode {
  const n = def.flow.nodes.find((x): x is StepNode => x.type === 'step' && x.kind === 'acceptance')
  if (!n) throw new Error('definition has no acceptance step: validate it with validateDefinition() before running cases')
  return n
}

/** The open task at `node` that this actor may work on, or the refusal saying why not. */
export function taskFor(ctx: Ctx, node: string): { task: Task; step: StepNode } | { refusal: Refusal } {
  const task = ctx.state.tasks.find((t) => t.node === node)
  const step = stepNode(ctx, node)
  if (!task || !step) return { refusal: refusal('task.not_found', { node }) }
  const a = ctx.cmd.actor
  if (a.kind !== 'staff') return { refusal: refusal('actor.not_staff') }
  if (!holdsPost(a, step.post)) return { refusal: refusal('post.mismatch', { post: step.post }) }
  if (task.assignee && task.assignee.id !== a.id) return { refusal: refusal('task.assigned', { assignee: task.assignee.name }) }
  return { task, step }
}

export function needsReason(ctx: Ctx, reason: string | undefined): Refusal | undefined {
  if (reason === undefined || reason.trim() === '')
    return refusal('reason.required', { operation: ctx.cmd.type, operationZh: operationNamesZh[ctx.cmd.type] ?? ctx.cmd.type })
  return undefined
}

export function allows(step: StepNode, op: string): boolean {
  return step.operations.includes(op as StepNode['operations'][number])
}

export function notAllowed(step: StepNode, op: string): Refusal {
  return refusal('operation.not_allowed', { node: step.name, operation: op, operationZh: operationNamesZh[op] ?? op })
}

/** Scope for gateway conditions: form fields at the top level and under `form`, case and item facts. */
export function conditionScope(ctx: Ctx, form: Record<string, unknown>): Record<string, unknown> {
  return {
    ...form,
    form,
    case: caseFactsOf(ctx.def, { ...ctx.state, form }, ctx.now, ctx.cal),
    item: { name: ctx.def.item.name, category: ctx.def.item.category },
  }
}

/** Mandatory materials not provided. */
export function missingMaterials(def: PowerItemDefinition, materials: CaseState['materials']): { id: string; name: string }[] {
  return def.item.materials.filter((m) => m.mandatory && materials[m.id]?.provided !== true).map((m) => ({ id: m.id, name: m.name }))
}
