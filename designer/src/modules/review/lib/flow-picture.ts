import type { Flow, FlowNode } from '@sunlight/definition'
import { autoLayout, type Point } from '../../flow-designer/lib/auto-layout'
import { edgeLabel } from '../../flow-designer/lib/graph-mapping'

export interface PictureNode {
  id: string
  type: FlowNode['type']
  name: string
  x: number
  y: number
  internal: boolean
}
export interface PictureEdge {
  id: string
  from: Point
  to: Point
  label: string
  dashed: boolean
}
export interface FlowPicture {
  nodes: PictureNode[]
  edges: PictureEdge[]
  width: number
  height: number
}

const HALF: Record<FlowNode['type'], Point> = { start: { x: 24, y: 24 }, end: { x: 24, y: 24 }, step: { x: 80, y: 30 }, exclusive: { x: 26, y: 26 }, parallel: { x: 26, y: 26 } }

/** Where the border of a node's box meets the line towards `towards`. */
function border(c: Point, half: Point, towards: Point): Point {
  const dx = towards.x - c.x
  const dy = towards.y - c.y
  if (dx === 0 && dy === 0) return c
  const s = Math.min(half.x / Math.abs(dx || 1e-9), half.y / Math.abs(dy || 1e-9))
  return { x: c.x + dx * s, y: c.y + dy * s }
}

/** A static drawing of a flow (for the review's before/after view): positions from the layout, else automatic. */
export function flowPicture(flow: Pick<Flow, 'nodes' | 'edges'>, layout?: Record<string, Point>): FlowPicture {
  const auto = flow.nodes.some((n) => !layout?.[n.id]) ? autoLayout(flow) : {}
  const at = (id: string): Point => layout?.[id] ?? auto[id] ?? { x: 0, y: 0 }
  const nodes = flow.nodes.map((n) => ({ id: n.id, type: n.type, name: n.type === 'step' && n.publicName ? n.publicName : n.name, ...at(n.id), internal: n.type === 'step' && n.public === false }))
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const edges = flow.edges.flatMap((e) => {
    const a = byId.get(e.from)
    const b = byId.get(e.to)
    if (!a || !b) return []
    return [{ id: e.id, from: border(a, HALF[a.type], b), to: border(b, HALF[b.type], a), label: edgeLabel(e), dashed: e.default === true }]
  })
  const xs = nodes.map((n) => n.x)
  const ys = nodes.map((n) => n.y)
  const minX = Math.min(0, ...xs.map((x) => x - 100))
  const minY = Math.min(0, ...ys.map((y) => y - 60))
  const shift = (p: Point) => ({ x: p.x - minX, y: p.y - minY })
  return {
    nodes: nodes.map((n) => ({ ...n, ...shift(n) })),
    edges: edges.map((e) => ({ ...e, from: shift(e.from), to: shift(e.to) })),
    width: Math.max(200, ...xs.map((x) => x - minX + 110)),
    height: Math.max(120, ...ys.map((y) => y - minY + 70)),
  }
}
