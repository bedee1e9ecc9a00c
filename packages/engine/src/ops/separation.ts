import { refusal, type Refusal } from '../refusal'
import type { Ctx } from './context'

/**
 * Separation of duties (受理与审批分离, 回避): within a group of steps the definition names, one
 * person may handle only one. Acceptance counts as handling the acceptance step.
 */
export function separationBreach(ctx: Ctx, node: string): Refusal | undefined {
  const actorId = ctx.cmd.actor.id
  for (const group of ctx.def.flow.separationOfDuties) {
    if (!group.includes(node)) continue
    const clash = ctx.state.completed.find((c) => c.actorId === actorId && c.node !== node && group.includes(c.node))
    if (clash) {
      const name = (id: string) => ctx.graph.nodes.get(id)?.node.name ?? id
      return refusal('duty.separation', { a: name(clash.node), b: name(node) })
    }
  }
  return undefined
}
