import { buildFlowGraph, type PowerItemDefinition } from '@sunlight/definition'
import { chooseEdge } from './routing'
import type { CaseEvent } from './types'

const MAX_NODES = 10_000

/**
 * The results (办结结果) a case can still reach after an event: the end it reached if the event's
 * route ended the case; otherwise every end reachable from where its tokens went, where each
 * exclusive gateway takes the edge its condition picks with `scope` (the case's current form), all
 * of them if none holds and there is no default. A forecast for what to offer (which decision
 * document fits), never a decision: the engine decides when the token really passes.
 */
export function expectedResults(def: PowerItemDefinition, event: Pick<CaseEvent, 'node' | 'route'>, scope: Record<string, unknown>): string[] {
  if (event.route?.end) return [event.route.end.result]
  const graph = buildFlowGraph(def.flow)
  const start = event.route ? [...event.route.entered, ...event.route.waiting] : event.node ? (graph.outgoing.get(event.node) ?? []).map((e) => e.to) : []
  const results = new Set<string>()
  const seen = new Set<string>()
  const queue = [...start]
  while (queue.length && seen.size < MAX_NODES) {
    const id = queue.shift() as string
    if (seen.has(id)) continue
    seen.add(id)
    const node = graph.nodes.get(id)?.node
    if (!node) continue
    if (node.type === 'end') {
      results.add(node.result)
      continue
    }
    const outs = graph.outgoing.get(id) ?? []
    if (node.type === 'exclusive') {
      const edge = chooseEdge(graph, id, scope)
      queue.push(...(edge ? [edge.to] : outs.map((e) => e.to)))
    } else queue.push(...outs.map((e) => e.to))
  }
  return [...results]
}
