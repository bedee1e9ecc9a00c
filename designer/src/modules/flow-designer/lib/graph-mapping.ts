import { cloneJson } from '../../../lib/clone-json'
import type { Flow, FlowEdge, FlowNode, PowerItemDefinition } from '@sunlight/definition'
import { autoLayout, type Point } from './auto-layout'

/**
 * The canvas is a view of the definition's flow. Each LogicFlow node carries its flow node in
 * `properties.data` (so undo/redo on the canvas restores the whole node, not just its box) and
 * view-only decoration in `properties.view` (labels, badges, diagnostics), which the custom models
 * leave out of LogicFlow's history.
 */
export const NODE_TYPE = { start: 'sl-start', step: 'sl-step', exclusive: 'sl-exclusive', parallel: 'sl-parallel', end: 'sl-end' } as const
export const EDGE_TYPE = 'sl-edge'
export type FlowKind = keyof typeof NODE_TYPE
export const kindOfType = (type: string): FlowKind | undefined => (Object.entries(NODE_TYPE).find(([, t]) => t === type)?.[0] as FlowKind | undefined)

export interface NodeView {
  subtitle?: string
  monitoring?: number
  risk?: number
  internal?: boolean
  acceptance?: boolean
  severity?: 'error' | 'warning'
  issues?: string[]
  highlight?: 'added' | 'removed' | 'changed'
}

export interface GraphNode {
  id: string
  type: string
  x: number
  y: number
  text?: string | { value: string; x?: number; y?: number }
  properties: { data?: string | FlowNode; view?: NodeView }
}
export interface GraphEdge {
  id: string
  type: string
  sourceNodeId: string
  targetNodeId: string
  text?: string | { value: string; x?: number; y?: number }
  properties: { data?: string | FlowEdge; view?: NodeView; dashed?: boolean }
  /** The edge's route (its bend points, first and last on the nodes' anchors), as LogicFlow keeps it. */
  pointsList?: Point[]
  startPoint?: Point
  endPoint?: Point
}

/**
 * Whether a stored route still starts (or ends) at a node drawn at `at`: anchors lie on the
 * node's horizontal or vertical centre line, close to its centre. A node moved outside the
 * designer (an imported layout) leaves its old routes unused: LogicFlow routes those edges anew.
 */
function routeMeets(p: Point | undefined, at: Point | undefined): boolean {
  if (!p || !at) return false
  const dx = Math.abs(p.x - at.x)
  const dy = Math.abs(p.y - at.y)
  return (dx < 1 || dy < 1) && dx <= 120 && dy <= 120
}

/**
 * A flow node or edge as a LogicFlow element carries it: as JSON text. LogicFlow makes element
 * properties deeply observable (mobx), and its history deep-observes and copies them; as text a
 * node's data is one value instead of dozens, which at 1,000 nodes took a third of the flow's load
 * (pnpm bench designer). Undo and redo restore the text like any other property.
 */
export const packData = (x: FlowNode | FlowEdge): string => JSON.stringify(x)

/** The node or edge in a LogicFlow element's `properties.data` (text, or an object from older callers); undefined if absent or unreadable. */
export function unpackData<T extends FlowNode | FlowEdge>(v: unknown): T | undefined {
  if (typeof v === 'string') {
    try {
      const x = JSON.parse(v) as unknown
      return x && typeof x === 'object' && !Array.isArray(x) ? (x as T) : undefined
    } catch {
      return undefined
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (cloneJson(v) as T) : undefined
}
export interface GraphData {
  nodes: GraphNode[]
  edges: GraphEdge[]
}

const textOf = (t: GraphNode['text']): string => (typeof t === 'string' ? t : (t?.value ?? ''))

/** A readable label for an edge: its name, "默认" for a default branch, or its condition. */
export function edgeLabel(edge: FlowEdge): string {
  if (edge.name) return edge.name
  if (edge.default) return '默认'
  if (edge.condition) return edge.condition.length > 24 ? `${edge.condition.slice(0, 23)}…` : edge.condition
  return ''
}

export function definitionToGraph(def: Pick<PowerItemDefinition, 'flow' | 'layout'>, view: (id: string) => NodeView = () => ({})): GraphData {
  const stored = def.layout?.nodes ?? {}
  const missing = def.flow.nodes.some((n) => !stored[n.id])
  const auto: Record<string, Point> = missing ? autoLayout(def.flow) : {}
  const positions = new Map<string, Point>()
  const nodes = def.flow.nodes.map((n): GraphNode => {
    const at = stored[n.id] ?? auto[n.id] ?? { x: 100, y: 100 }
    positions.set(n.id, at)
    return { id: n.id, type: NODE_TYPE[n.type], x: at.x, y: at.y, text: n.name, properties: { data: packData(n), view: view(n.id) } }
  })
  const routes = def.layout?.edges ?? {}
  const edges = def.flow.edges.map((e): GraphEdge => {
    const edge: GraphEdge = { id: e.id, type: EDGE_TYPE, sourceNodeId: e.from, targetNodeId: e.to, text: edgeLabel(e), properties: { data: packData(e), view: view(e.id), dashed: e.default === true } }
    // A saved route is drawn as it was shaped (and spares LogicFlow routing the edge again).
    const points = routes[e.id]?.points
    const first = points?.[0]
    const last = points?.[points.length - 1]
    if (points && points.length >= 2 && routeMeets(first, positions.get(e.from)) && routeMeets(last, positions.get(e.to)))
      Object.assign(edge, { pointsList: points.map((p) => ({ x: p.x, y: p.y })), startPoint: { ...first }, endPoint: { ...last } })
    return edge
  })
  return { nodes, edges }
}

/** A new flow node of a kind, with the defaults a designer then edits. */
export function defaultNode(kind: FlowKind, id: string): FlowNode {
  switch (kind) {
    case 'start':
      return { id, type: 'start', name: '申请' }
    case 'end':
      return { id, type: 'end', name: '办结', result: 'approved' }
    case 'exclusive':
      return { id, type: 'exclusive', name: '条件判断' }
    case 'parallel':
      return { id, type: 'parallel', name: '并行' }
    default:
      return { id, type: 'step', kind: 'handling', name: '新环节', post: 'handler', limit: { value: 5, unit: 'workdays' }, operations: ['return'], opinionRequired: true, fieldPermissions: {}, documents: [], public: true }
  }
}

const ID_PREFIX: Record<FlowKind | 'edge', string> = { start: 'start', step: 'step', exclusive: 'gw', parallel: 'par', end: 'end', edge: 'e' }

/** The next free id for a kind: step1, step2…, gw1…, e1… */
export function nextId(kind: FlowKind | 'edge', taken: Iterable<string>): string {
  const used = new Set(taken)
  const prefix = ID_PREFIX[kind]
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`
}

/**
 * The flow and layout a canvas shows. Node data comes from the canvas (`properties.data`), names
 * from the node text; nodes and edges keep the definition's order, new ones are appended.
 */
export function graphToDefinition(graph: GraphData, previous: Flow): { flow: Flow; layout: { nodes: Record<string, Point>; edges: Record<string, { points: Point[] }> } } {
  const oldNodes = new Map(previous.nodes.map((n, i) => [n.id, { n, i }]))
  const oldEdges = new Map(previous.edges.map((e, i) => [e.id, { e, i }]))
  const rank = <T extends { id: string }>(list: T[], old: Map<string, { i: number }>) =>
    list.map((x, j) => ({ x, r: old.get(x.id)?.i ?? previous.nodes.length + previous.edges.length + j })).sort((a, b) => a.r - b.r).map((y) => y.x)

  const nodes: FlowNode[] = []
  const positions: Record<string, Point> = {}
  for (const g of graph.nodes) {
    const kind = kindOfType(g.type)
    if (!kind) continue
    const base = unpackData<FlowNode>(g.properties?.data) ?? oldNodes.get(g.id)?.n ?? defaultNode(kind, g.id)
    const node = { ...cloneJson(base), id: g.id } as FlowNode
    const name = textOf(g.text).trim()
    if (name) node.name = name
    if (node.type !== kind) continue
    nodes.push(node)
    positions[g.id] = { x: Math.round(g.x), y: Math.round(g.y) }
  }
  const ids = new Set(nodes.map((n) => n.id))
  const edges: FlowEdge[] = []
  const routes: Record<string, { points: Point[] }> = {}
  for (const g of graph.edges) {
    if (!ids.has(g.sourceNodeId) || !ids.has(g.targetNodeId)) continue
    const base = unpackData<FlowEdge>(g.properties?.data) ?? oldEdges.get(g.id)?.e ?? { id: g.id, from: g.sourceNodeId, to: g.targetNodeId }
    edges.push({ ...cloneJson(base), id: g.id, from: g.sourceNodeId, to: g.targetNodeId })
    if (g.pointsList && g.pointsList.length >= 2) routes[g.id] = { points: g.pointsList.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })) }
  }
  const separationOfDuties = previous.separationOfDuties.map((group) => group.filter((id) => ids.has(id))).filter((group) => group.length >= 2)
  return {
    flow: { ...previous, nodes: rank(nodes, oldNodes), edges: rank(edges, oldEdges), separationOfDuties },
    layout: {
      nodes: Object.fromEntries(rank(nodes, oldNodes).map((n) => [n.id, positions[n.id] as Point])),
      edges: Object.fromEntries(rank(edges, oldEdges).flatMap((e) => (routes[e.id] ? [[e.id, routes[e.id] as { points: Point[] }]] : []))),
    },
  }
}
