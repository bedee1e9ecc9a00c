import type { Flow, StepNode } from '@sunlight/definition'

/**
 * The route from the start to an end whose step limits add up to the most (the worst case a case
 * can take), ignoring edges that loop back (returns). Parallel branches count as alternatives,
 * which gives the longest branch: they run at the same time.
 */
export function longestRoute(flow: Pick<Flow, 'nodes' | 'edges'>): StepNode[] {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]))
  const out = new Map<string, string[]>()
  for (const e of flow.edges) if (byId.has(e.from) && byId.has(e.to)) out.set(e.from, [...(out.get(e.from) ?? []), e.to])
  const start = flow.nodes.find((n) => n.type === 'start')
  if (!start) return []
  const weight = (id: string) => {
    const n = byId.get(id)
    return n?.type === 'step' ? n.limit.value : 0
  }
  const best = new Map<string, { total: number; path: string[] }>()
  const onStack = new Set<string>()
  const visit = (id: string): { total: number; path: string[] } => {
    const known = best.get(id)
    if (known) return known
    onStack.add(id)
    let choice = { total: 0, path: [] as string[] }
    for (const to of out.get(id) ?? []) {
      if (onStack.has(to)) continue
      const r = visit(to)
      if (r.total > choice.total || choice.path.length === 0) choice = r
    }
    onStack.delete(id)
    const result = { total: weight(id) + choice.total, path: [id, ...choice.path] }
    best.set(id, result)
    return result
  }
  return visit(start.id)
    .path.map((id) => byId.get(id))
    .filter((n): n is StepNode => n?.type === 'step')
}
