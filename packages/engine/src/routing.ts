import { isParallelJoin, type FlowGraph } from '@sunlight/definition'
import { evaluate, parseExpression } from '@sunlight/expression'
import type { CaseState, Route } from './types'

const MAX_HOPS = 1000

/**
 * Moves the token that leaves `from` through gateways until it rests at steps, waits at a join,
 * or reaches an end. Exclusive gateways take the first edge (in definition order) whose condition
 * holds, else the default; a condition that fails to evaluate counts as false. The result is
 * recorded in the event, so replay never evaluates a condition again.
 */
export function advance(graph: FlowGraph, state: CaseState, from: string, scope: Record<string, unknown>): Route {
  const route: Route = { left: [from], entered: [], waiting: [], joined: [], decisions: [] }
  const arrivals: Record<string, number> = {}
  const queue = [...(graph.outgoing.get(from) ?? []).map((e) => e.to)]
  let hops = 0
  while (queue.length) {
    if (++hops > MAX_HOPS) throw new Error(`advance: more than ${MAX_HOPS} gateway hops from "${from}" (a gateway loop)`)
    const id = queue.shift() as string
    const node = graph.nodes.get(id)?.node
    if (!node) continue
    switch (node.type) {
      case 'step':
        route.entered.push(id)
        break
      case 'end':
        route.end = { node: id, result: node.result }
        return route
      case 'exclusive': {
        const edge = chooseEdge(graph, id, scope)
        if (edge) {
          route.decisions.push({ gateway: id, edge: edge.id })
          queue.push(edge.to)
        }
        break
      }
      case 'parallel': {
        if (isParallelJoin(graph, id)) {
          const arrived = (state.joins[id] ?? 0) + (arrivals[id] ?? 0) + 1
          if (arrived < (graph.incoming.get(id)?.length ?? 0)) {
            arrivals[id] = (arrivals[id] ?? 0) + 1
            route.waiting.push(id)
            break
          }
          route.joined.push(id)
          route.waiting = route.waiting.filter((w) => w !== id)
        }
        for (const e of graph.outgoing.get(id) ?? []) queue.push(e.to)
        break
      }
      case 'start':
        break
    }
  }
  return route
}

export function chooseEdge(graph: FlowGraph, gateway: string, scope: Record<string, unknown>) {
  const outs = graph.outgoing.get(gateway) ?? []
  for (const e of outs) {
    if (e.default === true || !e.condition) continue
    const parsed = parseExpression(e.condition)
    if (!parsed.ok) continue
    try {
      if (evaluate(parsed.ast, scope) === true) return e
    } catch {
      // An evaluation error (budget, forbidden access) is treated as "condition does not hold".
    }
  }
  return outs.find((e) => e.default === true)
}
