/**
 * Peer of the designer bench: bare LogicFlow (the very @logicflow/core the designer uses) with its
 * built-in rect / diamond / circle nodes and polyline edges, no plugins, no custom views. The bench
 * calls `window.peerRender(graph)` with the same graph the designer draws.
 */
import LogicFlow from '@logicflow/core'
import '@logicflow/core/dist/index.css'

declare global {
  interface Window {
    peerRender(graph: unknown): void
    peerReady: boolean
  }
}

let lf: LogicFlow | undefined
/** The designer's own view rules (designer flow-canvas.ts): above 200 nodes, partial rendering and the start at 100 %. */
const LARGE_FLOW = 200
window.peerRender = (graph) => {
  const g = graph as LogicFlow.GraphConfigData & { nodes: { x: number; y: number }[] }
  const container = document.getElementById('lf') as HTMLElement
  const large = g.nodes.length > LARGE_FLOW
  lf?.destroy()
  lf = new LogicFlow({ container, grid: { size: 10, type: 'dot' }, stopScrollGraph: false, partial: large })
  lf.render(g)
  const first = g.nodes[0]
  if (!large) lf.fitView(120, 120)
  else if (first) lf.translate(420 - first.x, 160 - first.y)
  container.dataset.nodes = String(g.nodes.length)
}
window.peerReady = true
// ?graph=graph.json: fetch the graph and draw it at once (the bench times navigation → drawn).
const graphUrl = new URLSearchParams(location.search).get('graph')
if (graphUrl) void fetch(graphUrl).then((r) => r.json()).then((g: unknown) => window.peerRender(g))
