import { parseExpression } from '@sunlight/expression'
import { diagnostic, pointer, type Diagnostic } from './diagnostics'
import type { Dictionaries } from './dictionaries'
import { buildFlowGraph, isParallelJoin, isParallelSplit, reachable, type FlowGraph } from './flow-graph'
import type { PowerItemDefinition } from './types'

const ACCEPTANCE_ONLY = new Set(['accept', 'refuse'])

/** Graph shape: one start, reachable nodes, an end reachable from every node, gateways, joins. */
export function checkFlow(def: PowerItemDefinition, dicts: Dictionaries): Diagnostic[] {
  const out: Diagnostic[] = []
  const { flow } = def
  const seen = new Map<string, number>()
  flow.nodes.forEach((n, i) => {
    if (seen.has(n.id)) out.push(diagnostic('id.duplicate', pointer('flow', 'nodes', i, 'id'), { id: n.id }))
    else seen.set(n.id, i)
  })
  const edgeIds = new Set<string>()
  flow.edges.forEach((e, i) => {
    if (edgeIds.has(e.id) || seen.has(e.id))
      out.push(diagnostic('id.duplicate', pointer('flow', 'edges', i, 'id'), { id: e.id }))
    edgeIds.add(e.id)
    for (const end of ['from', 'to'] as const)
      if (!seen.has(e[end]))
        out.push(diagnostic('flow.edge_dangling', pointer('flow', 'edges', i, end), { edge: e.id, node: e[end] }))
  })

  const g = buildFlowGraph(flow)
  const at = (id: string) => pointer('flow', 'nodes', g.nodes.get(id)?.index ?? 0)
  const starts = flow.nodes.filter((n) => n.type === 'start')
  const ends = flow.nodes.filter((n) => n.type === 'end')
  if (starts.length !== 1) out.push(diagnostic('flow.start_count', pointer('flow', 'nodes'), { count: starts.length }))
  if (ends.length === 0) out.push(diagnostic('flow.end_missing', pointer('flow', 'nodes')))

  for (const s of starts)
    if ((g.incoming.get(s.id)?.length ?? 0) > 0) out.push(diagnostic('flow.start_incoming', at(s.id)))
  for (const e of ends) if ((g.outgoing.get(e.id)?.length ?? 0) > 0) out.push(diagnostic('flow.end_outgoing', at(e.id)))

  if (starts.length === 1) {
    const fromStart = reachable(g, [(starts[0] as { id: string }).id], 'forward')
    for (const n of flow.nodes)
      if (!fromStart.has(n.id)) out.push(diagnostic('flow.node_unreachable', at(n.id), { node: n.id }))
  }
  if (ends.length > 0) {
    const toEnd = reachable(
      g,
      ends.map((e) => e.id),
      'backward',
    )
    for (const n of flow.nodes)
      if (!toEnd.has(n.id)) out.push(diagnostic('flow.end_unreachable', at(n.id), { node: n.id }))
  }

  out.push(...checkAcceptance(def, g, at))
  for (const n of flow.nodes) {
    const outs = g.outgoing.get(n.id) ?? []
    if (n.type === 'step') {
      if (outs.length > 1) out.push(diagnostic('flow.step_outgoing', at(n.id), { node: n.id, count: outs.length }))
      if (!dicts.post.some((p) => p.code === n.post))
        out.push(diagnostic('step.post_unknown', `${at(n.id)}/post`, { post: n.post }))
      if (n.kind !== 'acceptance')
        n.operations.forEach((op, i) => {
          if (ACCEPTANCE_ONLY.has(op))
            out.push(diagnostic('step.operation_misplaced', `${at(n.id)}/operations/${i}`, { operation: op }))
        })
    }
    if (n.type === 'exclusive') out.push(...checkExclusive(def, g, n.id, at))
    if (isParallelSplit(g, n.id) && !joinsBeforeEnd(g, n.id))
      out.push(diagnostic('flow.parallel_unjoined', at(n.id), { node: n.id }))
  }
  flow.edges.forEach((e, i) => {
    if (e.condition !== undefined && g.nodes.get(e.from)?.node.type !== 'exclusive')
      out.push(diagnostic('flow.condition_outside_gateway', pointer('flow', 'edges', i, 'condition'), { edge: e.id }))
  })
  return out
}

function checkAcceptance(def: PowerItemDefinition, g: FlowGraph, at: (id: string) => string): Diagnostic[] {
  const acc = def.flow.nodes.filter((n) => n.type === 'step' && n.kind === 'acceptance')
  if (acc.length !== 1)
    return [
      diagnostic('flow.acceptance', pointer('flow', 'nodes'), {
        detail: `a flow needs exactly one acceptance step (kind "acceptance"), found ${acc.length}`,
        detailZh: `流程必须有且只有一个受理环节（kind 为 acceptance），现有 ${acc.length} 个`,
      }),
    ]
  const a = acc[0] as { id: string }
  const incoming = g.incoming.get(a.id) ?? []
  const fromStart = incoming.some((e) => g.nodes.get(e.from)?.node.type === 'start')
  if (!fromStart)
    return [
      diagnostic('flow.acceptance', at(a.id), {
        detail: `the acceptance step "${a.id}" must follow the start node directly`,
        detailZh: `受理环节“${a.id}”必须紧接开始节点`,
      }),
    ]
  return []
}

function checkExclusive(
  def: PowerItemDefinition,
  g: FlowGraph,
  id: string,
  at: (id: string) => string,
): Diagnostic[] {
  const out: Diagnostic[] = []
  const outs = g.outgoing.get(id) ?? []
  const defaults = outs.filter((e) => e.default === true)
  if (defaults.length === 0) out.push(diagnostic('flow.gateway_no_default', at(id), { node: id }))
  if (defaults.length > 1) out.push(diagnostic('flow.gateway_many_defaults', at(id), { node: id, count: defaults.length }))
  for (const e of outs) {
    const i = def.flow.edges.indexOf(e)
    if (e.default === true) continue
    if (e.condition === undefined || e.condition.trim() === '') {
      out.push(diagnostic('flow.gateway_condition_missing', pointer('flow', 'edges', i), { edge: e.id }))
      continue
    }
    const parsed = parseExpression(e.condition)
    if (!parsed.ok)
      out.push(
        diagnostic('expr.parse', pointer('flow', 'edges', i, 'condition'), {
          detail: parsed.error.message,
          detailZh: parsed.error.messageZh,
          offset: parsed.error.offset,
        }),
      )
  }
  return out
}

/**
 * Every path out of a parallel split must meet a join before it can end. Nested splits are
 * tracked with a depth counter: entering a split adds one, passing a join subtracts one.
 */
function joinsBeforeEnd(g: FlowGraph, split: string): boolean {
  const seen = new Set<string>()
  const stack: [string, number][] = (g.outgoing.get(split) ?? []).map((e) => [e.to, 1])
  while (stack.length) {
    const [id, depth0] = stack.pop() as [string, number]
    let depth = depth0
    if (isParallelJoin(g, id)) depth -= 1
    if (depth === 0) continue
    const key = `${id}@${depth}`
    if (seen.has(key)) continue
    seen.add(key)
    const node = g.nodes.get(id)?.node
    if (node?.type === 'end') return false
    if (isParallelSplit(g, id)) depth += 1
    for (const e of g.outgoing.get(id) ?? []) stack.push([e.to, depth])
  }
  return true
}
