import type { Flow } from '@sunlight/definition'

export interface Point {
  x: number
  y: number
}

export const LAYOUT = { columnGap: 220, rowGap: 130, left: 110, top: 120 } as const

/**
 * A layered left-to-right layout: each node goes to the column of its longest path from the start
 * (edges that close a loop, such as a return to an earlier step, are ignored), nodes of a column are
 * stacked in the order their predecessors were placed, and every column is centred on the tallest.
 * Nodes the start cannot reach get a column of their own at the end.
 */
export function autoLayout(flow: Pick<Flow, 'nodes' | 'edges'>): Record<string, Point> {
  const ids = flow.nodes.map((n) => n.id)
  const out = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const e of flow.edges) if (out.has(e.from) && out.has(e.to)) out.get(e.from)!.push(e.to)
  const start = flow.nodes.find((n) => n.type === 'start')?.id ?? ids[0]

  // back edges by DFS from the start
  const back = new Set<string>()
  const state = new Map<string, 'open' | 'done'>()
  const dfs = (id: string) => {
    state.set(id, 'open')
    for (const to of out.get(id) ?? []) {
      if (state.get(to) === 'open') back.add(`${id}>${to}`)
      else if (!state.has(to)) dfs(to)
    }
    state.set(id, 'done')
  }
  if (start) dfs(start)

  // longest-path layering over the forward edges (Kahn order)
  const layer = new Map<string, number>()
  const indeg = new Map<string, number>(ids.map((id) => [id, 0]))
  for (const [from, tos] of out) for (const to of tos) if (!back.has(`${from}>${to}`) && state.has(from)) indeg.set(to, (indeg.get(to) ?? 0) + 1)
  const queue = start ? [start] : []
  if (start) layer.set(start, 0)
  const order: string[] = []
  while (queue.length) {
    const id = queue.shift() as string
    order.push(id)
    for (const to of out.get(id) ?? []) {
      if (back.has(`${id}>${to}`)) continue
      layer.set(to, Math.max(layer.get(to) ?? 0, (layer.get(id) ?? 0) + 1))
      indeg.set(to, (indeg.get(to) ?? 1) - 1)
      if (indeg.get(to) === 0) queue.push(to)
    }
  }
  const maxLayer = Math.max(0, ...layer.values())
  for (const id of ids) if (!layer.has(id)) layer.set(id, maxLayer + 1)
  for (const id of ids) if (!order.includes(id)) order.push(id)

  const columns = new Map<number, string[]>()
  for (const id of order) {
    const l = layer.get(id) as number
    columns.set(l, [...(columns.get(l) ?? []), id])
  }
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length))
  const positions: Record<string, Point> = {}
  for (const [l, col] of columns) {
    const offset = ((tallest - col.length) * LAYOUT.rowGap) / 2
    col.forEach((id, i) => {
      positions[id] = { x: LAYOUT.left + l * LAYOUT.columnGap, y: LAYOUT.top + offset + i * LAYOUT.rowGap }
    })
  }
  return positions
}
