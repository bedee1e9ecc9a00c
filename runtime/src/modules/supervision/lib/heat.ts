import { buildChart, type ChartData, type ChartFlow } from '../../../lib/flow-chart'

/**
 * The "where do cases wait longest" overlay: a flow's nodes coloured by the average time cases
 * spend at them. Light to dark orange-red; every fill keeps the dark node text readable (contrast
 * ≥ 4.5:1 against #1f2933), and the stroke thickens with the heat so colour is not the only cue.
 */
export const HEAT_STOPS = ['#f1f5f9', '#fff1c2', '#ffd58a', '#ffac6b', '#f4795b'] as const

/** Which of the five stops a wait falls in: 0 for no data, 1…4 by share of the longest wait. */
export function heatBand(wait: number | undefined, max: number): number {
  if (wait === undefined || !Number.isFinite(wait) || wait <= 0 || max <= 0) return 0
  const share = Math.min(1, wait / max)
  return Math.min(4, 1 + Math.floor(share * 4 - 1e-9))
}

export interface NodeWait {
  node: string
  /** Average time a case spent at the node, ms. */
  avgWaitMs: number
  /** How many visits the average is over. */
  cases: number
}

/**
 * The flowchart of a flow with each node filled by its average wait, the wait written under the
 * node's name (`describe` formats it), and a caption per node for screen readers.
 */
export function heatChart(flow: ChartFlow, waits: readonly NodeWait[], describe: (w: NodeWait) => string, layout?: Record<string, { x: number; y: number }>): { chart: ChartData; captions: Record<string, string>; max: number } {
  const byNode = new Map(waits.map((w) => [w.node, w]))
  const max = Math.max(0, ...waits.map((w) => w.avgWaitMs))
  const base = buildChart(flow, { done: [], current: [] }, layout)
  const captions: Record<string, string> = {}
  const nodes = base.nodes.map((n) => {
    const w = byNode.get(n.id)
    const band = heatBand(w?.avgWaitMs, max)
    if (w) captions[n.id] = describe(w)
    return {
      ...n,
      text: w ? `${n.text}\n${describe(w)}` : n.text,
      properties: { ...n.properties, heat: band, style: { fill: HEAT_STOPS[band] as string, stroke: band >= 3 ? '#9a3412' : '#5b6472', strokeWidth: band === 0 ? 1 : band + 1 } },
    }
  })
  return { chart: { ...base, nodes }, captions, max }
}

/** The nodes ranked by average wait, longest first (the table beside the drawing). */
export function rankWaits(waits: readonly NodeWait[], names: Record<string, string>): (NodeWait & { name: string })[] {
  return [...waits].sort((a, b) => b.avgWaitMs - a.avgWaitMs).map((w) => ({ ...w, name: names[w.node] ?? w.node }))
}
