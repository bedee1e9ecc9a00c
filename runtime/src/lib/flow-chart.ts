/** The parts of a flow a drawing needs (a definition's flow fits, and so does the public one). */
export interface ChartFlow {
  nodes: readonly { id: string; type: 'start' | 'step' | 'exclusive' | 'parallel' | 'end'; name: string; result?: string }[]
  edges: readonly { id: string; from: string; to: string; name?: string }[]
}

/** How a node is drawn: done (green), current (highlighted), or not reached. */
export type NodeStatus = 'done' | 'current' | 'todo'

export interface ChartNode {
  id: string
  type: 'rect' | 'circle' | 'diamond'
  x: number
  y: number
  text: string
  properties: { status: NodeStatus; style: Record<string, string | number>; width?: number; height?: number; r?: number; rx?: number; ry?: number }
}

export interface ChartEdge {
  id: string
  type: 'polyline'
  sourceNodeId: string
  targetNodeId: string
  text?: string
  properties: { style: Record<string, string | number> }
}

export interface ChartData {
  nodes: ChartNode[]
  edges: ChartEdge[]
  width: number
  height: number
}

const COLOURS: Record<NodeStatus, Record<string, string | number>> = {
  done: { fill: '#e7f6ec', stroke: '#1e7b3c', strokeWidth: 2 },
  current: { fill: '#fff1d6', stroke: '#b54708', strokeWidth: 4 },
  todo: { fill: '#ffffff', stroke: '#5b6472', strokeWidth: 1 },
}

const SHAPES = { start: 'circle', end: 'circle', step: 'rect', exclusive: 'diamond', parallel: 'diamond' } as const

/** Edges that close a cycle (returns drawn as edges), found by depth-first search from the roots. */
function backEdges(ids: readonly string[], edges: ChartFlow['edges']): Set<string> {
  const state = new Map<string, 1 | 2>()
  const back = new Set<string>()
  const visit = (id: string) => {
    state.set(id, 1)
    for (const e of edges.filter((x) => x.from === id)) {
      const s = state.get(e.to)
      if (s === 1) back.add(e.id)
      else if (s === undefined) visit(e.to)
    }
    state.set(id, 2)
  }
  const hasIncoming = new Set(edges.map((e) => e.to))
  for (const id of ids.filter((x) => !hasIncoming.has(x))) if (!state.has(id)) visit(id)
  for (const id of ids) if (!state.has(id)) visit(id)
  return back
}

/**
 * A left-to-right layout with no stored positions: a node's column is its longest distance from
 * a root (cycles broken), nodes sharing a column are spread vertically around one line.
 */
export function autoLayout(flow: ChartFlow): Record<string, { x: number; y: number }> {
  const ids = flow.nodes.map((n) => n.id)
  const back = backEdges(ids, flow.edges)
  const forward = flow.edges.filter((e) => !back.has(e.id))
  const col = new Map<string, number>(ids.map((id) => [id, 0]))
  // Longest path on a DAG: relax |V| times (graphs here are small).
  for (let i = 0; i < ids.length; i++) for (const e of forward) col.set(e.to, Math.max(col.get(e.to) ?? 0, (col.get(e.from) ?? 0) + 1))
  const byCol = new Map<number, string[]>()
  for (const id of ids) byCol.set(col.get(id) ?? 0, [...(byCol.get(col.get(id) ?? 0) ?? []), id])
  const out: Record<string, { x: number; y: number }> = {}
  for (const [c, members] of byCol) members.forEach((id, i) => (out[id] = { x: 70 + c * 150, y: 130 + (i - (members.length - 1) / 2) * 100 }))
  return out
}

/**
 * The drawing of a flow with a case's progress (finished steps green, open tasks highlighted),
 * using the definition's stored layout when it places every node.
 */
export function buildChart(flow: ChartFlow, progress: { done: readonly string[]; current: readonly string[] }, layout?: Record<string, { x: number; y: number }>): ChartData {
  const pos = layout && flow.nodes.every((n) => layout[n.id]) ? layout : autoLayout(flow)
  const minY = Math.min(...flow.nodes.map((n) => pos[n.id]?.y ?? 0))
  const minX = Math.min(...flow.nodes.map((n) => pos[n.id]?.x ?? 0))
  const dy = 60 - minY
  const dx = 60 - minX
  const nodes: ChartNode[] = flow.nodes.map((n) => {
    const status: NodeStatus = progress.current.includes(n.id) ? 'current' : progress.done.includes(n.id) ? 'done' : 'todo'
    const p = pos[n.id] ?? { x: 0, y: 0 }
    const type = SHAPES[n.type]
    const size = type === 'rect' ? { width: 112, height: 48 } : type === 'circle' ? { r: 28 } : { rx: 40, ry: 28 }
    return { id: n.id, type, x: p.x + dx, y: p.y + dy, text: n.name, properties: { status, style: { ...COLOURS[status] }, ...size } }
  })
  const edges: ChartEdge[] = flow.edges.map((e) => {
    const walked = progress.done.includes(e.from) && (progress.done.includes(e.to) || progress.current.includes(e.to))
    return {
      id: e.id,
      type: 'polyline',
      sourceNodeId: e.from,
      targetNodeId: e.to,
      ...(e.name ? { text: e.name } : {}),
      properties: { style: walked ? { stroke: '#1e7b3c', strokeWidth: 2 } : { stroke: '#5b6472', strokeWidth: 1 } },
    }
  })
  return { nodes, edges, width: Math.max(...nodes.map((n) => n.x)) + 90, height: Math.max(...nodes.map((n) => n.y)) + 70 }
}

/** The public flowchart (外部流程图) as a flow: start → the public steps in order → end. */
export function publicChartFlow(steps: readonly { id: string; name: string }[], labels: { start: string; end: string }): ChartFlow {
  const nodes: ChartFlow['nodes'][number][] = [{ id: '__start', type: 'start', name: labels.start }, ...steps.map((s) => ({ id: s.id, type: 'step' as const, name: s.name })), { id: '__end', type: 'end', name: labels.end }]
  return { nodes, edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, from: (nodes[i] as { id: string }).id, to: n.id })) }
}

/**
 * Which nodes of a case are done and which are current: completed steps and the start; when the
 * case is concluded, the end node with its result and the gateways on the way there.
 */
export function caseProgress(state: { completed: readonly { node: string }[]; tasks: readonly { node: string }[]; status: string; result?: string }, flow: ChartFlow): { done: string[]; current: string[] } {
  const current = state.tasks.map((t) => t.node)
  const done = new Set(state.completed.map((c) => c.node))
  for (const n of flow.nodes) if (n.type === 'start') done.add(n.id)
  if (state.status === 'concluded') {
    const end = flow.nodes.find((n) => n.type === 'end' && (state.result === undefined || n.result === state.result || n.id === '__end'))
    if (end) {
      done.add(end.id)
      // Walk back from the end through gateways to a finished step.
      let frontier = [end.id]
      for (let i = 0; i < flow.nodes.length && frontier.length; i++) {
        const next: string[] = []
        for (const id of frontier)
          for (const e of flow.edges.filter((x) => x.to === id)) {
            const from = flow.nodes.find((n) => n.id === e.from)
            if (from && (from.type === 'exclusive' || from.type === 'parallel') && !done.has(from.id)) {
              done.add(from.id)
              next.push(from.id)
            }
          }
        frontier = next
      }
    }
  }
  return { done: [...done].filter((d) => !current.includes(d)), current }
}

/** The applicant's view of progress on the public flowchart, from the public timeline's step names. */
export function publicProgress(steps: readonly { id: string; name: string }[], view: { status: string; currentSteps: readonly string[]; timeline: readonly { type: string; step?: string }[] }): { done: string[]; current: string[] } {
  const current = steps.filter((s) => view.currentSteps.includes(s.name)).map((s) => s.id)
  const completedNames = new Set(view.timeline.filter((e) => e.type === 'step:completed' || e.type === 'case:accepted').map((e) => e.step))
  const done = ['__start', ...steps.filter((s) => completedNames.has(s.name) && !current.includes(s.id)).map((s) => s.id)]
  if (view.status === 'concluded') return { done: ['__start', ...steps.map((s) => s.id), '__end'], current: [] }
  return { done, current }
}

/**
 * A case's flow when the server gives only the public steps: the public steps in order, with the
 * internal steps the case has been through (or waits at) inserted where the record puts them.
 */
export function reconstructedFlow(steps: readonly { id: string; name: string }[], record: { completed: readonly { node: string }[]; tasks: readonly { node: string }[] }, names: Record<string, string>, labels: { start: string; end: string }): ChartFlow {
  const order = steps.map((s) => s.id)
  const seen = [...record.completed.map((c) => c.node), ...record.tasks.map((t) => t.node)]
  seen.forEach((id, i) => {
    if (order.includes(id)) return
    const before = [...seen.slice(0, i)].reverse().find((x) => order.includes(x))
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, id)
  })
  const byId = new Map(steps.map((s) => [s.id, s.name]))
  return publicChartFlow(order.map((id) => ({ id, name: names[id] ?? byId.get(id) ?? id })), labels)
}
