import type { Flow } from '@sunlight/definition'

export type Change = 'added' | 'removed' | 'changed'

/** What changed in a flow, by node and edge id (both versions compared element by element). */
export function flowChanges(before: Pick<Flow, 'nodes' | 'edges'> | undefined, after: Pick<Flow, 'nodes' | 'edges'>): Map<string, Change> {
  const out = new Map<string, Change>()
  const compare = <T extends { id: string }>(a: readonly T[], b: readonly T[]) => {
    const old = new Map(a.map((x) => [x.id, JSON.stringify(x)]))
    const now = new Map(b.map((x) => [x.id, JSON.stringify(x)]))
    for (const [id, json] of now) if (!old.has(id)) out.set(id, 'added')
      else if (old.get(id) !== json) out.set(id, 'changed')
    for (const id of old.keys()) if (!now.has(id)) out.set(id, 'removed')
  }
  compare(before?.nodes ?? [], after.nodes)
  compare(before?.edges ?? [], after.edges)
  return out
}
