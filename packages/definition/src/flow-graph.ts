import type { Flow, FlowEdge, FlowNode } from './types'

/** Adjacency of a flow, built once and shared by the checks and the engine. */
export interface FlowGraph {
  nodes: Map<string, { node: FlowNode; index: number }>
  outgoing: Map<string, FlowEdge[]>
  incoming: Map<string, FlowEdge[]>
}

export function buildFlowGraph(flow: Flow): FlowGraph {
  const nodes = new Map<string, { node: FlowNode; index: number }>()
  flow.nodes.forEach((node, index) => {
    if (!nodes.has(node.id)) nodes.set(node.id, { node, index })
  })
  const outgoing = new Map<string, FlowEdge[]>()
  const incoming = new Map<string, FlowEdge[]>()
  for (const id of nodes.keys()) {
    outgoing.set(id, [])
    incoming.set(id, [])
  }
  for (const edge of flow.edges) {
    if (nodes.has(edge.from) && nodes.has(edge.to)) {
      outgoing.get(edge.from)?.push(edge)
      incoming.get(edge.to)?.push(edge)
    }
  }
  return { nodes, outgoing, incoming }
}

/** Node ids reachable from `from` following edges forward (or backward). */
export function reachable(graph: FlowGraph, from: readonly string[], direction: 'forward' | 'backward'): Set<string> {
  const seen = new Set<string>(from)
  const stack = [...from]
  const adj = direction === 'forward' ? graph.outgoing : graph.incoming
  while (stack.length) {
    const id = stack.pop() as string
    for (const e of adj.get(id) ?? []) {
      const next = direction === 'forward' ? e.to : e.from
      if (!seen.has(next)) {
        seen.add(next)
        stack.push(next)
      }
    }
  }
  return seen
}

export const isParallelSplit = (g: FlowGraph, id: string): boolean =>
  g.nodes.get(id)?.node.type === 'parallel' && (g.outgoing.get(id)?.length ?? 0) > 1
export const isParallelJoin = (g: FlowGraph, id: string): boolean =>
  g.nodes.get(id)?.node.type === 'parallel' && (g.incoming.get(id)?.length ?? 0) > 1
